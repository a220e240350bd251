// Present mode: one finding per screen. Arrow keys, Page Up/Down and space
// move between them; Escape goes back to the readout. Without this script
// the findings simply follow one another down the page.
(function () {
  "use strict";
  var slides = [].slice.call(document.querySelectorAll("[data-slide]"));
  var counter = document.querySelector("[data-slide-count]");
  if (!slides.length) {
    return;
  }
  document.body.classList.add("is-presenting");
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
    history.replaceState(null, "", "#" + (current + 1));
  }
  document.addEventListener("keydown", function (event) {
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
    if (event.target.closest("a")) { return; }
    show(current + 1);
  });
  show(current);
})();
