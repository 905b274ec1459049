// Field verification: the phone's position goes with the form; the time is the server's.
(function () {
  var form = document.getElementById("verify-form");
  if (!form) { return; }
  var status = document.getElementById("gps-status");
  if (!navigator.geolocation) {
    status.textContent = "Ponsel ini tidak dapat memberi posisi GPS.";
    return;
  }
  navigator.geolocation.getCurrentPosition(function (pos) {
    document.getElementById("lat").value = pos.coords.latitude.toFixed(6);
    document.getElementById("lon").value = pos.coords.longitude.toFixed(6);
    status.textContent = "Posisi: " + pos.coords.latitude.toFixed(5) + ", " + pos.coords.longitude.toFixed(5);
    status.dataset.ready = "1";
  }, function () {
    status.textContent = "Posisi GPS tidak didapat. Izinkan akses lokasi lalu muat ulang.";
  }, {enableHighAccuracy: true, timeout: 20000});
})();
