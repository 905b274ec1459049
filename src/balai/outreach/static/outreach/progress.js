// Polls the batch's counters once a second while it runs and writes them into the page;
// reloads once it ends, so the links to the print files appear.
(function () {
  var box = document.getElementById("progress");
  if (!box) return;
  function set(key, value) {
    var el = box.querySelector('[data-key="' + key + '"]');
    if (el) el.textContent = value;
  }
  function poll(first) {
    fetch(box.dataset.url, {credentials: "same-origin"})
      .then(function (r) { return r.json(); })
      .then(function (d) {
        if (d.status === "none") return;
        ["sent", "total", "issued", "retry", "rejected", "documents"].forEach(function (k) { set(k, d[k]); });
        var bar = box.querySelector('[data-key="bar"]');
        if (bar) { bar.max = d.total || 1; bar.value = d.sent; }
        if (d.status === "running") { setTimeout(function () { poll(false); }, 1000); }
        else if (!first) { window.location.reload(); }
      });
  }
  poll(true);
})();
