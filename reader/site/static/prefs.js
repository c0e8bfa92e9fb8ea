/* Reader preferences, applied before the page paints so nothing flickers.
   Loaded synchronously in <head> on every page; reader.js changes them.
   Also the one DOM helper the page scripts share: corpus text only ever goes in as textContent. */
(function () {
  "use strict";
  var KEY = "reader:prefs";
  var defaults = { ruby: true, tones: false, english: true, script: "", layout: "side", size: 100 };

  function load() {
    var prefs = {};
    try {
      prefs = JSON.parse(window.localStorage.getItem(KEY) || "{}") || {};
    } catch (e) {
      prefs = {};
    }
    var out = {};
    Object.keys(defaults).forEach(function (k) {
      out[k] = Object.prototype.hasOwnProperty.call(prefs, k) ? prefs[k] : defaults[k];
    });
    return out;
  }

  function save(prefs) {
    try {
      window.localStorage.setItem(KEY, JSON.stringify(prefs));
    } catch (e) {
      /* storage disabled: the choice lasts for this page only */
    }
  }

  function apply(prefs) {
    var root = document.documentElement.classList;
    root.toggle("no-ruby", !prefs.ruby);
    root.toggle("tones", !!prefs.tones);
    root.toggle("no-english", !prefs.english);
    root.toggle("interleaved", prefs.layout === "interleaved");
    var size = Math.min(200, Math.max(80, Number(prefs.size) || 100));
    document.documentElement.style.setProperty("--scale", String(size / 100));
  }

  function el(tag, cls, text, lang) {
    var node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text) node.textContent = text;
    if (lang) node.setAttribute("lang", lang);
    return node;
  }

  window.ReaderPrefs = { load: load, save: save, apply: apply, defaults: defaults, el: el };
  apply(load());
})();
