/* Offline search over window.READER_SEARCH (search-index.js).
   Chinese: substring of the text, its simplified and its traditional form.
   Pinyin: toneless syllables, with or without spaces, whole syllables only.
   English: every word of the query starts a word of the English. */
(function () {
  "use strict";
  var index = window.READER_SEARCH;
  // Forms the index leaves empty are the text itself.
  index.sentences.forEach(function (row) {
    if (!row[3]) row[3] = row[2];
    if (!row[4]) row[4] = row[2];
  });
  var form = document.getElementById("search-form");
  var input = document.getElementById("q");
  var status = document.getElementById("search-status");
  var results = document.getElementById("results");
  var termBox = document.getElementById("term-results");
  var termList = document.getElementById("term-list");
  var LIMIT = 200;
  var HAN = /[\u3400-\u9fff\uf900-\ufaff]/;

  var el = window.ReaderPrefs.el;

  function toneless(s) {
    return s.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase().replace(/ü|v/g, "u");
  }

  /* Pinyin index: syllables joined without spaces, plus where each syllable starts. */
  var pinyinCache = {};
  function pinyinOf(i) {
    if (pinyinCache[i]) return pinyinCache[i];
    var syllables = index.sentences[i][6].split(" ").filter(Boolean);
    var joined = "";
    var bounds = { 0: 0 };  // offset in joined -> number of syllables before it
    syllables.forEach(function (s, n) { joined += s; bounds[joined.length] = n + 1; });
    return (pinyinCache[i] = { joined: joined, bounds: bounds, count: syllables.length });
  }

  /* The span of the text a pinyin match covers, when syllables line up with the Han characters. */
  function hanSpan(text, count, first, last) {
    var positions = [];
    for (var k = 0; k < text.length; k++) if (HAN.test(text[k])) positions.push(k);
    if (positions.length !== count) return null;
    return [positions[first], positions[last - 1] + 1];
  }

  function pinyinMatch(i, q) {
    var p = pinyinOf(i);
    var at = p.joined.indexOf(q);
    while (at !== -1) {
      var first = p.bounds[at];
      var last = p.bounds[at + q.length];
      if (first !== undefined && last !== undefined) {
        return hanSpan(index.sentences[i][2], p.count, first, last) || [-1, -1];
      }
      at = p.joined.indexOf(q, at + 1);
    }
    return null;
  }

  function englishWords(s) { return s.toLowerCase().split(/[^\p{L}\p{N}']+/u).filter(Boolean); }

  function find(query) {
    var hits = [];
    var q = query.trim();
    if (!q) return hits;
    var chinese = HAN.test(q);
    var qWords = englishWords(q);
    var qPinyin = toneless(q).replace(/[\s'-]+/g, "");
    var pinyinOk = /^[a-z]+$/.test(qPinyin);
    index.sentences.forEach(function (row, i) {
      if (chinese) {
        var at = row[2].indexOf(q);
        // Found only in the other script: the same place, where the forms have the same length.
        [row[3], row[4]].forEach(function (form) {
          if (at === -1 && form.length === row[2].length) at = form.indexOf(q);
        });
        if (at !== -1 || row[3].indexOf(q) !== -1 || row[4].indexOf(q) !== -1) {
          hits.push({ i: i, score: 0, zh: at === -1 ? null : [at, at + q.length] });
        }
        return;
      }
      var en = row[5].toLowerCase();
      var enWords = englishWords(en);
      var allWords = qWords.length && qWords.every(function (w) {
        return enWords.some(function (e) { return e.indexOf(w) === 0; });
      });
      var phrase = en.indexOf(q.toLowerCase()) !== -1;
      var py = pinyinOk ? pinyinMatch(i, qPinyin) : null;
      if (phrase || allWords || py) {
        hits.push({ i: i, score: phrase ? 0 : (py ? 1 : 2), zh: py && py[0] !== -1 ? py : null });
      }
    });
    hits.sort(function (a, b) { return a.score - b.score || a.i - b.i; });
    return hits;
  }

  function markText(parent, text, start, end) {
    if (start === null || start === undefined || start < 0) {
      parent.appendChild(document.createTextNode(text));
      return;
    }
    parent.appendChild(document.createTextNode(text.slice(0, start)));
    parent.appendChild(el("mark", "", text.slice(start, end)));
    parent.appendChild(document.createTextNode(text.slice(end)));
  }

  function findTerms(q) {
    var t = toneless(q).replace(/\s+/g, "");
    var lower = q.toLowerCase().trim();
    return index.terms.filter(function (term) {
      if (HAN.test(q)) return term[0].indexOf(q) !== -1 || term[1].indexOf(q) !== -1 || q.indexOf(term[0]) !== -1;
      return term[3].replace(/\s+/g, "").replace(/ü|v/g, "u") === t || term[4].toLowerCase().indexOf(lower) !== -1;
    });
  }

  function render(query) {
    results.replaceChildren();
    termList.replaceChildren();
    var q = query.trim();
    if (!q) {
      termBox.hidden = true;
      status.textContent = "Type Chinese, English or pinyin to search " + index.documents.length + " documents.";
      return;
    }
    var terms = findTerms(q);
    terms.forEach(function (term) {
      var li = el("li");
      var a = el("a", "", "", "");
      a.href = term[5];
      a.appendChild(el("span", "", term[0], "zh-Hans"));
      a.appendChild(document.createTextNode(" " + term[2] + " · " + term[4]));
      li.appendChild(a);
      termList.appendChild(li);
    });
    termBox.hidden = terms.length === 0;
    var hits = find(q);
    status.textContent = hits.length === 0 ? "No sentence matches “" + q + "”." :
      hits.length + " sentence" + (hits.length === 1 ? "" : "s") + " match “" + q + "”" +
      (hits.length > LIMIT ? "; showing the first " + LIMIT + "." : ".");
    var lowerQ = q.toLowerCase();
    hits.slice(0, LIMIT).forEach(function (hit) {
      var row = index.sentences[hit.i];
      var doc = index.documents[row[0]];
      var li = el("li", "result");
      var where = el("p", "where");
      var link = el("a");
      link.href = doc.href + "#" + row[1];
      link.appendChild(el("span", "", doc.title, doc.lang));
      link.appendChild(document.createTextNode(", sentence " + row[1]));
      where.appendChild(link);
      li.appendChild(where);
      var zh = el("p", "zh-text", "", doc.lang);
      markText(zh, row[2], hit.zh ? hit.zh[0] : null, hit.zh ? hit.zh[1] : null);
      li.appendChild(zh);
      var en = el("p", "en-text", "", "en");
      var at = row[5].toLowerCase().indexOf(lowerQ);
      markText(en, row[5] || "[no translation]", at === -1 ? null : at, at + q.length);
      li.appendChild(en);
      results.appendChild(li);
    });
  }

  var timer = 0;
  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(function () {
      render(input.value);
      var url = new URL(window.location.href);
      url.searchParams.set("q", input.value);
      try { window.history.replaceState(null, "", url.toString()); } catch (e) { /* file:// in some browsers */ }
    }, 150);
  });
  form.addEventListener("submit", function (e) {
    e.preventDefault();
    render(input.value);
  });

  var initial = new URLSearchParams(window.location.search).get("q") || "";
  input.value = initial;
  render(initial);
})();
