// profilec site: search over the prebuilt index (assets/search-index.js,
// which sets window.PROFILEC_SEARCH_INDEX). Works offline and from disk.
// Every word of the query must appear (accents and case ignored); matches in
// titles rank first. Results are built with textContent, never as HTML.
(function () {
  "use strict";
  var LIMIT = 50;
  var KINDS = { country: "Country", page: "Page", indicator: "Indicator", answer: "Answer" };

  function fold(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }

  function load() {
    var index = window.PROFILEC_SEARCH_INDEX;
    if (!index || !index.entries) return null;
    return index.entries.map(function (e) {
      return {
        kind: e[0], title: e[1], subtitle: e[2], url: e[3], text: e[4],
        head: fold(e[1]), body: fold(e[1] + " " + e[2] + " " + e[4])
      };
    });
  }

  function snippet(entry, words) {
    var text = entry.text;
    if (!text) return "";
    var folded = fold(text);
    var at = -1;
    for (var i = 0; i < words.length && at < 0; i++) at = folded.indexOf(words[i]);
    if (at < 0) return text.length > 160 ? text.slice(0, 157) + "…" : text;
    var start = Math.max(0, at - 60);
    var end = Math.min(text.length, at + 100);
    return (start > 0 ? "…" : "") + text.slice(start, end) + (end < text.length ? "…" : "");
  }

  function search(entries, query) {
    var words = fold(query).split(/\s+/).filter(Boolean);
    if (!words.length) return { words: words, hits: [] };
    var hits = [];
    entries.forEach(function (entry, order) {
      for (var i = 0; i < words.length; i++) {
        if (entry.body.indexOf(words[i]) === -1) return;
      }
      var score = 0;
      words.forEach(function (w) {
        if (entry.head.indexOf(w) !== -1) score += 10;
        if (entry.head.indexOf(w) === 0) score += 5;
      });
      if (entry.kind === "country") score += 3;
      if (entry.kind === "indicator" || entry.kind === "page") score += 2;
      hits.push({ entry: entry, score: score, order: order });
    });
    hits.sort(function (a, b) { return b.score - a.score || a.order - b.order; });
    return { words: words, hits: hits };
  }

  function show(list, status, result, query) {
    while (list.firstChild) list.removeChild(list.firstChild);
    var hits = result.hits;
    if (!result.words.length) {
      status.textContent = "Type a country, an indicator, a law or an agency.";
      return;
    }
    status.textContent = hits.length === 0
      ? "No results for “" + query + "”."
      : hits.length + (hits.length === 1 ? " result" : " results") + " for “" + query + "”" +
        (hits.length > LIMIT ? " (the first " + LIMIT + " shown)." : ".");
    hits.slice(0, LIMIT).forEach(function (hit) {
      var e = hit.entry;
      var li = document.createElement("li");
      li.className = "result result-" + e.kind;
      var kind = document.createElement("span");
      kind.className = "result-kind";
      kind.textContent = KINDS[e.kind] || e.kind;
      var a = document.createElement("a");
      a.href = e.url;
      a.textContent = e.title;
      var sub = document.createElement("span");
      sub.className = "result-sub";
      sub.textContent = e.subtitle;
      li.appendChild(kind);
      li.appendChild(a);
      li.appendChild(sub);
      var text = snippet(e, result.words);
      if (text) {
        var p = document.createElement("span");
        p.className = "result-text";
        p.textContent = text;
        li.appendChild(p);
      }
      list.appendChild(li);
    });
  }

  function start() {
    var input = document.getElementById("search-q");
    var list = document.getElementById("search-results");
    var status = document.getElementById("search-status");
    if (!input || !list || !status) return;
    var entries = load();
    if (!entries) {
      status.textContent = "The search index could not be loaded.";
      return;
    }
    var params = new URLSearchParams(window.location.search);
    var initial = params.get("q") || "";
    input.value = initial;
    var header = document.getElementById("site-q");
    if (header) header.value = initial;
    function run() {
      show(list, status, search(entries, input.value), input.value.trim());
    }
    var timer = null;
    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(run, 120);
    });
    input.form.addEventListener("submit", function (event) {
      event.preventDefault();
      run();
    });
    if (initial) run();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
