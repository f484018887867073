// minsheng dashboards: draws the charts from the JSON the server put in
// <script type="application/json" id="dash-data"> (the content security
// policy forbids inline script). Every chart has a title with its unit and
// a tooltip with the numbers; the same figures are in the tables below.
(function () {
  "use strict";
  var src = document.getElementById("dash-data");
  if (!src || !window.echarts) return;
  var d = JSON.parse(src.textContent);
  var L = d.labels;
  // One palette everywhere: the accent blue first, grey for last year.
  var palette = ["#1d5fa8", "#2f9e8f", "#e0a100", "#8e5cc4", "#d1495b", "#5a8f29", "#3a7bd5", "#c06c84", "#6c757d", "#17a2b8", "#8a5a00"];
  var base = { color: palette, textStyle: { fontFamily: '-apple-system, "PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", sans-serif' },
    animation: false };
  var charts = [];
  function draw(id, opt) {
    var el = document.getElementById(id);
    if (!el) return;
    var c = echarts.init(el);
    c.setOption(Object.assign({}, base, opt));
    charts.push(c);
  }
  function title(t) { return { text: t, left: 0, textStyle: { fontSize: 14 } }; }

  draw("chart-volume", {
    title: title(L["dash.volume"]),
    tooltip: { trigger: "axis" },
    legend: { top: 0, right: 0, data: [L["dash.this"], L["dash.lastyear"]] },
    grid: { left: 48, right: 16, top: 64, bottom: 32 },
    xAxis: { type: "category", data: d.days.map(function (x) { return x.day.slice(5); }) },
    yAxis: { type: "value", name: L["dash.units"], minInterval: 1, nameLocation: "end" },
    series: [
      { name: L["dash.this"], type: "line", data: d.days.map(function (x) { return x.received; }), symbolSize: 4 },
      { name: L["dash.lastyear"], type: "line", data: d.days.map(function (x) { return x.last_year; }),
        lineStyle: { type: "dashed" }, itemStyle: { color: "#8c959f" }, symbolSize: 3 }
    ]
  });
  function mix(id, key, rows) {
    draw(id, {
      title: title(L[key]),
      tooltip: { trigger: "item", formatter: "{b}: {c} " + L["dash.units"] + " ({d}%)" },
      series: [{ type: "pie", radius: ["35%", "65%"], top: 24, data: rows.map(function (x) { return { name: x.name, value: x.received }; }),
        label: { formatter: "{b} {c}" } }]
    });
  }
  mix("chart-categories", "dash.categories", d.categories);
  mix("chart-channels", "dash.channels", d.channels);
  draw("chart-scatter", {
    title: title(L["dash.scatter"]),
    tooltip: { trigger: "item", formatter: function (p) {
      return p.data[2] + "<br>" + L["col.solve_rate"] + " " + p.data[0].toFixed(1) + "%<br>" + L["col.satisfaction_rate"] + " " + p.data[1].toFixed(1) + "%";
    } },
    grid: { left: 64, right: 140, top: 48, bottom: 48 },
    xAxis: { type: "value", name: L["col.solve_rate"], nameLocation: "middle", nameGap: 28, min: 0, max: 100 },
    yAxis: { type: "value", name: L["col.satisfaction_rate"], nameLocation: "middle", nameGap: 40, min: 0, max: 100 },
    series: [{ type: "scatter", symbolSize: function (v) { return 8 + Math.min(Math.sqrt(v[3]), 16); },
      data: d.units.map(function (u) { return [u.solve, u.satisfaction, u.name, u.visited]; }),
      label: { show: true, position: "right", formatter: function (p) { return p.data[2]; }, fontSize: 11 },
      labelLayout: { hideOverlap: true },
      markLine: { silent: true, symbol: "none", lineStyle: { type: "dashed", color: "#b42318" },
        data: [[{ coord: [0, 15] }, { coord: [85, 100] }]] } }]
  });
  window.addEventListener("resize", function () { charts.forEach(function (c) { c.resize(); }); });
})();
