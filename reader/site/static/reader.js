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
  var words = JSON.parse(document.getElementById("word-data").textContent || "{}");
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
  function mark(selector, on) {
    document.querySelectorAll(selector).forEach(function (el) { el.classList.toggle("hl", on); });
  }

  function pointAt(event, on) {
    var term = event.target.closest(".term[data-pair]");
    if (term) mark('.term[data-pair="' + term.dataset.pair + '"]', on);
    var sentence = event.target.closest(".s[data-s]");
    if (sentence) mark('.s[data-s="' + sentence.dataset.s + '"]', on);
  }

  article.addEventListener("mouseover", function (e) { pointAt(e, true); });
  article.addEventListener("mouseout", function (e) { pointAt(e, false); });
  article.addEventListener("focusin", function (e) { pointAt(e, true); });
  article.addEventListener("focusout", function (e) { pointAt(e, false); });

  /* ---- positioning shared by the popup and the popover ---- */
  function place(box, anchor) {
    box.hidden = false;
    var r = anchor.getBoundingClientRect();
    var width = box.offsetWidth;
    var left = Math.max(8, Math.min(r.left + window.scrollX, window.scrollX + document.documentElement.clientWidth - width - 8));
    box.style.left = left + "px";
    box.style.top = (r.bottom + window.scrollY + 6) + "px";
  }

  /* ---- popup dictionary ---- */
  var popupFor = null;
  var hideTimer = 0;

  function el(tag, cls, text, lang) {
    var node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text) node.textContent = text;
    if (lang) node.setAttribute("lang", lang);
    return node;
  }

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
      var p = el("p", "popup-sense", "", "en");
      if (data.e.length > 1 || entry.h !== data.t) {
        p.appendChild(el("span", "popup-hw", entry.h + " ", "zh-Hans"));
        if (entry.p) p.appendChild(el("span", "popup-pinyin", entry.p + " ", "zh-Latn-pinyin"));
      }
      p.appendChild(document.createTextNode(entry.g.join("; ")));
      popup.appendChild(p);
    });
    if (popupFor) popupFor.classList.remove("w-current");
    popupFor = w;
    w.classList.add("w-current");
    place(popup, w);
  }

  function hideWord() {
    popup.hidden = true;
    if (popupFor) popupFor.classList.remove("w-current");
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

  /* Keyboard: in a focused Chinese sentence, arrow keys step through its words. */
  article.addEventListener("keydown", function (e) {
    var sentence = e.target.closest(".zh .s");
    if (!sentence || e.target !== sentence || (e.key !== "ArrowRight" && e.key !== "ArrowLeft")) return;
    var list = Array.prototype.slice.call(sentence.querySelectorAll(".w"));
    if (!list.length) return;
    var i = list.indexOf(popupFor);
    i = e.key === "ArrowRight" ? (i + 1) % list.length : (i <= 0 ? list.length - 1 : i - 1);
    showWord(list[i]);
    e.preventDefault();
  });

  /* ---- term popover ---- */
  var popoverFor = null;

  function openTerm(term) {
    var template = document.getElementById("tp-" + term.dataset.term);
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

  /* ---- start ---- */
  showScript(prefs.script);
  refreshControls();
})();
