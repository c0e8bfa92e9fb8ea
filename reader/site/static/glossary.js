/* Glossary page: quick filter box plus domain and status filters. */
(function () {
  "use strict";
  var form = document.getElementById("glossary-filters");
  if (!form) return;
  form.hidden = false;
  var text = document.getElementById("term-filter");
  var domain = document.getElementById("domain-filter");
  var status = document.getElementById("status-filter");
  var count = document.getElementById("term-count");
  var none = document.getElementById("no-terms");
  var rows = Array.prototype.slice.call(document.querySelectorAll("#terms tbody tr"));

  function normal(s) {
    // Toneless and lowercase, so "yingzi" and "shadow" both match.
    return s.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase().trim();
  }

  function filter() {
    var words = normal(text.value).split(/\s+/).filter(Boolean);
    var shown = 0;
    rows.forEach(function (row) {
      var haystack = normal(row.dataset.text);
      var ok = (!domain.value || row.dataset.domain === domain.value) &&
        (!status.value || row.dataset.status === status.value) &&
        words.every(function (w) { return haystack.indexOf(w) !== -1; });
      row.hidden = !ok;
      if (ok) shown += 1;
    });
    count.textContent = shown + " of " + rows.length + " terms";
    none.hidden = shown !== 0;
  }

  form.addEventListener("submit", function (e) { e.preventDefault(); });
  [text, domain, status].forEach(function (input) { input.addEventListener("input", filter); });
  filter();
})();
