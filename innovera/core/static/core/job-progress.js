// A job's progress region (core/_job_progress.html) polls with htmx. htmx swaps in no error
// answer (4xx/5xx) and nothing when the server cannot be reached, so the poll would go on for
// ever under a bar that no longer moves: the first failed poll puts the region's message in
// its place instead, and htmx polls no element that has left the page.
(function () {
  "use strict";
  function stop(event) {
    var region = event.detail && event.detail.elt;
    if (!region || !region.hasAttribute || !region.hasAttribute("data-poll-error")) { return; }
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
  document.addEventListener("htmx:responseError", stop);
  document.addEventListener("htmx:sendError", stop);
})();
