/* 无障碍浏览 tools that need a script: 辅助线 (a reading guide under the pointer or the keyboard focus) and
   大字幕 (the text under the pointer or focus, very large, in a strip at the bottom). Their buttons are
   rendered hidden and shown here, so that nobody without scripts meets a control that does nothing.
   The choice is a cookie like the other preferences, so the server renders the class on <html>. */
(function () {
  "use strict";
  var root = document.documentElement;
  var guide = document.querySelector(".reading-guide");
  var strip = document.querySelector(".caption-strip");
  if (!guide || !strip) { return; }
  var stripText = strip.querySelector(".caption-strip-text");
  var BLOCKS = "a, button, label, summary, legend, caption, h1, h2, h3, h4, h5, h6, p, li, dt, dd, th, td";

  function on(tool) { return root.classList.contains(tool); }

  // What a sighted reader points at, as a screen reader would name it: a label or title wins over the
  // visible abbreviation (大 → 大号字体).
  function textOf(element) {
    if (!element || !element.closest || element.closest(".caption-strip, .reading-guide")) { return ""; }
    var block = element.closest(BLOCKS) || element;
    var text = block.getAttribute("aria-label") || block.getAttribute("title") || block.innerText || "";
    text = text.replace(/\s+/g, " ").trim();
    return text.length > 200 ? text.slice(0, 200) + "…" : text;
  }

  function follow(y, element) {
    if (on("guide")) { guide.style.top = Math.max(0, Math.round(y)) + "px"; }
    if (on("captions")) {
      var text = textOf(element);
      if (text) { stripText.textContent = text; }
    }
  }

  document.addEventListener("pointermove", function (event) {
    follow(event.clientY + 4, event.target);
  }, { passive: true });
  document.addEventListener("focusin", function (event) {
    var box = event.target.getBoundingClientRect();
    follow(box.bottom + 4, event.target);
  });

  function toggle(button) {
    var tool = button.getAttribute("data-tool");
    var value = on(tool) ? "off" : "on";
    root.classList.toggle(tool, value === "on");
    window.savePreference(tool, value);
    button.setAttribute("aria-pressed", value === "on" ? "true" : "false");
    if (value === "on" && tool === "captions") { stripText.textContent = strip.getAttribute("data-empty"); }
  }

  if (on("captions")) { stripText.textContent = strip.getAttribute("data-empty"); }
  document.querySelectorAll("button[data-tool]").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () { toggle(button); });
  });
  window.a11yTools = { textOf: textOf, toggle: function (tool) {
    var button = document.querySelector('button[data-tool="' + tool + '"]');
    if (button) { toggle(button); button.focus(); }
  } };
})();
