// "Search all tables" (datasette-search-all): its results are drawn from JSON, so organisation codes are
// plain text and documents show their whole text. This links every ODS code to the organisation page
// and cuts long cells to a snippet around the words searched for.
(function () {
  "use strict";
  var base = (document.currentScript && document.currentScript.src || "").replace(/\/-\/static-plugins\/.*$/, "");
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }

  function start() {
  var results = document.getElementById("search-all-results");
  var q = document.getElementById("search-all-q");
  if (!results) return;
  var MAX = 240;
  var words = (q && q.value || "").toLowerCase().split(/\W+/).filter(function (w) { return w.length > 1; });

  function snippet(td) {
    var text = td.textContent;
    if (text.length <= MAX || td.querySelector("a")) return;
    var lower = text.toLowerCase();
    var at = -1;
    words.some(function (w) { at = lower.indexOf(w); return at >= 0; });
    var start = Math.max(0, (at < 0 ? 0 : at) - MAX / 3);
    td.textContent = (start > 0 ? "… " : "") + text.slice(start, start + MAX) + " …";
    td.title = "shortened: open the row for the whole text";
  }

  function linkCodes(table) {
    var heads = Array.prototype.map.call(table.querySelectorAll("th"), function (th) { return th.textContent; });
    var column = heads.indexOf("ods_code");
    Array.prototype.forEach.call(table.querySelectorAll("tr"), function (tr) {
      var cells = tr.querySelectorAll("td");
      Array.prototype.forEach.call(cells, snippet);
      var cell = cells[column];
      if (column < 0 || !cell || cell.querySelector("a") || !/^[A-Z0-9]{2,12}$/.test(cell.textContent.trim())) return;
      var a = document.createElement("a");
      a.href = base + "/-/organisation/" + cell.textContent.trim();
      a.textContent = cell.textContent.trim();
      cell.textContent = "";
      cell.appendChild(a);
    });
  }

  new MutationObserver(function () {
    Array.prototype.forEach.call(results.querySelectorAll("table:not([data-nw])"), function (table) {
      table.setAttribute("data-nw", "1");
      linkCodes(table);
    });
  }).observe(results, { childList: true, subtree: true });
  Array.prototype.forEach.call(results.querySelectorAll("table"), linkCodes);
  }
})();
