// Draws the charts of a page from the ECharts options the server put in
// each chart's data-chart attribute (built with go-echarts). Loaded after
// our own copy of ECharts, only on pages with charts. Tooltips render as
// canvas text: HTML tooltips would need inline styles, which the
// Content-Security-Policy forbids.
(function () {
  "use strict";
  if (!window.echarts) {
    return;
  }
  document.querySelectorAll("[data-chart]").forEach(function (el) {
    var option;
    try {
      option = JSON.parse(el.getAttribute("data-chart"));
    } catch (e) {
      return;
    }
    [].concat(option.tooltip || []).forEach(function (t) { t.renderMode = "richText"; });
    option.aria = { enabled: true };
    var chart = window.echarts.init(el, null, { renderer: "canvas" });
    chart.setOption(option);
    el.classList.add("is-drawn");
    performance.mark("chart-drawn"); // read by BenchmarkTeamPageLoad
    window.addEventListener("resize", function () { chart.resize(); });
  });
})();
