/* Reader preferences without a reload. Every control is a real link that also works with scripts
   off (the server sets the cookie and comes back); here we set the same cookie and update <html>. */
(function () {
  "use strict";
  var INSTANT = { size: "text-", scheme: "scheme-" };

  function replaceClass(prefix, value) {
    var root = document.documentElement;
    var classes = root.className.split(/\s+/).filter(function (c) { return c && c.indexOf(prefix) !== 0; });
    if (value !== null) { classes.push(prefix + value); }
    root.className = classes.join(" ");
  }

  // 放大/缩小: one step along the list the server rendered; the status line says where we are.
  function zoom(link) {
    var group = link.closest(".a11y-zoom");
    var status = group.querySelector(".zoom-status");
    var steps = group.getAttribute("data-steps").split(" ");
    var index = steps.indexOf(status.getAttribute("data-zoom")) + parseInt(link.getAttribute("data-step"), 10);
    var value = steps[Math.max(0, Math.min(steps.length - 1, index))];
    window.savePreference("zoom", value);
    replaceClass("zoom-", value === steps[0] ? null : value);
    status.setAttribute("data-zoom", value);
    status.textContent = status.getAttribute("data-template").replace("{zoom}", value);
    group.querySelectorAll("a[data-step]").forEach(function (button) {
      var limit = button.getAttribute("data-step") === "1" ? steps[steps.length - 1] : steps[0];
      if (value === limit) { button.setAttribute("aria-disabled", "true"); } else { button.removeAttribute("aria-disabled"); }
    });
  }

  document.addEventListener("click", function (event) {
    var link = event.target.closest ? event.target.closest("a[data-pref]") : null;
    if (!link) { return; }
    var name = link.getAttribute("data-pref");
    if (name === "zoom") {
      event.preventDefault();
      zoom(link);
      return;
    }
    var value = link.getAttribute("data-value");
    var prefix = INSTANT[name];
    if (!prefix) { return; } // switching the mode on or off changes the markup: let the link load the page
    event.preventDefault();
    window.savePreference(name, value);
    replaceClass(prefix, value);
    document.querySelectorAll('a[data-pref="' + name + '"]').forEach(function (other) {
      other.setAttribute("aria-pressed", other.getAttribute("data-value") === value ? "true" : "false");
    });
  });

  // Buttons made of links: Space activates them too, as it would a real button.
  document.addEventListener("keydown", function (event) {
    var link = event.target.closest ? event.target.closest('a[role="button"]') : null;
    if (link && (event.key === " " || event.key === "Spacebar")) {
      event.preventDefault();
      link.click();
    }
  });
})();
