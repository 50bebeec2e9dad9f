// A small line chart drawn as SVG: enough for a few series over the last minutes, redrawn whole
// at each update (a few hundred points), with no dependency.

const NS = 'http://www.w3.org/2000/svg';
const W = 400, H = 170;
const PAD = { l: 50, r: 8, t: 8, b: 22 };

function svgEl(tag, attrs) {
  const e = document.createElementNS(NS, tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
  return e;
}

// niceMax rounds a maximum up to 1, 2 or 5 times a power of ten, so the axis reads well.
function niceMax(v) {
  if (!(v > 0)) return 1;
  const p = Math.pow(10, Math.floor(Math.log10(v)));
  for (const m of [1, 2, 5, 10]) if (v <= m * p) return m * p;
  return 10 * p;
}

// drawChart draws lines over time into svg.
//   t:       the points' times (Unix ms)
//   lines:   [{ values: [number|null], cls: 'line-a' }]; a null breaks the line
//   windowMs the time the x axis spans, ending at the last point
//   yMax:    fixed top of the y axis, or null to fit the data
//   format:  the y axis's labels
export function drawChart(svg, { t, lines, windowMs, yMax = null, format = String }) {
  const plotW = W - PAD.l - PAD.r, plotH = H - PAD.t - PAD.b;
  const end = t.length ? t[t.length - 1] : Date.now();
  const start = end - windowMs;
  let top = yMax;
  if (top === null) {
    let m = 0;
    for (const l of lines) for (const v of l.values) if (v !== null && v > m) m = v;
    top = niceMax(m);
  }
  const x = (ms) => PAD.l + ((ms - start) / windowMs) * plotW;
  const y = (v) => PAD.t + plotH - (Math.min(v, top) / top) * plotH;

  const frag = document.createDocumentFragment();
  for (let i = 0; i <= 4; i++) {
    const v = (top * i) / 4;
    const yy = y(v);
    frag.append(svgEl('line', { x1: PAD.l, x2: W - PAD.r, y1: yy, y2: yy, class: i === 0 ? 'axis' : 'grid' }));
    if (i % 2 === 0) {
      const label = svgEl('text', { x: PAD.l - 6, y: yy + 4, 'text-anchor': 'end', class: 'tick' });
      label.textContent = format(v);
      frag.append(label);
    }
  }
  const minutes = windowMs / 60000;
  for (const f of [0, 0.5, 1]) {
    const label = svgEl('text', { x: PAD.l + f * plotW, y: H - 6, 'text-anchor': f === 0 ? 'start' : f === 1 ? 'end' : 'middle', class: 'tick' });
    const ago = minutes * (1 - f);
    label.textContent = f === 1 ? 'now' : `−${ago % 1 ? ago.toFixed(1) : ago} min`;
    frag.append(label);
  }
  for (const l of lines) {
    let d = '';
    let pen = false;
    for (let i = 0; i < t.length; i++) {
      const v = l.values[i];
      if (v === null || v === undefined || t[i] < start) { pen = false; continue; }
      d += `${pen ? 'L' : 'M'}${x(t[i]).toFixed(1)} ${y(v).toFixed(1)}`;
      pen = true;
    }
    if (d) frag.append(svgEl('path', { d, class: `line ${l.cls}`, fill: 'none' }));
  }
  svg.replaceChildren(frag);
}
