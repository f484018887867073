// minsheng pages: small behaviours that work without a build step and
// without inline scripts (the content security policy forbids them).
(function () {
  "use strict";
  // "/" focuses the search box, as in the workbench brief.
  document.addEventListener("keydown", function (e) {
    if (e.key !== "/" || e.ctrlKey || e.metaKey || e.altKey) return;
    var t = e.target;
    if (t && (t.tagName === "INPUT" || t.tagName === "TEXTAREA" || t.tagName === "SELECT" || t.isContentEditable)) return;
    var s = document.getElementById("search");
    if (s) { e.preventDefault(); s.focus(); }
  });
  // Copy buttons copy the text of the element their data-copy names.
  document.addEventListener("click", function (e) {
    var b = e.target.closest ? e.target.closest("[data-copy]") : null;
    if (!b || !navigator.clipboard) return;
    var el = document.getElementById(b.getAttribute("data-copy"));
    if (!el) return;
    navigator.clipboard.writeText(el.textContent.trim()).then(function () {
      b.textContent = b.getAttribute("data-done") || b.textContent;
    });
  });
})();

// Ctrl+Enter (or Cmd+Enter) submits a form marked data-ctrl-enter, so the
// call-taker saves without leaving the keyboard.
document.addEventListener("keydown", function (e) {
  if (e.key !== "Enter" || !(e.ctrlKey || e.metaKey)) return;
  var f = e.target && e.target.closest ? e.target.closest("form[data-ctrl-enter]") : null;
  if (f) { e.preventDefault(); f.requestSubmit(); }
});
