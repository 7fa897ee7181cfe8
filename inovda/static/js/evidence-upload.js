// Evidence uploads in pieces: on a weak line (puskesmas, school, village) a dropped connection
// loses one piece, not the whole file; the upload resumes where the server says it stands.
// Without JavaScript the form posts the whole file as usual.
(function () {
  "use strict";
  function csrfToken() {
    try { return JSON.parse(document.body.getAttribute("hx-headers"))["X-CSRFToken"]; }
    catch (e) { return ""; }
  }
  function sleep(ms) { return new Promise(function (r) { setTimeout(r, ms); }); }

  async function send(form, file) {
    var bar = form.querySelector("[data-upload-progress]");
    var status = form.querySelector("[data-upload-status]");
    var body = new FormData();
    body.append("name", file.name);
    body.append("size", String(file.size));
    var start = await fetch(form.dataset.chunkedStart, {
      method: "POST", body: body, headers: { "X-CSRFToken": csrfToken() }, credentials: "same-origin"
    });
    var info = await start.json();
    if (!start.ok) { status.textContent = info.error; return; }
    var url = form.dataset.chunkedUrl.replace("00000000-0000-0000-0000-000000000000", info.id);
    var received = 0, failures = 0;
    bar.hidden = false;
    while (received < file.size) {
      var piece = file.slice(received, Math.min(received + info.chunk, file.size));
      try {
        var response = await fetch(url, {
          method: "POST", body: piece, credentials: "same-origin",
          headers: { "X-CSRFToken": csrfToken(), "X-Upload-Offset": String(received),
                     "Content-Type": "application/octet-stream" }
        });
        var result = await response.json();
        if (response.status === 400) { status.textContent = result.error; bar.hidden = true; return; }
        received = result.received;  // 409 also tells where the server stands: resume there
        failures = 0;
        bar.value = Math.round(100 * received / file.size);
        if (result.done) { window.location.reload(); return; }
      } catch (error) {
        failures += 1;
        status.textContent = form.dataset.retryText;
        await sleep(Math.min(30000, 1000 * Math.pow(2, failures)));
        var state = await fetch(url, { credentials: "same-origin" }).then(function (r) { return r.json(); }).catch(function () { return null; });
        if (state) { received = state.received; }
      }
    }
  }

  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form.dataset || !form.dataset.chunkedStart) { return; }
    var input = form.querySelector("input[type=file]");
    if (!input || !input.files.length || !window.fetch) { return; }
    event.preventDefault();
    send(form, input.files[0]);
  });
})();
