/* One way for the scripts to save a reader preference, the cookie the server's links set too
   (disclosure/accessibility/preferences.py reads it): pref_<name> for a year, site-wide, the value
   encoded so that no character can end the cookie or start another. Loaded before the scripts using it. */
(function () {
  "use strict";
  var YEAR = 365 * 24 * 3600;

  window.savePreference = function (name, value) {
    document.cookie = "pref_" + name + "=" + encodeURIComponent(value) + "; max-age=" + YEAR + "; path=/; SameSite=Lax";
  };
})();
