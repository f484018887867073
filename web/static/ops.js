// The dispatcher's org-tree picker: typing in the filter above the list
// keeps only the units whose name or parents match; Enter or the down
// arrow moves into the list (arrows choose, as in any list box), and a
// single match is chosen at once.
(function () {
  "use strict";
  function target(input) { return document.getElementById(input.getAttribute("data-filter-for")); }
  document.addEventListener("input", function (e) {
    var f = e.target;
    if (!f.matches || !f.matches("[data-filter-for]")) return;
    var sel = target(f);
    if (!sel) return;
    var q = f.value.trim().toLowerCase(), shown = [];
    Array.prototype.forEach.call(sel.options, function (o) {
      var hay = (o.getAttribute("data-path") || o.text).toLowerCase();
      var hit = q === "" || hay.indexOf(q) >= 0;
      o.hidden = !hit;
      if (hit) shown.push(o);
    });
    if (shown.length === 1) shown[0].selected = true;
  });
  document.addEventListener("keydown", function (e) {
    var f = e.target;
    if (!f.matches || !f.matches("[data-filter-for]")) return;
    if (e.key !== "Enter" && e.key !== "ArrowDown") return;
    var sel = target(f);
    if (!sel) return;
    e.preventDefault(); // Enter here picks, it does not send the form
    var first = Array.prototype.find.call(sel.options, function (o) { return !o.hidden; });
    var cur = sel.selectedIndex >= 0 ? sel.options[sel.selectedIndex] : null;
    if (first && (!cur || cur.hidden)) first.selected = true;
    sel.focus();
  });
  // Some input paths send the Enter character on its own; it must not
  // send the form from the filter either.
  document.addEventListener("keypress", function (e) {
    if (e.key === "Enter" && e.target.matches && e.target.matches("[data-filter-for]")) e.preventDefault();
  });
})();
