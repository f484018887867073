// Live queues: the server says when cases changed (server-sent events from
// /w/events) and every element marked data-live refreshes itself through
// htmx (its hx-trigger is "live"). A reconnection after a lost stream also
// refreshes, since changes may have been missed meanwhile. A part the user
// is typing into (a comment in a queue row) is not swapped under their
// fingers: it refreshes once they leave it with nothing left unsent.
(function () {
  "use strict";
  if (!window.EventSource || !document.querySelector("[data-live]")) return;
  function busy(el) {
    if (el.contains(document.activeElement) && document.activeElement !== document.body) return true;
    return Array.prototype.some.call(el.querySelectorAll("input, textarea, select"), function (f) {
      if (f.type === "hidden") return false;
      if (f.type === "checkbox" || f.type === "radio") return f.checked !== f.defaultChecked;
      return f.value !== f.defaultValue;
    });
  }
  function refresh() {
    if (!window.htmx) return;
    document.querySelectorAll("[data-live]").forEach(function (el) {
      if (busy(el)) {
        el.setAttribute("data-live-pending", "1");
        return;
      }
      el.removeAttribute("data-live-pending");
      htmx.trigger(el, "live");
    });
  }
  document.addEventListener("focusout", function () {
    setTimeout(function () {
      if (document.querySelector("[data-live-pending]")) refresh();
    }, 0);
  });
  var opened = false;
  var es = new EventSource("/w/events");
  es.addEventListener("change", refresh);
  es.addEventListener("open", function () {
    if (opened) refresh();
    opened = true;
    document.documentElement.setAttribute("data-live-open", "1");
  });
})();
