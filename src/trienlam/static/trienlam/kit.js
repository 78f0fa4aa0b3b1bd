// Promotion kit: copy buttons and the agency list filter. Plain JavaScript, no inline code
// (the pages' Content-Security-Policy forbids it); without JavaScript the page works as is.
(function () {
  "use strict";
  var script = document.currentScript;
  var copied = (script && script.dataset.copied) || "Copied";
  var failed = (script && script.dataset.failed) || "Select the text and copy it.";
  var status = document.querySelector(".kit-status");

  function say(button, text) {
    var label = button.dataset.label || button.textContent;
    button.dataset.label = label;
    button.textContent = text;
    if (status) { status.textContent = text; }
    window.setTimeout(function () { button.textContent = label; }, 2500);
  }

  function copy(button) {
    var field = document.querySelector(button.dataset.copy);
    if (!field) { return; }
    var text = field.value;
    field.focus();
    field.select();
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(
        function () { say(button, copied); },
        function () { say(button, document.execCommand("copy") ? copied : failed); }
      );
    } else {
      say(button, document.execCommand("copy") ? copied : failed);
    }
  }

  document.querySelectorAll("button.kit-copy[data-copy]").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () { copy(button); });
  });

  // Fold as the server does: no diacritics, đ → d, lower case.
  function fold(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "")
      .replace(/đ/g, "d").replace(/Đ/g, "d").toLowerCase();
  }

  document.querySelectorAll("input[data-filter]").forEach(function (input) {
    var list = document.querySelector(input.dataset.filter);
    if (!list) { return; }
    var empty = list.querySelector("[data-filter-empty]");
    input.addEventListener("input", function () {
      var words = fold(input.value).split(/\s+/).filter(Boolean);
      var shown = 0;
      list.querySelectorAll("details").forEach(function (group) {
        var inGroup = 0;
        group.querySelectorAll("li[data-search]").forEach(function (item) {
          var haystack = fold(item.dataset.search);
          var match = words.every(function (w) { return haystack.indexOf(w) !== -1; });
          item.hidden = !match;
          if (match) { inGroup += 1; }
        });
        group.hidden = inGroup === 0;
        group.open = words.length > 0 && inGroup > 0;
        shown += inGroup;
      });
      if (empty) { empty.hidden = shown !== 0; }
    });
  });
})();
