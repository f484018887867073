// The field page's locate button: fills the hidden lat/lng from the phone's
// position, so the place is exact even where an address is vague.
document.addEventListener("DOMContentLoaded", function () {
  var btn = document.getElementById("locate");
  if (!btn) return;
  if (!navigator.geolocation) { btn.hidden = true; return; }
  btn.addEventListener("click", function () {
    var where = document.getElementById("where");
    navigator.geolocation.getCurrentPosition(function (p) {
      document.getElementById("lat").value = p.coords.latitude.toFixed(6);
      document.getElementById("lng").value = p.coords.longitude.toFixed(6);
      where.textContent = btn.dataset.done + " (" + p.coords.latitude.toFixed(5) + ", " + p.coords.longitude.toFixed(5) + ")";
    }, function () { where.textContent = btn.dataset.fail; }, { enableHighAccuracy: true, timeout: 10000 });
  });
});
