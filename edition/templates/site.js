// edition site: language switch, copy id, reading progress, j/k between segments. No libraries.
(function () {
  "use strict";
  var body = document.body;
  var sel = document.getElementById("lang-switch");
  var style = document.createElement("style");
  document.head.appendChild(style);
  function showLang(lang) {
    body.setAttribute("data-lang", lang);
    style.textContent = 'body[data-lang="' + lang.replace(/[^a-zA-Z_-]/g, "") + '"] .tr-cell[data-lang="' +
      lang.replace(/[^a-zA-Z_-]/g, "") + '"] { display: block; }';
    try { localStorage.setItem("edition-lang", lang); } catch (e) { /* private mode */ }
  }
  if (sel) {
    var saved = null;
    try { saved = localStorage.getItem("edition-lang"); } catch (e) { saved = null; }
    var wanted = new URLSearchParams(location.search).get("lang") || saved;
    if (wanted && Array.prototype.some.call(sel.options, function (o) { return o.value === wanted; })) {
      sel.value = wanted;
    }
    showLang(sel.value);
    sel.addEventListener("change", function () { showLang(sel.value); });
  }
  document.addEventListener("click", function (ev) {
    var b = ev.target.closest ? ev.target.closest("button.cp") : null;
    if (!b) { return; }
    var id = b.getAttribute("data-id");
    var done = function () { b.classList.add("done"); setTimeout(function () { b.classList.remove("done"); }, 1200); };
    if (navigator.clipboard && navigator.clipboard.writeText) {
      navigator.clipboard.writeText(id).then(done, done);
    } else { done(); }
  });
  var bar = document.getElementById("progress-bar");
  if (bar) {
    var onScroll = function () {
      var h = document.documentElement.scrollHeight - window.innerHeight;
      bar.style.width = (h > 0 ? (100 * window.scrollY / h) : 100).toFixed(1) + "%";
    };
    window.addEventListener("scroll", onScroll, { passive: true });
    onScroll();
  }
  // j / k: next / previous English segment (keyboard reading)
  var segs = null;
  document.addEventListener("keydown", function (ev) {
    if (ev.target.closest && ev.target.closest("input, select, textarea")) { return; }
    if (ev.key !== "j" && ev.key !== "k") { return; }
    segs = segs || Array.prototype.slice.call(document.querySelectorAll(".c.en .s"));
    if (!segs.length) { return; }
    var cur = location.hash ? segs.findIndex(function (s) { return "#" + s.id === location.hash; }) : -1;
    var next = ev.key === "j" ? Math.min(cur + 1, segs.length - 1) : Math.max(cur - 1, 0);
    location.hash = segs[next].id;
  });
})();
