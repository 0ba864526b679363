/* 语音朗读 with the browser's speechSynthesis: 指读 speaks what the pointer or the keyboard focus is on,
   连读 reads the main content from the top (or from the focus), sentence by sentence, because Chrome
   stops an utterance after about fifteen seconds. Where there is no speechSynthesis, or no voice for
   the page's language, the status line says so in the page's language instead of failing silently.
   Every message comes from the toolbar's data- attributes, rendered through the catalogue. */
(function () {
  "use strict";
  var group = document.querySelector(".a11y-speech");
  if (!group) { return; }
  var status = group.querySelector(".speech-status");
  var synth = window.speechSynthesis;
  var langs = group.getAttribute("data-langs").split(" ");
  var RATES = { slow: 0.7, normal: 1, fast: 1.4 };
  var BLOCKS = "h1, h2, h3, h4, h5, h6, p, li, dt, dd, th, td, caption";
  var queue = [];
  var pointTimer = null;
  // Looking for a voice can take most of a second; only the newest request may answer, so that 停止
  // pressed meanwhile is not overwritten by the answer to the 连读 it stopped.
  var request = 0;

  function say(key) { status.textContent = key ? group.getAttribute("data-" + key) : ""; }
  function pressed(selector, value) {
    group.querySelectorAll(selector).forEach(function (button) {
      button.setAttribute("aria-pressed", value(button) ? "true" : "false");
    });
  }

  // The first voice for the page's language, in the order of preference the server gave (zh-TW, then
  // zh-HK for Traditional). Voices arrive late in some browsers: wait for them a moment, no longer.
  function findVoice(callback) {
    if (!synth || !window.SpeechSynthesisUtterance) { callback(null, "no-support"); return; }
    function pick() {
      var voices = synth.getVoices();
      for (var i = 0; i < langs.length; i++) {
        for (var j = 0; j < voices.length; j++) {
          if (voices[j].lang.replace("_", "-").toLowerCase().indexOf(langs[i].toLowerCase()) === 0) { return voices[j]; }
        }
      }
      return null;
    }
    var voice = pick();
    if (voice) { callback(voice); return; }
    var done = false;
    function finish() {
      if (done) { return; }
      done = true;
      voice = pick();
      callback(voice, voice ? null : "no-voice");
    }
    synth.addEventListener("voiceschanged", finish, { once: true });
    setTimeout(finish, 800);
  }

  function sentences(text) {
    return (text.replace(/\s+/g, " ").match(/[^。！？!?]+?(?:[。！？!?]+|\.(?=\s|$)|$)/g) || [])
      .map(function (s) { return s.trim(); })
      .filter(function (s) { return s; });
  }

  function rate() {
    var current = group.querySelector('button[data-rate][aria-pressed="true"]');
    return RATES[current ? current.getAttribute("data-rate") : "normal"];
  }

  function speakQueue(voice) {
    if (!queue.length) { say("done"); return; }
    var utterance = new SpeechSynthesisUtterance(queue.shift());
    utterance.voice = voice;
    utterance.lang = voice.lang;
    utterance.rate = rate();
    utterance.onend = function () { speakQueue(voice); };
    utterance.onerror = function () { queue = []; say("stopped"); };
    synth.speak(utterance);
  }

  function speak(texts) {
    var ticket = ++request;
    findVoice(function (voice, problem) {
      if (ticket !== request) { return; }
      if (!voice) { say(problem); return; }
      synth.cancel();
      queue = [];
      texts.forEach(function (text) { queue = queue.concat(sentences(text)); });
      pressed('button[data-speech="pause"]', function () { return false; });
      say("reading");
      speakQueue(voice);
    });
  }

  // 连读: the main content's text blocks (the innermost ones, so that nothing is read twice), from the
  // block that holds or follows the keyboard focus if it is in the main content, else from the top.
  function readPage() {
    var main = document.getElementById("main");
    var blocks = Array.prototype.filter.call(main.querySelectorAll(BLOCKS), function (block) {
      // Not the breadcrumb or the contents: the reader wants the text, not the navigation.
      return !block.querySelector(BLOCKS) && !block.closest("nav") && block.innerText.trim();
    });
    var focus = document.activeElement;
    if (focus && focus !== main && main.contains(focus)) {
      var start = blocks.findIndex(function (block) {
        return block.contains(focus) || (focus.compareDocumentPosition(block) & Node.DOCUMENT_POSITION_FOLLOWING);
      });
      if (start > 0) { blocks = blocks.slice(start); }
    }
    speak(blocks.map(function (block) { return block.innerText; }));
  }

  function pointAt(element) {
    if (group.querySelector('button[data-speech="point"]').getAttribute("aria-pressed") !== "true") { return; }
    if (group.contains(element)) { return; } // the controls announce themselves through the screen reader
    clearTimeout(pointTimer);
    pointTimer = setTimeout(function () {
      var text = window.a11yTools ? window.a11yTools.textOf(element) : "";
      if (text) { speak([text]); }
    }, 300);
  }

  var actions = {
    point: function (button) {
      var on = button.getAttribute("aria-pressed") !== "true";
      button.setAttribute("aria-pressed", on ? "true" : "false");
      window.savePreference("reading", on ? "on" : "off");
      var ticket = ++request;
      if (on) {
        findVoice(function (voice, problem) { if (ticket === request) { say(voice ? null : problem); } });
      } else { say(null); }
    },
    read: readPage,
    pause: function (button) {
      if (!synth || !synth.speaking) { return; }
      if (synth.paused) { synth.resume(); say("reading"); button.setAttribute("aria-pressed", "false"); }
      else { synth.pause(); say("paused"); button.setAttribute("aria-pressed", "true"); }
    },
    stop: function () {
      request++;
      queue = [];
      if (synth) { synth.cancel(); }
      pressed('button[data-speech="pause"]', function () { return false; });
      say("stopped");
    }
  };

  group.hidden = false;
  group.addEventListener("click", function (event) {
    var button = event.target.closest("button");
    if (!button) { return; }
    if (button.hasAttribute("data-rate")) {
      var value = button.getAttribute("data-rate");
      pressed("button[data-rate]", function (b) { return b === button; });
      window.savePreference("rate", value);
      return;
    }
    var action = actions[button.getAttribute("data-speech")];
    if (action) { action(button); }
  });
  document.addEventListener("focusin", function (event) { pointAt(event.target); });
  document.addEventListener("pointerover", function (event) { pointAt(event.target); });
  window.a11ySpeech = { run: function (name) {
    var button = group.querySelector('button[data-speech="' + name + '"]');
    if (button) { button.click(); }
  } };
})();
