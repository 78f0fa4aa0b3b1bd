/* Deep zoom for item pages, as a progressive enhancement.
 *
 * The page already shows every page image as a plain <img> (fast first view, works without
 * JavaScript). After the page has loaded, each image gets a "zoom" button; the first press
 * loads OpenSeadragon (served from our own site, never before it is wanted) and opens a
 * full-screen viewer that reads
 * the pages' IIIF info.json and fetches only the tiles in view. Labels come from data-*
 * attributes rendered by the template, so every word on screen goes through gettext.
 */
(function () {
  "use strict";
  var script = document.currentScript;
  var pages = document.querySelector(".pages[data-viewer]");
  if (!script || !pages) { return; }
  var figures = Array.prototype.slice.call(pages.querySelectorAll("figure[data-iiif]"));
  if (!figures.length) { return; }
  var text = JSON.parse(pages.getAttribute("data-viewer"));
  var loading = null;
  var dialog = null;
  var viewer = null;

  function loadOpenSeadragon() {
    if (window.OpenSeadragon) { return Promise.resolve(window.OpenSeadragon); }
    if (!loading) {
      loading = new Promise(function (resolve, reject) {
        var tag = document.createElement("script");
        tag.src = script.getAttribute("data-osd");
        tag.onload = function () { resolve(window.OpenSeadragon); };
        tag.onerror = function () { loading = null; reject(new Error("viewer failed to load")); };
        document.head.appendChild(tag);
      });
    }
    return loading;
  }

  function setStrings(OSD) {
    var strings = {
      "Tooltips.ZoomIn": text.zoomIn, "Tooltips.ZoomOut": text.zoomOut,
      "Tooltips.Home": text.home, "Tooltips.FullPage": text.fullPage,
      "Tooltips.NextPage": text.nextPage, "Tooltips.PreviousPage": text.previousPage,
      "Tooltips.RotateLeft": text.rotateLeft, "Tooltips.RotateRight": text.rotateRight
    };
    Object.keys(strings).forEach(function (key) { OSD.setString(key, strings[key]); });
  }

  function buildDialog() {
    dialog = document.createElement("div");
    dialog.className = "viewer";
    dialog.setAttribute("role", "dialog");
    dialog.setAttribute("aria-modal", "true");
    dialog.setAttribute("aria-label", text.title);
    dialog.hidden = true;
    dialog.innerHTML =
      '<div class="viewer-bar" role="toolbar"><span class="viewer-status" aria-live="polite">' +
      '</span></div><div class="viewer-canvas" id="viewer-canvas"></div>' +
      '<p class="viewer-help"></p>';
    var bar = dialog.querySelector(".viewer-bar");
    // Our own labelled buttons, handed to OpenSeadragon by id: readable text, no icon images.
    BUTTONS.forEach(function (spec) {
      if (spec.pages && figures.length < 2) { return; }
      if (spec.key === "fullPage" && !canFullScreen()) { return; }  // e.g. iPhone Safari
      var button = document.createElement("button");
      button.type = "button";
      button.id = "viewer-" + spec.key;
      button.textContent = spec.symbol;
      button.title = text[spec.key];
      button.setAttribute("aria-label", text[spec.key]);
      bar.appendChild(button);
    });
    var closeButton = document.createElement("button");
    closeButton.type = "button";
    closeButton.className = "viewer-close";
    closeButton.textContent = text.close;
    bar.appendChild(closeButton);
    dialog.querySelector(".viewer-help").textContent = text.help;
    dialog.querySelector(".viewer-close").addEventListener("click", close);
    var full = dialog.querySelector("#viewer-fullPage");
    if (full) {
      full.setAttribute("aria-pressed", "false");
      full.addEventListener("click", toggleFullScreen);
      document.addEventListener("fullscreenchange", function () {
        full.setAttribute("aria-pressed", String(document.fullscreenElement === dialog));
        focusCanvas();
      });
    }
    dialog.addEventListener("keydown", function (event) {
      if (event.key === "Escape") { close(); }
      if (!viewer) { return; }
      if (event.key === "PageDown") { event.preventDefault(); goTo(viewer.currentPage() + 1); }
      if (event.key === "PageUp") { event.preventDefault(); goTo(viewer.currentPage() - 1); }
    });
    document.body.appendChild(dialog);
  }

  function goTo(index) {
    if (index >= 0 && index < figures.length) { viewer.goToPage(index); }
  }

  function status(index) {
    var label = figures.length > 1
      ? text.pageOf.replace("%(n)s", index + 1).replace("%(total)s", figures.length) : "";
    dialog.querySelector(".viewer-status").textContent = label;
  }

  // Full screen is the browser's, on the whole dialog, so the toolbar and its way out stay
  // (OpenSeadragon's own full-page mode moved the canvas out of the dialog and hid the rest).
  function canFullScreen() {
    return Boolean(document.fullscreenEnabled && document.documentElement.requestFullscreen);
  }

  function toggleFullScreen() {
    if (document.fullscreenElement) { document.exitFullscreen(); }
    else { dialog.requestFullscreen().catch(function () { /* refused: stay as we are */ }); }
  }

  function focusCanvas() {
    // OpenSeadragon listens for keys (+, −, arrows) on its own canvas, inside our element.
    if (viewer && !dialog.hidden) { viewer.canvas.focus(); }
  }

  var opener = null;
  var BUTTONS = [
    { key: "zoomIn", symbol: "+", option: "zoomInButton" },
    { key: "zoomOut", symbol: "−", option: "zoomOutButton" },
    { key: "home", symbol: "⌂", option: "homeButton" },
    { key: "fullPage", symbol: "⤢", option: null },
    { key: "rotateLeft", symbol: "⟲", option: "rotateLeftButton" },
    { key: "rotateRight", symbol: "⟳", option: "rotateRightButton" },
    { key: "previousPage", symbol: "‹", option: "previousButton", pages: true },
    { key: "nextPage", symbol: "›", option: "nextButton", pages: true }
  ];

  function buttonOptions() {
    var options = {};
    BUTTONS.forEach(function (spec) {
      if (spec.option && document.getElementById("viewer-" + spec.key)) {
        options[spec.option] = "viewer-" + spec.key;
      }
    });
    return options;
  }

  function open(index, button) {
    opener = button;
    button.setAttribute("aria-busy", "true");
    loadOpenSeadragon().then(function (OSD) {
      button.removeAttribute("aria-busy");
      if (!dialog) { buildDialog(); setStrings(OSD); }
      dialog.hidden = false;
      document.documentElement.classList.add("viewer-open");
      setPageInert(true);
      if (!viewer) {
        viewer = OSD(Object.assign(buttonOptions(), {
          id: "viewer-canvas",
          tileSources: figures.map(function (f) { return f.getAttribute("data-iiif"); }),
          sequenceMode: figures.length > 1,
          initialPage: index,
          showNavigator: true,
          navigatorPosition: "BOTTOM_RIGHT",
          showRotationControl: true,
          showFullPageControl: false,  // ours: the browser's full screen on the dialog
          gestureSettingsTouch: { pinchRotate: false },
          crossOriginPolicy: false,
          maxZoomPixelRatio: 2,
          visibilityRatio: 0.8,
          preserveViewport: false
        }));
        viewer.addHandler("page", function (event) { status(event.page); });
        window.trienlamViewer = viewer;
      } else {
        viewer.goToPage(index);
      }
      status(index);
      focusCanvas();
    }, function () {
      button.removeAttribute("aria-busy");
      button.textContent = text.failed;
    });
  }

  // A modal dialog: the page behind it takes no focus (Tab stays in the viewer) and is
  // hidden from screen readers while it is open.
  function setPageInert(on) {
    Array.prototype.forEach.call(document.body.children, function (child) {
      if (child !== dialog) { child.inert = on; }
    });
  }

  function close() {
    var left = document.fullscreenElement ? document.exitFullscreen() : Promise.resolve();
    dialog.hidden = true;
    document.documentElement.classList.remove("viewer-open");
    setPageInert(false);
    // Back to the button that opened it, once out of full screen (focus inside the page is
    // not taken while another element fills the screen).
    left.catch(function () {}).then(function () { if (opener) { opener.focus(); } });
  }

  function enhance() {
    figures.forEach(function (figure, index) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "zoom-button";
      button.textContent = text.open;
      button.addEventListener("click", function () { open(index, button); });
      // Below the image, never over it: the letterhead and the seal stay visible.
      var caption = figure.querySelector("figcaption");
      figure.insertBefore(button, caption);
    });
    // OpenSeadragon (~100 KB compressed) is fetched on the first press only: many visitors
    // pay for their mobile data and never zoom.
  }

  if (document.readyState === "complete") { enhance(); }
  else { window.addEventListener("load", enhance); }
})();
