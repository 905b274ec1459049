// Staff pages: the menu button on a phone, and a confirmation before an action that cannot
// be undone. No inline handlers (the CSP forbids them); without this file the menu shows
// open and the server still refuses an action missing what it needs.
(function () {
  "use strict";

  // --- Menu button --------------------------------------------------------------------------
  var toggle = document.querySelector(".menu-toggle");
  var nav = document.getElementById("mainnav");
  if (toggle && nav) {
    document.documentElement.classList.add("js-menu");
    toggle.hidden = false;
    toggle.addEventListener("click", function () {
      var open = toggle.getAttribute("aria-expanded") !== "true";
      toggle.setAttribute("aria-expanded", open ? "true" : "false");
      nav.classList.toggle("open", open);
    });
  }

  // --- Confirm a destructive action ---------------------------------------------------------
  document.addEventListener("submit", function (event) {
    var button = event.submitter;
    var text = (button && button.getAttribute("data-confirm")) ||
      event.target.getAttribute("data-confirm");
    if (text && !window.confirm(text)) { event.preventDefault(); }
  });
})();
