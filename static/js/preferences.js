/* Reader preferences without a reload. Every control is a real link that also works with scripts
   off (the server sets the cookie and comes back); here we set the same cookie and update <html>. */
(function () {
  "use strict";
  var YEAR = 365 * 24 * 3600;
  var INSTANT = { size: "text-", scheme: "scheme-" };

  function setCookie(name, value) {
    document.cookie = "pref_" + name + "=" + encodeURIComponent(value) + "; max-age=" + YEAR + "; path=/; SameSite=Lax";
  }

  document.addEventListener("click", function (event) {
    var link = event.target.closest ? event.target.closest("a[data-pref]") : null;
    if (!link) { return; }
    var name = link.getAttribute("data-pref");
    var value = link.getAttribute("data-value");
    var prefix = INSTANT[name];
    if (!prefix) { return; } // switching the mode on or off changes the markup: let the link load the page
    event.preventDefault();
    setCookie(name, value);
    var root = document.documentElement;
    root.className = root.className.split(/\s+/).filter(function (c) { return c && c.indexOf(prefix) !== 0; }).concat(prefix + value).join(" ");
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
