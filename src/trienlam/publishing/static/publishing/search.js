/* Search in the static export: Pagefind's UI over an index of folded text.
 *
 * The index holds every record's text folded as the live search folds it (lower case, no
 * marks, "đ" → "d"), so the query is folded the same way here before Pagefind sees it:
 * "thi dua", "THI ĐUA" and "thi đua" all find "thi đua". Results show the accented title
 * and summary kept as metadata. A query in the address (?q=..., from the header's search
 * form) is searched at once.
 */
(function () {
  "use strict";
  var root = document.getElementById("search");
  if (!root || !window.PagefindUI) { return; }

  function fold(text) {
    return text.replace(/đ/g, "d").replace(/Đ/g, "D").normalize("NFD")
      .replace(/\p{M}/gu, "").normalize("NFC").toLowerCase();
  }

  function escapeHtml(text) {
    return text.replace(/[&<>"']/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c];
    });
  }

  var ui = new window.PagefindUI({
    element: "#search",
    showSubResults: false,
    showImages: true,
    resetStyles: false,
    processTerm: fold,
    processResult: function (result) {
      if (result.meta && result.meta.summary) {
        result.excerpt = escapeHtml(result.meta.summary);
        delete result.meta.summary;
      }
      return result;
    },
    translations: {
      placeholder: root.getAttribute("data-placeholder"),
      zero_results: root.getAttribute("data-zero"),
      one_result: root.getAttribute("data-one"),
      many_results: root.getAttribute("data-many"),
      clear_search: root.getAttribute("data-clear"),
      filters_label: root.getAttribute("data-filters"),
      load_more: root.getAttribute("data-more")
    }
  });
  var query = new URLSearchParams(window.location.search).get("q");
  if (query) { ui.triggerSearch(query); }
})();
