// A job's progress region (core/_job_progress.html) polls with htmx. htmx swaps in no error
// answer (4xx/5xx) and nothing when the server cannot be reached, so the poll would go on for
// ever under a bar that no longer moves: when the polls have failed for GIVE_UP_AFTER_MS in a
// row, the region's message takes its place instead, and htmx polls no element that has left the
// page. Shorter failures are let pass (a 502 while the server restarts for a deploy, which takes
// longer than two one-second polls); an answer in between starts the count again.
(function () {
  "use strict";
  var GIVE_UP_AFTER_MS = 30000;
  function polledRegion(event) {
    var region = event.detail && event.detail.elt;
    if (!region || !region.hasAttribute || !region.hasAttribute("data-poll-error")) { return null; }
    return region;
  }
  function stop(event) {
    var region = polledRegion(event);
    if (!region) { return; }
    var now = Date.now();
    var since = Number(region.getAttribute("data-poll-failing-since") || 0);
    if (!since) { region.setAttribute("data-poll-failing-since", now); return; }
    if (now - since < GIVE_UP_AFTER_MS) { return; }
    var alert = document.createElement("div");
    alert.className = "ds-alert";
    alert.setAttribute("data-color", "warning");
    alert.setAttribute("role", "alert");
    var text = document.createElement("p");
    text.className = "ds-paragraph";
    text.textContent = region.getAttribute("data-poll-error");
    alert.appendChild(text);
    region.replaceWith(alert);
  }
  function answered(event) {
    var region = polledRegion(event);
    if (region && event.detail.successful) { region.setAttribute("data-poll-failing-since", ""); }
  }
  document.addEventListener("htmx:responseError", stop);
  document.addEventListener("htmx:sendError", stop);
  document.addEventListener("htmx:afterRequest", answered);
})();
