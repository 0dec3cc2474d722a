// profilec site: sortable and filterable tables. Progressive enhancement:
// without this script every table is complete and readable; with it, column
// headings of `table[data-sortable]` become sort buttons, the filter box
// of `[data-tools-for]` appears, and a document's table that scrolls
// sideways on a narrow screen can be reached (and scrolled) by keyboard.
// No network, no library.
(function () {
  "use strict";

  function fold(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }

  function sortKey(cell, type) {
    var raw = cell.getAttribute("data-sort");
    if (raw === null) raw = cell.textContent.trim();
    if (type === "number") {
      var n = parseFloat(raw);
      return isNaN(n) ? -Infinity : n;
    }
    return fold(raw);
  }

  function makeSortable(table) {
    var headings = table.tHead ? table.tHead.rows[table.tHead.rows.length - 1].cells : [];
    var body = table.tBodies[0];
    if (!body) return;
    Array.prototype.forEach.call(headings, function (th, column) {
      var type = th.getAttribute("data-sort-type");
      if (!type) return;
      var button = document.createElement("button");
      button.type = "button";
      while (th.firstChild) button.appendChild(th.firstChild);
      th.appendChild(button);
      button.addEventListener("click", function () {
        var ascending = th.getAttribute("aria-sort") !== "ascending";
        Array.prototype.forEach.call(headings, function (other) {
          other.removeAttribute("aria-sort");
        });
        th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
        var rows = Array.prototype.slice.call(body.rows);
        rows.sort(function (a, b) {
          var x = sortKey(a.cells[column], type);
          var y = sortKey(b.cells[column], type);
          var order = x < y ? -1 : x > y ? 1 : 0;
          if (order === 0) {
            order = sortKey(a.cells[0], "number") - sortKey(b.cells[0], "number");
          }
          return ascending ? order : -order;
        });
        rows.forEach(function (row) { body.appendChild(row); });
      });
    });
  }

  function makeFilter(tools) {
    var input = tools.querySelector("input[data-filter]");
    var table = document.getElementById(input.getAttribute("data-filter"));
    if (!table) return;
    var count = tools.querySelector(".filter-count");
    var rows = table.querySelectorAll("tbody tr");
    function apply() {
      var words = fold(input.value).split(/\s+/).filter(Boolean);
      var shown = 0;
      Array.prototype.forEach.call(rows, function (row) {
        var text = fold(row.getAttribute("data-filter-text") || row.textContent);
        var match = words.every(function (w) { return text.indexOf(w) !== -1; });
        row.hidden = !match;
        if (match) shown += 1;
      });
      if (count) {
        var noun = rows.length === 1 ? " country" : " countries";
        count.textContent = words.length
          ? shown + " of " + rows.length + noun
          : rows.length + noun;
      }
    }
    input.addEventListener("input", apply);
    tools.hidden = false;
    apply();
  }

  // A table that scrolls sideways (site.css makes a document's tables
  // scroll on a phone) holds no link to focus, often: it takes the focus
  // itself, so a keyboard can scroll it. Checked again when the width changes.
  function reachScrollers() {
    Array.prototype.forEach.call(document.querySelectorAll("article.doc table"), function (table) {
      var style = window.getComputedStyle(table);
      var scrolls = (style.overflowX === "auto" || style.overflowX === "scroll") &&
        table.scrollWidth > table.clientWidth;
      if (scrolls) {
        table.setAttribute("tabindex", "0");
      } else {
        table.removeAttribute("tabindex");
      }
    });
  }

  function start() {
    Array.prototype.forEach.call(document.querySelectorAll("table[data-sortable]"), makeSortable);
    Array.prototype.forEach.call(document.querySelectorAll("[data-tools-for]"), makeFilter);
    reachScrollers();
    window.addEventListener("resize", reachScrollers);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
