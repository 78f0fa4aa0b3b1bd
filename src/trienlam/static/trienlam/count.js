// Counts one view of this page (docs/configuration.md, "Visit statistics"): asks for a 1×1
// image with the page's path, its ?ref= referral code and the referring site's host name.
// No cookie, no storage, nothing about the visitor. A prerendered page counts only once
// the visitor actually opens it. Without JavaScript, the <noscript> image does the same.
(function () {
  "use strict";
  var script = document.currentScript;
  if (!script || !script.dataset.hit || !script.dataset.path) return;
  function send() {
    var params = new URLSearchParams();
    params.set("u", script.dataset.path);
    var ref = new URLSearchParams(window.location.search).get("ref");
    if (ref) params.set("r", ref.slice(0, 64));
    var host = "";
    try {
      host = document.referrer ? new URL(document.referrer).hostname : "";
    } catch (error) {
      host = "";
    }
    if (host && host !== window.location.hostname) params.set("h", host.slice(0, 100));
    var pixel = new Image(1, 1);
    pixel.src = script.dataset.hit + "?" + params.toString();
  }
  if (document.prerendering) {
    document.addEventListener("prerenderingchange", send, { once: true });
  } else {
    send();
  }
})();
