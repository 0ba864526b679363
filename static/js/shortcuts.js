/* Keyboard shortcuts (Alt+Shift+letter, listed on the 说明 page from disclosure/accessibility.py). Each
   control carries its own key in aria-keyshortcuts, which assistive technology announces; a key press
   moves focus to that control and activates it, so the reader hears the new state. Only 语速 has no
   single control: its key steps through the speeds. */
(function () {
  "use strict";
  function keyOf(event) {
    var code = event.code || "";
    if (/^Key[A-Z]$/.test(code)) { return code.slice(3); }
    if (/^Digit[0-9]$/.test(code)) { return code.slice(5); }
    return null;
  }
  document.addEventListener("keydown", function (event) {
    if (!event.altKey || !event.shiftKey || event.ctrlKey || event.metaKey) { return; }
    // In a text field, Alt+Shift+letter types a character on some keyboards (macOS): leave it alone.
    var field = event.target;
    if (field.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(field.tagName)) { return; }
    var key = keyOf(event);
    if (!key) { return; }
    var target = document.querySelector('[aria-keyshortcuts="Alt+Shift+' + key + '"]');
    if (!target) {
      var cycle = document.querySelector('[data-cycle-keys="Alt+Shift+' + key + '"]');
      if (!cycle) { return; }
      var options = Array.prototype.slice.call(cycle.querySelectorAll("[aria-pressed]"));
      var current = options.findIndex(function (option) { return option.getAttribute("aria-pressed") === "true"; });
      target = options[(current + 1) % options.length];
    }
    if (!target || target.hidden || target.closest("[hidden]")) { return; }
    event.preventDefault();
    target.focus();
    target.click();
  });
})();
