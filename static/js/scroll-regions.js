// Lets a keyboard reach every table that scrolls sideways: each .table-wrap
// wider than its box becomes a focusable, labelled region (what axe's
// scrollable-region-focusable asks), so arrow keys can scroll it. The org
// pages load it for the tables other components draw (pulse, metrics);
// templates that mark their own regions are left as they are.
(function () {
  "use strict";
  function mark() {
    document.querySelectorAll(".table-wrap:not([tabindex])").forEach(function (el) {
      if (el.scrollWidth <= el.clientWidth + 1 && el.scrollHeight <= el.clientHeight + 1) {
        return;
      }
      var section = el.closest("section");
      var heading = section && section.querySelector("h2, h3");
      el.tabIndex = 0;
      el.setAttribute("role", "region");
      el.setAttribute("aria-label", (heading ? heading.textContent.trim() : "Table") + " (scrolls)");
    });
  }
  mark();
  window.addEventListener("resize", mark);
})();
