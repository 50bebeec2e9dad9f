// Shared helpers of the explorer's pages: polling the explorer's API, formatting, building DOM.

// poll calls onData with url's JSON every intervalMs (after each answer, so a slow server is not
// flooded), and onError with an Error when a request fails. It pauses while the tab is hidden.
export function poll(url, onData, onError, intervalMs = 1000) {
  let timer = null;
  let running = false;
  async function once() {
    timer = null;
    if (document.hidden) return;
    running = true;
    const ctl = new AbortController();
    const limit = setTimeout(() => ctl.abort(), 4000);
    try {
      const resp = await fetch(url, { signal: ctl.signal, headers: { Accept: 'application/json' } });
      if (!resp.ok) throw new Error(`${url}: HTTP ${resp.status}`);
      const data = await resp.json();
      onData(data);
      if (typeof data.intervalMs === 'number' && data.intervalMs >= 100) intervalMs = data.intervalMs;
    } catch (err) {
      onError(err.name === 'AbortError' ? new Error(`${url}: no answer in 4 s`) : err);
    } finally {
      clearTimeout(limit);
      running = false;
    }
    timer = setTimeout(once, intervalMs);
  }
  document.addEventListener('visibilitychange', () => {
    if (!document.hidden && timer === null && !running) once();
  });
  once();
}

// el makes an element with attributes and children (strings become text, never HTML).
export function el(tag, attrs = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === null || v === undefined || v === false) continue;
    e.setAttribute(k, v === true ? '' : String(v));
  }
  for (const c of children) e.append(c instanceof Node ? c : document.createTextNode(String(c)));
  return e;
}

// setText changes an element's text only when it differs, so that screen readers and the
// browser's layout are not disturbed every second for nothing.
export function setText(e, text) {
  if (e && e.textContent !== text) e.textContent = text;
}

export function setAttr(e, name, value) {
  if (e && e.getAttribute(name) !== value) e.setAttribute(name, value);
}

export function fmtRate(v) {
  if (v === null || v === undefined) return '–';
  if (v === 0) return '0';
  if (v < 0.1) return v.toFixed(2);
  if (v < 10) return v.toFixed(1);
  return Math.round(v).toString();
}

export function fmtPct(v) {
  if (v === null || v === undefined) return '–';
  const p = v * 100;
  return (p === 100 || p === 0 ? p.toFixed(0) : p.toFixed(p > 99 ? 2 : 1)) + ' %';
}

// fmtSeconds shows a duration given in seconds.
export function fmtSeconds(v) {
  if (v === null || v === undefined) return '–';
  return fmtMs(v * 1000);
}

export function fmtMs(ms) {
  if (ms === null || ms === undefined) return '–';
  if (ms === 0) return '0';
  if (ms < 1) return ms.toFixed(2) + ' ms';
  if (ms < 10) return ms.toFixed(1) + ' ms';
  if (ms < 1000) return Math.round(ms) + ' ms';
  return (ms / 1000).toFixed(ms < 10000 ? 2 : 1) + ' s';
}
