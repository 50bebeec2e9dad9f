// The network page: fills in and refreshes the server-rendered page from GET /api/v1/network.
import { poll, el, setText, setAttr, fmtRate, fmtPct, fmtSeconds, fmtMs } from './app.js';
import { drawChart } from './chart.js';

const labels = {
  unknown: 'Checking…', healthy: 'Healthy', starting: 'Starting', down: 'Down',
  degraded: 'Degraded', misbehaving: 'Misbehaving',
};

let serverDown = false;

function render(s) {
  serverDown = false;
  const n = s.network;
  setText(document.getElementById('epoch'), n.epoch === null || n.epoch === undefined ? '–' : String(n.epoch));
  setText(document.getElementById('threshold'), String(n.threshold));
  setText(document.getElementById('quorum'), String(n.quorum));
  setText(document.getElementById('healthy'), `${n.healthy} of ${n.nodes}`);
  setText(document.getElementById('updated'), `Updated ${new Date(s.updated).toLocaleTimeString()}; ${n.up} of ${n.nodes} nodes answer, ${n.ready} ready.`);
  renderAlerts(s.alerts);
  for (const node of s.nodes) renderNode(node);
  renderCharts(s);
}

function renderAlerts(alerts) {
  const box = document.getElementById('alerts');
  const key = JSON.stringify(alerts);
  if (box.dataset.key === key) return; // unchanged: a live region must not repeat itself every second
  box.dataset.key = key;
  if (alerts.length === 0) {
    box.replaceChildren(el('p', { class: 'ok', 'data-testid': 'alerts-none' }, 'Every node is healthy.'));
    return;
  }
  box.replaceChildren(el('ul', { class: 'alerts' }, ...alerts.map((a) => el('li', { 'data-testid': 'alert' }, a))));
}

function renderNode(node) {
  const row = document.getElementById(`node-${node.index}`);
  if (!row) return; // the page lists the nodes of network.json; the summary has the same ones
  setAttr(row, 'data-health', node.health);
  const badge = row.querySelector('[data-testid="node-health"]');
  setAttr(badge, 'data-health', node.health);
  setText(badge, labels[node.health] || node.health);
  const field = (name) => row.querySelector(`[data-field="${name}"]`);
  setText(field('reasons'), node.reasons.length ? node.reasons.join('; ') : '');
  setText(field('version'), node.version || '–');
  setText(field('epoch'), node.epoch === undefined || node.epoch === null ? '–' : String(node.epoch));
  const pool = node.presignatures;
  setText(field('presignatures'), pool ? `${pool.free} / ${pool.all}` : '–');
  renderPeers(field('peers'), node);
  setText(field('rate'), fmtRate(node.requestRate));
}

// renderPeers shows "up of peers, median RTT" and, on demand, each peer's link.
function renderPeers(cell, node) {
  if (!node.peersKnown) {
    setText(cell, '–');
    return;
  }
  let details = cell.querySelector('details');
  if (!details) {
    details = el('details', {}, el('summary', {}), el('ul', { class: 'peers' }));
    cell.replaceChildren(details);
  }
  const median = node.rttMedianMs;
  setText(details.querySelector('summary'), `${node.peersUp} of ${node.peersKnown} up${median === null ? '' : `, median ${fmtMs(median)}`}`);
  const list = details.querySelector('ul');
  const key = JSON.stringify(node.peers.map((p) => [p.index, p.up, p.rttMs === null ? null : +p.rttMs.toPrecision(2)]));
  if (list.dataset.key === key) return;
  list.dataset.key = key;
  list.replaceChildren(...node.peers.map((p) =>
    el('li', { 'data-peer': p.index, 'data-up': p.up }, `Node ${p.index}: ${p.up ? 'up' : 'unreachable'}${p.rttMs === null ? '' : `, ${fmtMs(p.rttMs)}`}`)));
}

function renderCharts(s) {
  const t = s.series.map((p) => p.t);
  const windowMs = Math.max(60000, (s.series.length ? t[t.length - 1] - t[0] : 0), 5 * 60000);
  const col = (k) => s.series.map((p) => p[k]);
  const last = s.series.length ? s.series[s.series.length - 1] : null;

  drawChart(document.getElementById('chart-rate'), { t, windowMs, lines: [{ values: col('rate'), cls: 'line-a' }], format: fmtRate });
  setText(document.getElementById('rate-now'), last ? `Now ${fmtRate(last.rate)} requests per second.` : 'No data yet.');

  drawChart(document.getElementById('chart-success'), { t, windowMs, yMax: 1, lines: [{ values: col('success'), cls: 'line-b' }], format: (v) => fmtPct(v) });
  setText(document.getElementById('success-now'), last ? (last.success === null ? 'No requests in the last seconds.' : `Now ${fmtPct(last.success)} answered without error.`) : 'No data yet.');

  drawChart(document.getElementById('chart-latency'), {
    t, windowMs, format: fmtSeconds,
    lines: [{ values: col('p50'), cls: 'line-a' }, { values: col('p90'), cls: 'line-c' }, { values: col('p99'), cls: 'line-d' }],
  });
  setText(document.getElementById('latency-now'), last && last.p50 !== null
    ? `Now p50 ${fmtSeconds(last.p50)}, p90 ${fmtSeconds(last.p90)}, p99 ${fmtSeconds(last.p99)}.`
    : 'No requests in the last seconds.');
}

function failed(err) {
  if (serverDown) return;
  serverDown = true;
  const box = document.getElementById('alerts');
  box.dataset.key = '';
  box.replaceChildren(el('p', { class: 'error', 'data-testid': 'explorer-down' },
    `The explorer server does not answer (${err.message}); the figures below are stale.`));
}

poll('/api/v1/network', render, failed);
