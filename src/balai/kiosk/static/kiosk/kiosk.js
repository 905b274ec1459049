// The kiosk's behaviour: idle countdown and sign-out, keypads, the reader hook, printing, and
// never showing a personal page from the back/forward cache. No inline handlers (the CSP
// forbids them); the page passes its settings in data- attributes on <body>.
(function () {
  "use strict";
  var body = document.body;

  // --- No personal page from the back/forward cache -----------------------------------------
  // Pages are served with no-store, so Chromium keeps none of them in its bfcache; should a
  // browser restore one anyway, reload it from the server, which answers with the start page.
  window.addEventListener("pageshow", function (event) {
    if (event.persisted) { window.location.reload(); }
  });

  // --- Idle countdown -----------------------------------------------------------------------
  var idle = parseInt(body.getAttribute("data-idle-seconds") || "0", 10);
  var keepaliveUrl = body.getAttribute("data-keepalive-url");
  var homeUrl = body.getAttribute("data-home-url") || "/";
  var counter = document.querySelector("[data-countdown]");
  var bar = document.getElementById("kiosk-countdown");
  var warning = document.getElementById("kiosk-idle-warning");
  var doneForm = document.getElementById("kiosk-done-form");
  var deadline = 0;
  var timer = 0;
  var lastPing = Date.now();
  var PING_EVERY_MS = 15000;

  function csrfToken() {
    var input = document.querySelector("input[name=csrfmiddlewaretoken]");
    return input ? input.value : "";
  }

  function signOut(reason) {
    // Once: a second submission would abort the first navigation.
    idle = 0;
    window.clearInterval(timer);
    if (!doneForm) { window.location.replace(homeUrl); return; }
    document.getElementById("kiosk-done-reason").value = reason;
    doneForm.submit();
  }

  function ping() {
    if (!keepaliveUrl) { return; }
    lastPing = Date.now();
    fetch(keepaliveUrl, {
      method: "POST", credentials: "same-origin", headers: { "X-CSRFToken": csrfToken() }
    }).then(function (response) {
      if (response.status === 401 || response.status === 403) { window.location.replace(homeUrl); }
    }).catch(function () { /* offline: the countdown still signs out */ });
  }

  function touched() {
    if (!idle) { return; }
    deadline = Date.now() + idle * 1000;
    if (Date.now() - lastPing > PING_EVERY_MS) { ping(); }
    tick();
  }

  function tick() {
    if (!idle) { return; }
    var left = Math.max(0, Math.ceil((deadline - Date.now()) / 1000));
    if (counter) { counter.textContent = String(left); }
    var soon = left <= Math.min(15, Math.ceil(idle / 2));
    if (bar) { bar.classList.toggle("warning", soon); }
    if (warning) { warning.hidden = !soon; }
    if (left === 0) { signOut("idle"); }
  }

  if (idle > 0) {
    deadline = Date.now() + idle * 1000;
    ["pointerdown", "keydown", "touchstart", "input"].forEach(function (name) {
      document.addEventListener(name, touched, { passive: true, capture: true });
    });
    timer = window.setInterval(tick, 250);
  }

  // --- Numeric keypad -----------------------------------------------------------------------
  var active = null;
  function setActive(input) {
    if (!input) { return; }
    if (active) { active.classList.remove("active"); }
    active = input;
    active.classList.add("active");
  }
  var targets = Array.prototype.slice.call(document.querySelectorAll(".kp-target"));
  targets.forEach(function (input) {
    input.addEventListener("focus", function () { setActive(input); });
  });
  var firstEmpty = targets.filter(function (i) { return !i.value; })[0] || targets[0];
  setActive(firstEmpty);

  function advance(input) {
    var max = parseInt(input.getAttribute("maxlength") || "0", 10);
    var next = input.getAttribute("data-next");
    if (max && input.value.length >= max && next) {
      var target = document.getElementById(next);
      if (target) { setActive(target); }
    }
  }

  document.querySelectorAll(".keypad [data-key]").forEach(function (button) {
    button.addEventListener("click", function () {
      if (!active) { return; }
      var key = button.getAttribute("data-key");
      var max = parseInt(active.getAttribute("maxlength") || "0", 10);
      if (key === "back") { active.value = active.value.slice(0, -1); }
      else if (key === "clear") { active.value = ""; }
      else if (!max || active.value.length < max) { active.value += key; }
      active.dispatchEvent(new Event("input", { bubbles: true }));
      advance(active);
    });
  });

  // --- On-screen keyboard for text fields ---------------------------------------------------
  var osk = document.getElementById("osk");
  var textTarget = null;
  document.querySelectorAll(".osk-target").forEach(function (input) {
    input.addEventListener("focus", function () {
      textTarget = input;
      if (osk) { osk.hidden = false; }
    });
  });
  if (osk) {
    osk.querySelectorAll("[data-char]").forEach(function (button) {
      button.addEventListener("click", function () {
        var ch = button.getAttribute("data-char");
        if (ch === "close") { osk.hidden = true; return; }
        if (!textTarget) { return; }
        if (ch === "back") { textTarget.value = textTarget.value.slice(0, -1); }
        else { textTarget.value += ch; }
        textTarget.dispatchEvent(new Event("input", { bubbles: true }));
      });
    });
  }

  // --- Reader hook --------------------------------------------------------------------------
  // A card, fingerprint or camera driver calls BalaiKiosk.reader(kind, payload); a USB QR
  // scanner types into the code field and presses Enter, which moves on to the PIN.
  var readerForm = document.getElementById("reader-form");
  window.BalaiKiosk = {
    reader: function (kind, payload) {
      if (!readerForm) { return false; }
      readerForm.querySelector("[name=pembaca]").value = kind;
      readerForm.querySelector("[name=kode]").value = payload;
      var status = document.getElementById("reader-status");
      if (status) { status.textContent = status.getAttribute("data-read") || "✓"; }
      setActive(document.getElementById("id_pin"));
      touched();
      return true;
    }
  };
  document.querySelectorAll(".reader-input").forEach(function (input) {
    input.addEventListener("keydown", function (event) {
      if (event.key === "Enter") {
        event.preventDefault();
        setActive(document.getElementById(input.getAttribute("data-next")));
      }
    });
  });

  // --- One submission per form --------------------------------------------------------------
  document.querySelectorAll("form[data-once], form[data-keypad-form]").forEach(function (form) {
    form.addEventListener("submit", function () {
      window.setTimeout(function () {
        form.querySelectorAll("button[type=submit]").forEach(function (b) { b.disabled = true; });
      }, 0);
    });
  });

  // --- Printing -----------------------------------------------------------------------------
  // Chromium started with --kiosk-printing prints to the default printer without a dialog.
  if (body.getAttribute("data-autoprint") === "1") {
    window.addEventListener("load", function () { window.setTimeout(function () { window.print(); }, 200); });
  }
})();
