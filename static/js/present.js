// Present mode: one finding per screen. The Previous and Next buttons,
// arrow keys, Page Up/Down and space move between them; Escape goes back
// to the readout. Without this script the findings simply follow one
// another down the page and the buttons stay hidden.
(function () {
  "use strict";
  var slides = [].slice.call(document.querySelectorAll("[data-slide]"));
  var counter = document.querySelector("[data-slide-count]");
  var nav = document.querySelector("[data-slide-nav]");
  var prev = document.querySelector("[data-slide-prev]");
  var next = document.querySelector("[data-slide-next]");
  if (!slides.length) {
    return;
  }
  document.body.classList.add("is-presenting");
  if (nav) { nav.hidden = false; }
  var current = 0;
  var fromHash = parseInt((location.hash || "").replace("#", ""), 10);
  if (fromHash > 0 && fromHash <= slides.length) {
    current = fromHash - 1;
  }
  function show(i) {
    current = Math.max(0, Math.min(slides.length - 1, i));
    slides.forEach(function (s, j) { s.hidden = j !== current; });
    if (counter) {
      counter.textContent = (current + 1) + " / " + slides.length;
    }
    if (prev) { prev.disabled = current === 0; }
    if (next) { next.disabled = current === slides.length - 1; }
    history.replaceState(null, "", "#" + (current + 1));
    // A chart drawn while its slide was hidden has no size: charts.js
    // resizes every chart on this event.
    window.dispatchEvent(new Event("resize"));
  }
  if (prev) { prev.addEventListener("click", function () { show(current - 1); }); }
  if (next) { next.addEventListener("click", function () { show(current + 1); }); }
  document.addEventListener("keydown", function (event) {
    if (event.target.closest && event.target.closest("button") && (event.key === " " || event.key === "Enter")) {
      return; // the focused button acts on its own
    }
    switch (event.key) {
      case "ArrowRight": case "ArrowDown": case "PageDown": case " ":
        show(current + 1); event.preventDefault(); break;
      case "ArrowLeft": case "ArrowUp": case "PageUp":
        show(current - 1); event.preventDefault(); break;
      case "Home":
        show(0); event.preventDefault(); break;
      case "End":
        show(slides.length - 1); event.preventDefault(); break;
      case "Escape":
        var exit = document.querySelector("[data-exit]");
        if (exit) { location.href = exit.href; }
        break;
    }
  });
  document.addEventListener("click", function (event) {
    if (event.target.closest("a, button, [data-slide-nav], .chart")) { return; }
    show(current + 1);
  });
  show(current);
})();
