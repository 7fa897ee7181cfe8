// Location picker for the innovation report: a Leaflet map (vendored, no CDN) that fills the
// latitude/longitude inputs when a point is clicked or the marker dragged, and follows the
// inputs when they are typed. Progressive enhancement: without JavaScript, without Leaflet or
// without the OpenStreetMap tiles (an offline Pemda intranet) the plain inputs still work.
(function () {
  "use strict";

  // "-2,32" or "-2.32" -> -2.32; anything else -> null (the server explains what is wrong).
  function parse(text) {
    var value = (text || "").trim().replace(",", ".");
    return /^-?\d{1,3}(\.\d+)?$/.test(value) ? parseFloat(value) : null;
  }

  function setup(box) {
    var lat = document.getElementById(box.dataset.latInput);
    var lng = document.getElementById(box.dataset.lngInput);
    if (!lat || !lng || !window.L) return;
    var L = window.L;
    var editable = box.dataset.editable === "1";
    var offline = document.getElementById(box.dataset.offlineNote);

    // Icons by explicit URL: Leaflet's own path guess fails on hashed static file names.
    L.Icon.Default.imagePath = "";
    L.Icon.Default.mergeOptions({
      iconUrl: box.dataset.iconUrl,
      iconRetinaUrl: box.dataset.iconRetinaUrl,
      shadowUrl: box.dataset.shadowUrl,
    });

    box.hidden = false;
    box.style.height = "20rem"; // set through the DOM: the CSP forbids inline style attributes
    var start = [parse(lat.value), parse(lng.value)];
    var known = start[0] !== null && start[1] !== null;
    var map = L.map(box, { scrollWheelZoom: false, zoomControl: false }).setView(
      known ? start : [parseFloat(box.dataset.defaultLat), parseFloat(box.dataset.defaultLng)],
      known ? 14 : parseInt(box.dataset.defaultZoom, 10)
    );
    L.control
      .zoom({ zoomInTitle: box.dataset.zoomIn, zoomOutTitle: box.dataset.zoomOut })
      .addTo(map);
    var tiles = L.tileLayer("https://{s}.tile.openstreetmap.org/{z}/{x}/{y}.png", {
      subdomains: "abc",
      maxZoom: 19,
      referrerPolicy: "strict-origin-when-cross-origin",
      attribution:
        '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a>',
    }).addTo(map);
    tiles.once("tileerror", function () {
      if (offline) offline.hidden = false;
    });

    var marker = null;
    function show(latlng) {
      if (marker) {
        marker.setLatLng(latlng);
        return;
      }
      marker = L.marker(latlng, { draggable: editable, keyboard: editable }).addTo(map);
      marker.on("dragend", function () {
        write(marker.getLatLng());
      });
    }
    function write(latlng) {
      lat.value = latlng.lat.toFixed(6);
      lng.value = latlng.lng.toFixed(6);
    }
    if (known) show(start);

    if (editable) {
      map.on("click", function (event) {
        show(event.latlng);
        write(event.latlng);
      });
    }
    function follow() {
      var point = [parse(lat.value), parse(lng.value)];
      if (point[0] === null || point[1] === null) return;
      show(point);
      map.panTo(point);
    }
    lat.addEventListener("input", follow);
    lng.addEventListener("input", follow);
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("[data-location-map]").forEach(setup);
  });
})();
