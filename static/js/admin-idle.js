/* Warn staff two minutes before the idle timeout signs them out (disclosure/staff_session.py), and let
   them stay signed in with one button: a request to the admin is activity, so it starts the clock again.
   Typing in a form makes no request, which is exactly why the warning is needed. */
(function () {
  "use strict";
  var script = document.currentScript;
  if (!script) { return; }
  var idle = parseInt(script.getAttribute("data-idle-seconds"), 10) * 1000;
  var warnBefore = Math.min(120000, idle / 2);
  var timers = [];
  var box = null;

  function clear() {
    timers.forEach(clearTimeout);
    timers = [];
  }

  function banner(text, withButton) {
    if (!box) {
      box = document.createElement("div");
      box.className = "idle-warning";
      box.setAttribute("role", "alert");
      document.body.insertBefore(box, document.body.firstChild);
    }
    box.textContent = "";
    var p = document.createElement("p");
    p.textContent = text;
    box.appendChild(p);
    if (withButton) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "button";
      button.textContent = script.getAttribute("data-continue");
      button.addEventListener("click", stay);
      box.appendChild(button);
    }
  }

  function stay() {
    fetch(script.getAttribute("data-ping"), { credentials: "same-origin", cache: "no-store" }).then(function () {
      if (box) { box.remove(); box = null; }
      start();
    });
  }

  function start() {
    clear();
    timers.push(setTimeout(function () { banner(script.getAttribute("data-warning"), true); }, idle - warnBefore));
    timers.push(setTimeout(function () { banner(script.getAttribute("data-expired"), false); }, idle));
  }

  start();
}());
