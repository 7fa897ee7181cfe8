// inovda: small progressive enhancements; pages work without JavaScript.
document.addEventListener("DOMContentLoaded", function () {
  // Confirm dangerous actions: <form data-confirm="Yakin?">
  document.body.addEventListener("submit", function (event) {
    var form = event.target;
    if (form.dataset && form.dataset.confirm && !window.confirm(form.dataset.confirm)) {
      event.preventDefault();
    }
  });
});
