// A job's progress region (core/_job_progress.html) polls with htmx. htmx swaps in no error
// answer (4xx/5xx) and nothing when the server cannot be reached, so the poll would go on for
// ever under a bar that no longer moves: the second failed poll in a row puts the region's
// message in its place instead, and htmx polls no element that has left the page. One failure
// is let pass (a 502 while the server restarts for a deploy); an answer in between resets it.
(function () {
  "use strict";
  var FAILURES_ENDING_THE_POLL = 2;
  function polledRegion(event) {
    var region = event.detail && event.detail.elt;
    if (!region || !region.hasAttribute || !region.hasAttribute("data-poll-error")) { return null; }
    return region;
  }
  function stop(event) {
    var region = polledRegion(event);
    if (!region) { return; }
    var failures = Number(region.getAttribute("data-poll-failures") || 0) + 1;
    region.setAttribute("data-poll-failures", failures);
    if (failures < FAILURES_ENDING_THE_POLL) { return; }
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
    if (region && event.detail.successful) { region.setAttribute("data-poll-failures", 0); }
  }
  document.addEventListener("htmx:responseError", stop);
  document.addEventListener("htmx:sendError", stop);
  document.addEventListener("htmx:afterRequest", answered);
})();
