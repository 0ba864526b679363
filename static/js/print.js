// 打印: the report page's print button. It needs a script, so it stays hidden when scripts are off
// (the browser's own print command gives the same printout through print.css).
(function () {
  "use strict";
  document.querySelectorAll("[data-print]").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () {
      window.print();
    });
  });
})();
