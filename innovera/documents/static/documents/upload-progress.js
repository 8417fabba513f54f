// Shows how much of a large upload has been sent (htmx reports the transfer's progress), then
// that the server is reading the file. Without JavaScript the form posts as usual.
(function () {
  "use strict";
  function parts(form) {
    var box = form.querySelector(".upload-progress");
    return box && { box: box, bar: box.querySelector("progress"), status: box.querySelector("[data-upload-status]") };
  }
  document.addEventListener("htmx:beforeRequest", function (event) {
    var form = event.target.closest && event.target.closest("[data-upload-progress]");
    if (!form) { return; }
    var p = parts(form);
    if (!p) { return; }
    p.box.hidden = false;
    p.bar.value = 0;
    p.bar.textContent = "0 %";
    p.status.textContent = form.dataset.sending + " (0 %)";
    form.querySelector("button[type=submit]").disabled = true;
  });
  document.addEventListener("htmx:xhr:progress", function (event) {
    var form = event.target.closest && event.target.closest("[data-upload-progress]");
    if (!form || !event.detail.lengthComputable) { return; }
    var p = parts(form);
    var percent = Math.round((100 * event.detail.loaded) / event.detail.total);
    p.bar.value = percent;
    p.bar.textContent = percent + " %";
    p.status.textContent = percent < 100 ? form.dataset.sending + " (" + percent + " %)" : form.dataset.reading;
  });
})();
