// The live page: polls the timeline and the state every 2 s and draws each series as an SVG polyline.
// Plain DOM and SVG, no library: the page must work with no internet access.
'use strict';

const SVG = 'http://www.w3.org/2000/svg';
const CHARTS = [
  {id: 'chart-lag', series: [{key: 'totalLag', name: 'lag', color: '#d62728'}]},
  {id: 'chart-lag-seconds', series: [{key: 'lagSeconds', name: 'lag seconds', color: '#9467bd'}]},
  {id: 'chart-rates', series: [{key: 'produceRate', name: 'produce', color: '#1f77b4'},
                                {key: 'consumeRate', name: 'consume', color: '#2ca02c'}]},
  {id: 'chart-workers', series: [{key: 'workers', name: 'running', color: '#ff7f0e', step: true},
                                  {key: 'desiredWorkers', name: 'desired', color: '#7f7f7f', step: true, dashed: true}]},
];

function element(name, attributes, parent) {
  const node = document.createElementNS(SVG, name);
  Object.entries(attributes).forEach(([key, value]) => node.setAttribute(key, value));
  parent.appendChild(node);
  return node;
}

function niceMax(value) {
  if (!(value > 0)) return 1;
  const power = Math.pow(10, Math.floor(Math.log10(value)));
  return [1, 2, 5, 10].map(step => step * power).find(candidate => candidate >= value);
}

function draw(chart, samples) {
  const svg = document.getElementById(chart.id);
  const width = svg.clientWidth || 480, height = svg.clientHeight || 220;
  const left = 48, right = 8, top = 16, bottom = 22;
  svg.setAttribute('viewBox', `0 0 ${width} ${height}`);
  svg.replaceChildren();
  const t0 = samples.length ? Date.parse(samples[0].at) : 0;
  const t1 = samples.length ? Math.max(Date.parse(samples[samples.length - 1].at), t0 + 1000) : 1000;
  const values = samples.flatMap(s => chart.series.map(series => s[series.key])).filter(v => v !== null && isFinite(v));
  const max = niceMax(Math.max(0, ...values));
  const x = t => left + (t - t0) / (t1 - t0) * (width - left - right);
  const y = v => height - bottom - v / max * (height - top - bottom);
  for (let i = 0; i <= 4; i++) {
    const value = max * i / 4;
    element('line', {class: 'grid', x1: left, x2: width - right, y1: y(value), y2: y(value)}, svg);
    element('text', {class: 'label', x: left - 4, y: y(value) + 3, 'text-anchor': 'end'}, svg).textContent =
      value >= 100 ? value.toFixed(0) : +value.toFixed(2);
  }
  element('line', {class: 'axis', x1: left, x2: left, y1: top, y2: height - bottom}, svg);
  element('line', {class: 'axis', x1: left, x2: width - right, y1: height - bottom, y2: height - bottom}, svg);
  const span = Math.round((t1 - t0) / 1000);
  element('text', {class: 'label', x: left, y: height - 6}, svg).textContent = `-${span} s`;
  element('text', {class: 'label', x: width - right, y: height - 6, 'text-anchor': 'end'}, svg).textContent = 'now';
  chart.series.forEach((series, index) => {
    const points = [];
    let previous = null;
    samples.forEach(sample => {
      const value = sample[series.key];
      if (value === null || !isFinite(value)) { previous = null; return; }
      const px = x(Date.parse(sample.at)), py = y(value);
      if (series.step && previous) points.push(`${px.toFixed(1)},${previous.toFixed(1)}`);
      points.push(`${px.toFixed(1)},${py.toFixed(1)}`);
      previous = py;
    });
    element('polyline', {points: points.join(' '), fill: 'none', stroke: series.color, 'stroke-width': 2,
      'stroke-dasharray': series.dashed ? '5,3' : 'none', 'data-series': series.key}, svg);
    const last = samples.length ? samples[samples.length - 1][series.key] : null;
    element('text', {class: 'label', x: left + 8 + index * 150, y: top - 4, fill: series.color}, svg).textContent =
      `${series.name}: ${last === null || last === undefined ? '–' : +Number(last).toFixed(1)}`;
  });
  svg.setAttribute('data-points', samples.length);
}

function summary(state) {
  const seconds = state.lagSeconds === null ? 'unknown' : `${state.lagSeconds.toFixed(1)} s`;
  document.getElementById('summary').innerHTML =
    `mode <b>${state.mode}</b> · workers <b>${state.workers}</b> (desired ${state.desiredWorkers}) · ` +
    `lag <b>${state.totalLag}</b> events, ${seconds} · produce ${state.produceRate.toFixed(1)}/s · ` +
    `consume ${state.consumeRate.toFixed(1)}/s · ${state.partitions.length} partitions`;
  const decision = state.lastDecision;
  document.getElementById('decision').textContent = decision
    ? `last decision ${decision.at}: ${decision.desiredWorkers} workers: ${decision.reason}` : '';
}

async function refresh() {
  try {
    const [timeline, state] = await Promise.all([
      fetch('api/autoscaler/timeline').then(response => response.json()),
      fetch('api/autoscaler').then(response => response.json())]);
    CHARTS.forEach(chart => draw(chart, timeline));
    summary(state);
  } catch (error) {
    document.getElementById('decision').textContent = `cannot reach the autoscaler: ${error}`;
  }
}

refresh();
setInterval(refresh, 2000);
