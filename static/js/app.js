// devpulse's own script: small progressive enhancements. Every page works
// without it. No inline scripts anywhere: the Content-Security-Policy forbids them.
(function () {
  "use strict";

  // htmx requests carry the CSRF token from the page's meta tag.
  document.addEventListener("htmx:configRequest", function (event) {
    var meta = document.querySelector('meta[name="csrf-token"]');
    if (meta) {
      event.detail.headers["X-CSRF-Token"] = meta.getAttribute("content");
    }
  });

  // On a phone the navigation folds behind a Menu button; without this
  // script every link shows, wrapped onto as many lines as it needs.
  var toggle = document.querySelector("[data-menu-toggle]");
  if (toggle) {
    var nav = document.getElementById(toggle.getAttribute("aria-controls"));
    document.documentElement.classList.add("menu-folds");
    toggle.hidden = false;
    toggle.addEventListener("click", function () {
      var open = toggle.getAttribute("aria-expanded") !== "true";
      toggle.setAttribute("aria-expanded", String(open));
      nav.classList.toggle("open", open);
    });
  }

  // A table that scrolls inside its box (wide tables on a phone, long ones
  // beside a chart) takes the focus, so a keyboard can scroll it too. Only
  // those that scroll: the rest would be tab stops that do nothing.
  function focusScrolling() {
    document.querySelectorAll(".table-wrap, .panel > table, main > section > table").forEach(function (box) {
      var scrolls = box.scrollWidth > box.clientWidth || box.scrollHeight > box.clientHeight;
      if (scrolls && !box.hasAttribute("tabindex")) {
        box.tabIndex = 0;
        box.setAttribute("data-scroll-focus", "");
      } else if (!scrolls && box.hasAttribute("data-scroll-focus")) {
        box.removeAttribute("tabindex");
        box.removeAttribute("data-scroll-focus");
      }
    });
  }
  focusScrolling();
  window.addEventListener("resize", focusScrolling);

  // Buttons that print the page (the readout).
  document.addEventListener("click", function (event) {
    if (event.target.closest("[data-print]")) {
      window.print();
    }
  });

  // Survey builder and survey forms -------------------------------------

  // Forms with data-confirm ask before they submit (deleting a section or
  // a question). Preview forms never submit.
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (form.hasAttribute("data-preview")) {
      event.preventDefault();
      return;
    }
    var question = form.getAttribute("data-confirm");
    if (question && !window.confirm(question)) {
      event.preventDefault();
    }
  });

  // The question form shows only the settings of the chosen kind; without
  // JavaScript every group shows, each saying which kinds it is for.
  function syncKindFields(select) {
    var kind = select.value;
    select.form.querySelectorAll("[data-kinds]").forEach(function (group) {
      group.hidden = group.getAttribute("data-kinds").split(" ").indexOf(kind) < 0;
    });
  }
  document.querySelectorAll("select[data-kind-select]").forEach(function (select) {
    syncKindFields(select);
    select.addEventListener("change", function () { syncKindFields(select); });
  });

  // Time allocation: a running total of the percentages entered.
  document.querySelectorAll("[data-allocation]").forEach(function (box) {
    var out = box.querySelector("[data-allocation-total]");
    out.closest(".q-alloc-total").hidden = false; // a total needs this script
    function update() {
      var sum = 0;
      box.querySelectorAll('input[type="number"]').forEach(function (input) {
        var v = parseFloat(input.value);
        if (!isNaN(v)) { sum += v; }
      });
      out.textContent = String(Math.round(sum * 100) / 100);
      box.classList.toggle("is-complete", sum === 100);
      box.classList.toggle("is-over", sum > 100);
    }
    box.addEventListener("input", update);
    update();
  });

  // Priority picks: once the maximum is ticked, the rest are disabled.
  document.querySelectorAll("[data-max-picks]").forEach(function (box) {
    var max = parseInt(box.getAttribute("data-max-picks"), 10);
    function update() {
      var boxes = box.querySelectorAll('input[type="checkbox"]');
      var picked = 0;
      boxes.forEach(function (b) { if (b.checked) { picked++; } });
      boxes.forEach(function (b) {
        b.disabled = !b.checked && picked >= max;
        b.closest("label").classList.toggle("is-disabled", b.disabled);
      });
    }
    box.addEventListener("change", update);
    update();
  });

  // Free text: how many characters are left.
  document.querySelectorAll("textarea[data-counter]").forEach(function (area) {
    var hint = document.getElementById(area.getAttribute("data-counter"));
    var max = parseInt(area.getAttribute("maxlength"), 10);
    if (!hint || !max) { return; }
    area.addEventListener("input", function () {
      hint.textContent = area.value.length === 0
        ? "Up to " + max + " characters."
        : (max - area.value.length) + " of " + max + " characters left.";
    });
  });
})();
