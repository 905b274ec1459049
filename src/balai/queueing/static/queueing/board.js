// The display board: server-sent events, a chime and a spoken call in Indonesian.
// The server sends the whole board and the announcement text; this file only draws and speaks.
(function () {
  "use strict";
  var body = document.body;
  var streamUrl = body.dataset.stream;
  var lastAnnounced = parseInt(body.dataset.lastEvent || "0", 10);
  var audio = null;
  var source = null;

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (text !== undefined) { node.textContent = text; }
    return node;
  }

  function replace(list, items) {
    while (list.firstChild) { list.removeChild(list.firstChild); }
    items.forEach(function (item) { list.appendChild(item); });
  }

  function draw(state) {
    replace(document.querySelector("[data-counters]"), state.counters.map(function (c) {
      var li = el("li", "board-counter board-" + c.state);
      li.appendChild(el("span", "board-counter-name", c.name));
      li.appendChild(el("span", "board-counter-ticket", c.ticket || "—"));
      return li;
    }));
    replace(document.querySelector("[data-recent]"), state.recent.map(function (r) {
      var li = el("li");
      li.appendChild(el("span", "board-code", r.code));
      li.appendChild(document.createTextNode(" "));
      li.appendChild(el("span", "", r.counter));
      return li;
    }));
    replace(document.querySelector("[data-waiting]"), state.waiting.map(function (w) {
      var li = el("li");
      li.appendChild(el("span", "board-letter", w.letter));
      li.appendChild(document.createTextNode(" " + w.name + " "));
      li.appendChild(el("strong", "", String(w.count)));
      return li;
    }));
    var latest = state.recent[0];
    document.querySelector("[data-latest-code]").textContent = latest ? latest.code : "";
    document.querySelector("[data-latest-counter]").textContent = latest ? latest.counter : "";
    if (latest && latest.event_id > lastAnnounced) {
      lastAnnounced = latest.event_id;
      chime();
      speak(latest.announcement);
    }
  }

  function chime() {
    if (!audio) { return; }
    var now = audio.currentTime;
    [880, 660].forEach(function (freq, i) {
      var osc = audio.createOscillator();
      var gain = audio.createGain();
      osc.frequency.value = freq;
      gain.gain.setValueAtTime(0.3, now + i * 0.35);
      gain.gain.exponentialRampToValueAtTime(0.001, now + i * 0.35 + 0.3);
      osc.connect(gain);
      gain.connect(audio.destination);
      osc.start(now + i * 0.35);
      osc.stop(now + i * 0.35 + 0.32);
    });
  }

  function speak(text) {
    if (!("speechSynthesis" in window) || !text) { return; }
    var utterance = new SpeechSynthesisUtterance(text);
    utterance.lang = "id-ID";
    utterance.rate = 0.9;
    window.setTimeout(function () { window.speechSynthesis.speak(utterance); }, 800);
  }

  function connect() {
    // EventSource reconnects by itself (the server's `retry`) and sends Last-Event-ID;
    // the first connection passes the id the page was drawn with.
    source = new EventSource(streamUrl + "?last=" + lastAnnounced);
    source.addEventListener("board", function (event) { draw(JSON.parse(event.data)); });
    source.addEventListener("open", function () {
      document.querySelector("[data-status]").textContent = "";
    });
    source.addEventListener("error", function () {
      if (source.readyState === EventSource.CLOSED) {
        window.setTimeout(connect, 1000);
      }
    });
  }

  document.querySelector("[data-sound]").addEventListener("click", function (event) {
    // Browsers allow sound only after a touch or click on the page.
    var Context = window.AudioContext || window.webkitAudioContext;
    if (Context && !audio) { audio = new Context(); }
    if (audio) { audio.resume(); }
    event.currentTarget.hidden = true;
    chime();
  });

  connect();
}());
