// profilec site: sortable and filterable tables. Progressive enhancement:
// without this script every table is complete and readable; with it, column
// headings of `table[data-sortable]` become sort buttons, the filter box
// of `[data-tools-for]` appears, with its region and tier choices, and a
// document's table that scrolls sideways on a narrow screen can be reached
// (and scrolled) by keyboard. No network, no library.
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

  // The filter box, and the choices beside it: a `select[data-filter-attr=X]`
  // keeps the rows whose `data-X` is the chosen value. A choice named in the
  // page's address (`?region=europe`) is made on arrival.
  function makeFilter(tools) {
    var input = tools.querySelector("input[data-filter]");
    var table = document.getElementById(input.getAttribute("data-filter"));
    if (!table) return;
    var count = tools.querySelector(".filter-count");
    var rows = table.querySelectorAll("tbody tr");
    var choices = Array.prototype.slice.call(tools.querySelectorAll("select[data-filter-attr]"));
    var asked = new URLSearchParams(window.location.search);
    choices.forEach(function (select) {
      var wanted = select.name && asked.get(select.name);
      if (wanted && select.querySelector('option[value="' + wanted.replace(/[^a-z0-9-]/gi, "") + '"]')) {
        select.value = wanted;
      }
      select.addEventListener("change", apply);
    });
    function apply() {
      var words = fold(input.value).split(/\s+/).filter(Boolean);
      var chosen = choices.filter(function (s) { return s.value !== ""; });
      var shown = 0;
      Array.prototype.forEach.call(rows, function (row) {
        var text = fold(row.getAttribute("data-filter-text") || row.textContent);
        var match = words.every(function (w) { return text.indexOf(w) !== -1; }) &&
          chosen.every(function (s) {
            return row.getAttribute("data-" + s.getAttribute("data-filter-attr")) === s.value;
          });
        row.hidden = !match;
        if (match) shown += 1;
      });
      if (count) {
        var noun = rows.length === 1 ? " country" : " countries";
        count.textContent = words.length || chosen.length
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
  // The same goes for a .table-scroll box (the site's own wide tables)
  // that holds nothing to focus; it is named by its table's caption.
  function reachScrollers() {
    var boxes = document.querySelectorAll("article.doc table, .table-scroll");
    Array.prototype.forEach.call(boxes, function (box) {
      var style = window.getComputedStyle(box);
      var scrolls = (style.overflowX === "auto" || style.overflowX === "scroll") &&
        box.scrollWidth > box.clientWidth &&
        !(box.tagName !== "TABLE" && box.querySelector("a[href], button, input, [tabindex]"));
      if (scrolls) {
        box.setAttribute("tabindex", "0");
        var caption = box.tagName !== "TABLE" && box.querySelector("caption");
        if (caption) {
          box.setAttribute("role", "region");
          box.setAttribute("aria-label", caption.textContent);
        }
      } else {
        box.removeAttribute("tabindex");
        if (box.tagName !== "TABLE") {
          box.removeAttribute("role");
          box.removeAttribute("aria-label");
        }
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
