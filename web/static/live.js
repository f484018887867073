// Live queues: the server says when cases changed (server-sent events from
// /w/events) and every element marked data-live refreshes itself through
// htmx (its hx-trigger is "live"). A reconnection after a lost stream also
// refreshes, since changes may have been missed meanwhile.
(function () {
  "use strict";
  if (!window.EventSource || !document.querySelector("[data-live]")) return;
  function refresh() {
    if (!window.htmx) return;
    document.querySelectorAll("[data-live]").forEach(function (el) {
      htmx.trigger(el, "live");
    });
  }
  var opened = false;
  var es = new EventSource("/w/events");
  es.addEventListener("change", refresh);
  es.addEventListener("open", function () {
    if (opened) refresh();
    opened = true;
    document.documentElement.setAttribute("data-live-open", "1");
  });
})();
