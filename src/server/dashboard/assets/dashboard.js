// Redraws each server-rendered chart with ECharts in the browser (tooltips,
// legend toggles); without JavaScript the server's SVG stays as it is.
(function () {
  'use strict';
  if (typeof window.echarts === 'undefined') return;
  var charts = [];
  document.querySelectorAll('figure.chart').forEach(function (figure) {
    var script = figure.querySelector('script[type="application/json"]');
    if (!script) return;
    var option;
    try {
      option = JSON.parse(script.textContent);
    } catch (e) {
      return;
    }
    var svg = figure.querySelector('svg');
    var width = svg ? svg.getAttribute('width') : null;
    if (svg) svg.remove();
    var chart = window.echarts.init(figure, null, { renderer: 'svg', width: width ? Number(width) : undefined });
    chart.setOption(Object.assign({ animation: false }, option));
    charts.push(chart);
  });
  window.addEventListener('resize', function () {
    charts.forEach(function (c) { c.resize(); });
  });
  document.documentElement.dataset.chartsReady = String(charts.length);
})();
