// The counter page: the service list narrows as one types, and the letter preview follows the
// form. No inline handlers (the CSP forbids them); without this file the page still works:
// the whole list shows, and "Perbarui pratinjau" redraws the preview on the server.
(function () {
  "use strict";

  // --- Service search -----------------------------------------------------------------------
  var filter = document.querySelector("input.service-filter");
  if (filter) {
    var list = document.querySelector(filter.getAttribute("data-filter"));
    var none = document.querySelector(".service-none");
    var rows = list ? Array.prototype.slice.call(list.querySelectorAll("li")) : [];
    filter.addEventListener("input", function () {
      var words = filter.value.toLowerCase().split(/\s+/).filter(Boolean);
      var shown = 0;
      rows.forEach(function (row) {
        var text = row.getAttribute("data-search") || "";
        var match = words.every(function (w) { return text.indexOf(w) !== -1; });
        row.hidden = !match;
        if (match) { shown += 1; }
      });
      if (none) { none.hidden = shown !== 0; }
    });
    filter.addEventListener("keydown", function (event) {
      // Enter opens the first service still shown: search, then one key.
      if (event.key !== "Enter") { return; }
      var first = rows.filter(function (r) { return !r.hidden; })[0];
      if (first) { event.preventDefault(); first.querySelector("a").click(); }
    });
  }

  // --- Letter preview -----------------------------------------------------------------------
  var form = document.querySelector("form.counter-form[data-preview-url]");
  var image = document.getElementById("letter-preview");
  if (!form || !image) { return; }
  var timer = 0;
  var asked = 0;
  function refresh() {
    var data = new FormData(form);
    Array.prototype.slice.call(form.querySelectorAll("input[type=file]")).forEach(function (f) {
      data.delete(f.name);
    });
    var mine = ++asked;
    fetch(form.getAttribute("data-preview-url"), {
      method: "POST", body: data, credentials: "same-origin"
    }).then(function (response) {
      return response.ok ? response.json() : null;
    }).then(function (body) {
      // Only the answer to the latest question: an older one may arrive last.
      if (body && body.image && mine === asked) {
        image.src = body.image;
        image.setAttribute("data-version", String(mine));
      }
    }).catch(function () { /* offline: the button still redraws it */ });
  }
  form.addEventListener("input", function (event) {
    if (event.target.type === "file") { return; }
    window.clearTimeout(timer);
    timer = window.setTimeout(refresh, 300);
  });
})();
