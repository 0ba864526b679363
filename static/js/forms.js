/* A form that came back with errors: move focus to the summary, which is announced and links to each field. */
document.addEventListener("DOMContentLoaded", function () {
  "use strict";
  var summary = document.querySelector(".error-summary");
  if (summary) { summary.focus(); }
});
