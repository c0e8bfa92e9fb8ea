/* Document page: reader controls, sentence and term highlighting, the term
   popover and the popup dictionary. Everything it shows comes from the page
   itself (templates and the embedded word data): it never fetches. Text from
   the corpus is only ever set with textContent, never parsed as HTML. */
(function () {
  "use strict";
  var Prefs = window.ReaderPrefs;
  var prefs = Prefs.load();
  var article = document.querySelector("article.document");
  if (!article) return;
  var words = JSON.parse(document.getElementById("word-data").textContent || "[]");
  var popup = document.getElementById("word-popup");
  var popover = document.getElementById("term-popover");

  /* ---- controls ---- */
  var controls = document.getElementById("controls");
  controls.hidden = false;
  document.getElementById("reader-hint").hidden = false;
  var sizeInput = document.getElementById("font-size");
  var sizeOut = document.getElementById("font-size-value");

  function refreshControls() {
    controls.querySelectorAll("[data-pref]").forEach(function (b) {
      b.setAttribute("aria-pressed", String(!!prefs[b.dataset.pref]));
    });
    var script = currentScript();
    controls.querySelectorAll("[data-script]").forEach(function (b) {
      b.setAttribute("aria-pressed", String(b.dataset.script === script));
    });
    controls.querySelectorAll("[data-layout]").forEach(function (b) {
      b.setAttribute("aria-pressed", String(b.dataset.layout === prefs.layout));
    });
    sizeInput.value = String(prefs.size);
    sizeOut.textContent = prefs.size + "%";
  }

  function update(change) {
    Object.keys(change).forEach(function (k) { prefs[k] = change[k]; });
    Prefs.save(prefs);
    Prefs.apply(prefs);
    markTones();
    refreshControls();
  }

  controls.addEventListener("click", function (event) {
    var b = event.target.closest("button");
    if (!b) return;
    if (b.dataset.pref) {
      var change = {};
      change[b.dataset.pref] = !prefs[b.dataset.pref];
      update(change);
    } else if (b.dataset.script) {
      showScript(b.dataset.script);
      update({ script: b.dataset.script });
    } else if (b.dataset.layout) {
      update({ layout: b.dataset.layout });
    }
  });
  sizeInput.addEventListener("input", function () { update({ size: Number(sizeInput.value) }); });

  /* ---- simplified / traditional ---- */
  var original = article.dataset.originalScript;
  var shown = original;

  function currentScript() { return shown; }

  function baseTextNodes(el) {
    var nodes = [];
    var walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT, {
      acceptNode: function (n) {
        return n.parentElement.closest("rt") ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT;
      }
    });
    while (walker.nextNode()) nodes.push(walker.currentNode);
    return nodes;
  }

  function swapText(el) {
    // data-alt holds the other script; the text shown now goes back into it.
    var nodes = baseTextNodes(el);
    var now = nodes.map(function (n) { return n.data; }).join("");
    var alt = el.dataset.alt;
    if (nodes.length === 1) {
      nodes[0].data = alt;
    } else {
      var at = 0;
      nodes.forEach(function (n) {
        var len = n.data.length;
        n.data = alt.slice(at, at + len);
        at += len;
      });
    }
    el.dataset.alt = now;
  }

  function showScript(script) {
    if (script !== "simplified" && script !== "traditional") script = original;
    if (script === shown) return;
    article.querySelectorAll("[data-alt]").forEach(swapText);
    shown = script;
    var lang = script === original ? article.dataset.lang : article.dataset.altLang;
    article.querySelectorAll(".zh[lang], h1[lang]").forEach(function (el) { el.setAttribute("lang", lang); });
  }

  /* ---- sentence and term highlighting ---- */
  // A sentence's id is "s3-0-1" in the Chinese and "en-s3-0-1" in the English.
  function counterparts(sentence) {
    var key = sentence.id.replace(/^en-/, "");
    return [document.getElementById(key), document.getElementById("en-" + key)];
  }

  function pointAt(event, on) {
    var term = event.target.closest(".term[data-pair]");
    if (term) {
      document.querySelectorAll('.term[data-pair="' + term.dataset.pair + '"]').forEach(function (t) {
        t.classList.toggle("hl", on);
      });
    }
    var sentence = event.target.closest(".s[id]");
    if (sentence) counterparts(sentence).forEach(function (s) { if (s) s.classList.toggle("hl", on); });
  }

  article.addEventListener("mouseover", function (e) { pointAt(e, true); });
  article.addEventListener("mouseout", function (e) { pointAt(e, false); });
  article.addEventListener("focusin", function (e) { pointAt(e, true); });
  article.addEventListener("focusout", function (e) { pointAt(e, false); });

  /* ---- tone colours: classes from the <rt> text, added the first time they are shown ---- */
  var TONE_MARKS = { "\u0304": 1, "\u0301": 2, "\u030c": 3, "\u0300": 4 };
  var tonesMarked = false;

  function markTones() {
    if (tonesMarked || !prefs.tones) return;
    tonesMarked = true;
    article.querySelectorAll(".parallel ruby").forEach(function (ruby) {
      var rt = ruby.querySelector("rt");
      var reading = rt ? rt.textContent : "";
      if (!reading || reading.indexOf(" ") !== -1) return;  // a whole-word reading has no single tone
      var tone = 5;
      reading.normalize("NFD").split("").forEach(function (c) { if (TONE_MARKS[c]) tone = TONE_MARKS[c]; });
      ruby.classList.add("t" + tone);
    });
  }

  /* ---- positioning shared by the popup and the popover ---- */
  function place(box, anchor) {
    box.hidden = false;
    var r = anchor.getBoundingClientRect();
    var width = box.offsetWidth;
    var left = Math.max(8, Math.min(r.left + window.scrollX, window.scrollX + document.documentElement.clientWidth - width - 8));
    box.style.left = left + "px";
    // Below the word, or above it where the box would run off the bottom of the window and fits above.
    var above = r.bottom + box.offsetHeight + 6 > window.innerHeight && r.top > box.offsetHeight + 6;
    box.style.top = (above ? r.top - box.offsetHeight - 6 : r.bottom + 6) + window.scrollY + "px";
  }

  /* ---- popup dictionary ---- */
  var popupFor = null;
  var hideTimer = 0;

  var el = window.ReaderPrefs.el;

  function showWord(w) {
    var data = words[w.dataset.w];
    if (!data) return;
    clearTimeout(hideTimer);
    popup.replaceChildren();
    var shownText = baseTextNodes(w).map(function (n) { return n.data; }).join("");
    var head = el("p", "popup-head");
    head.appendChild(el("span", "popup-word", shownText, article.querySelector(".zh").getAttribute("lang")));
    if (data.p) head.appendChild(el("span", "popup-pinyin", data.p, "zh-Latn-pinyin"));
    popup.appendChild(head);
    if (!data.e.length) popup.appendChild(el("p", "muted", "No dictionary entry.", "en"));
    data.e.forEach(function (entry) {
      // An entry names its headword and reading only where they differ from the word's.
      var p = el("p", "popup-sense", "", "en");
      if (data.e.length > 1 || entry.h) {
        var reading = "p" in entry ? entry.p : data.p;
        p.appendChild(el("span", "popup-hw", (entry.h || data.t) + " ", "zh-Hans"));
        if (reading) p.appendChild(el("span", "popup-pinyin", reading + " ", "zh-Latn-pinyin"));
      }
      p.appendChild(document.createTextNode(entry.g.join("; ")));
      popup.appendChild(p);
    });
    if (popupFor) { popupFor.classList.remove("w-current"); popupFor.removeAttribute("aria-describedby"); }
    popupFor = w;
    w.classList.add("w-current");
    w.setAttribute("aria-describedby", "word-popup");  // a screen reader reads the entry with the word
    place(popup, w);
  }

  function hideWord() {
    popup.hidden = true;
    if (popupFor) { popupFor.classList.remove("w-current"); popupFor.removeAttribute("aria-describedby"); }
    popupFor = null;
  }

  article.addEventListener("mouseover", function (e) {
    var w = e.target.closest(".w");
    if (w) showWord(w);
  });
  article.addEventListener("mouseout", function (e) {
    if (e.target.closest(".w")) hideTimer = setTimeout(hideWord, 250);
  });
  popup.addEventListener("mouseover", function () { clearTimeout(hideTimer); });
  popup.addEventListener("mouseout", function () { hideTimer = setTimeout(hideWord, 250); });

  /* ---- keyboard: one tab stop per column (roving tabindex) ----
     Tab reaches the Chinese column and the English column once each, at the
     sentence last visited (Tab again: the same sentence in the other
     language); ↑ ↓ go from sentence to sentence, → ← step through
     the words and terms of a sentence (a word shows its popup, Enter on a
     term opens its card), Esc goes back to the sentence. Without this every
     sentence and term would be a tab stop: thousands on a long document. */
  var ITEMS = ".w, .term";
  var columns = [".parallel .row > .zh .s", ".parallel .row > .en .s"].map(function (selector) {
    return Array.prototype.slice.call(article.querySelectorAll(selector));
  });

  function columnOf(sentence) {
    return columns[0].indexOf(sentence) !== -1 ? columns[0] : columns[1];
  }

  // The tab stop also points screen readers at the keyboard hint (next to a flag's reason, if any).
  function describe(sentence, hint) {
    var ids = (sentence.getAttribute("aria-describedby") || "").split(" ").filter(function (id) {
      return id && id !== "reader-hint";
    });
    if (hint) ids.push("reader-hint");
    if (ids.length) sentence.setAttribute("aria-describedby", ids.join(" "));
    else sentence.removeAttribute("aria-describedby");
  }

  // A sentence and its counterpart are the tab stops together: the columns alternate row by row
  // in the page, so Tab from a sentence goes to its other language and Shift+Tab comes back.
  function makeStop(sentence) {
    counterparts(sentence).forEach(function (stop) {
      if (!stop) return;
      columnOf(stop).forEach(function (s) {
        if (s.tabIndex === 0 && s !== stop) { s.tabIndex = -1; describe(s, false); }
      });
      stop.tabIndex = 0;
      describe(stop, true);
    });
  }

  columns.forEach(function (list) { list.forEach(function (s) { s.tabIndex = -1; }); });
  if (columns[0].length) makeStop(columns[0][0]);
  article.querySelectorAll(".parallel .term").forEach(function (t) { t.tabIndex = -1; });

  function focusItem(item) {
    item.tabIndex = -1;
    item.focus();
  }

  article.addEventListener("focusin", function (e) {
    var sentence = e.target.closest(".parallel .s");
    if (sentence) makeStop(sentence);
    var w = e.target.closest(".w");
    if (w && e.target === w) showWord(w);
  });
  article.addEventListener("focusout", function (e) {
    if (e.target.classList && e.target.classList.contains("w")) hideTimer = setTimeout(hideWord, 250);
  });

  article.addEventListener("keydown", function (e) {
    if (e.altKey || e.ctrlKey || e.metaKey) return;
    var sentence = e.target.closest(".parallel .s");
    if (!sentence) return;
    var list = columnOf(sentence);
    var at = list.indexOf(sentence);
    var items = Array.prototype.slice.call(sentence.querySelectorAll(ITEMS));
    var onItem = e.target !== sentence ? items.indexOf(e.target.closest(ITEMS)) : -1;
    var next = null;
    if (e.key === "ArrowDown") next = list[at + 1];
    else if (e.key === "ArrowUp") next = list[at - 1];
    else if (e.key === "Home" && e.target === sentence) next = list[0];
    else if (e.key === "End" && e.target === sentence) next = list[list.length - 1];
    else if (e.key === "ArrowRight") next = onItem === -1 ? items[0] : items[onItem + 1];
    else if (e.key === "ArrowLeft") next = onItem === -1 ? items[items.length - 1] : (onItem === 0 ? sentence : items[onItem - 1]);
    else if (e.key === "Escape" && e.target !== sentence) next = sentence;
    else return;
    e.preventDefault();
    if (!next) return;
    if (next.classList.contains("s")) { hideWord(); next.focus(); } else focusItem(next);
  });

  /* ---- term popover ---- */
  var popoverFor = null;

  function openTerm(term) {
    // The term's card is <template id="tp-SLUG">; the link already names the slug: ../term/SLUG.html
    var slug = term.getAttribute("href").split("/").pop().replace(/\.html$/, "");
    var template = document.getElementById("tp-" + slug);
    if (!template) return false;
    hideWord();
    popover.replaceChildren(template.content.cloneNode(true));
    var close = el("button", "popover-close", "Close", "en");
    close.type = "button";
    close.addEventListener("click", closeTerm);
    popover.appendChild(close);
    popover.setAttribute("tabindex", "-1");
    popoverFor = term;
    place(popover, term);
    popover.focus();
    return true;
  }

  function closeTerm() {
    if (popover.hidden) return;
    popover.hidden = true;
    if (popoverFor) popoverFor.focus();
    popoverFor = null;
  }

  document.addEventListener("click", function (e) {
    var term = e.target.closest("article .term");
    if (term && !(e.ctrlKey || e.metaKey || e.shiftKey) && openTerm(term)) {
      e.preventDefault();
      return;
    }
    var w = e.target.closest("article .w");
    if (w) {
      // A tap also fires mouseover first, so a click shows the popup and never toggles it off.
      showWord(w);
      return;
    }
    if (!e.target.closest("#term-popover, #word-popup")) {
      if (!popover.hidden) { popover.hidden = true; popoverFor = null; }
      hideWord();
    }
  });

  document.addEventListener("keydown", function (e) {
    if (e.key !== "Escape") return;
    hideWord();
    closeTerm();
  });

  /* ---- arriving at a sentence from search, the QA report or a concordance ----
     :target lights the sentence linked to; its counterpart lights up with it,
     and it becomes the keyboard's starting point. */
  function land() {
    article.querySelectorAll(".s.landed").forEach(function (s) { s.classList.remove("landed"); });
    var id = decodeURIComponent(location.hash.slice(1));
    var target = id && document.getElementById(id);
    if (!target || !target.matches(".parallel .s")) return;
    counterparts(target).forEach(function (s) { if (s) s.classList.add("landed"); });
    makeStop(target);
  }
  window.addEventListener("hashchange", land);

  /* ---- start ---- */
  land();
  showScript(prefs.script);
  markTones();
  refreshControls();
})();
