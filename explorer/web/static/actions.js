// The Actions playground: an editor with a small highlighter, examples, jsParams, publish, grant and
// run through the explorer's dev-account API, and the run's result with each signature's check.
import { el } from './app.js';
import { provider, walletAccount, onAccount, sendWrite, writerLine, walletBox } from './wallet.js';

const dev = document.querySelector('[data-testid="dev-account"]')?.dataset.address;

// The account that mints and grants here: the browser wallet's once connected, else the dev
// account. Runs always use a session of the dev account (the explorer signs it).
function writer() {
  return walletAccount() ? { kind: 'wallet', address: walletAccount() } : { kind: 'dev', address: dev };
}

// The examples' code is in examples/NAME.js (the integration tests run the same files); their
// jsParams are here.
const EXAMPLES = {
  sign: {
    params: { message: 'hello from the playground' },
  },
  price: {
    params: { url: 'http://127.0.0.1:8080/price' },
  },
  runonce: {
    params: { url: 'http://127.0.0.1:8080/price' },
  },
  decrypt: {
    params: { accessControlConditions: [], ciphertext: '', dataToEncryptHash: '' },
  },
};

// ---- the editor: a textarea over a highlighted copy of its text ----

const KEYWORDS = new Set(('async await break case catch class const continue default delete do else export extends false finally for ' +
  'function if import in instanceof let new null of return switch this throw true try typeof undefined var void while yield').split(' '));
// One pass over the text: comments, strings, template literals, numbers, words, anything else.
const TOKEN = /(\/\/[^\n]*|\/\*[\s\S]*?(?:\*\/|$))|("(?:[^"\\\n]|\\.)*"?|'(?:[^'\\\n]|\\.)*'?|`(?:[^`\\]|\\[\s\S])*`?)|(\b\d[\d_]*(?:\.\d+)?(?:e[+-]?\d+)?\b|\b0x[0-9a-f]+\b)|([A-Za-z_$][\w$]*)|([\s\S])/gi;

// highlight renders code as text nodes and spans (never HTML): comments, strings, numbers, keywords.
export function highlight(code) {
  const out = document.createDocumentFragment();
  let plain = '';
  const flush = () => { if (plain) { out.append(plain); plain = ''; } };
  for (const m of code.matchAll(TOKEN)) {
    let cls = null;
    if (m[1]) cls = 'tok-comment';
    else if (m[2]) cls = 'tok-string';
    else if (m[3]) cls = 'tok-number';
    else if (m[4] && KEYWORDS.has(m[4])) cls = 'tok-keyword';
    else if (m[4] === 'Lit' || m[4] === 'ethers') cls = 'tok-global';
    if (!cls) { plain += m[0]; continue; }
    flush();
    out.append(el('span', { class: cls }, m[0]));
  }
  flush();
  out.append('\n'); // a trailing newline keeps the overlay as tall as the textarea's last line
  return out;
}

const code = document.getElementById('play-code');
const hl = document.getElementById('play-hl');
const params = document.getElementById('play-params');
const paramsErr = document.getElementById('play-params-err');
const pkpSelect = document.getElementById('play-pkp');
const statusBox = document.getElementById('play-status');
const result = document.getElementById('play-result');
let escaped = false;

function repaint() {
  hl.replaceChildren(highlight(code.value));
  syncScroll();
}
function syncScroll() {
  hl.parentElement.scrollTop = code.scrollTop;
  hl.parentElement.scrollLeft = code.scrollLeft;
}

// parseParams reads jsParams: a JSON object, or nothing. It says what is wrong next to the field.
function parseParams() {
  const text = params.value.trim();
  if (text === '') { paramsErr.textContent = ''; params.removeAttribute('aria-invalid'); return {}; }
  try {
    const v = JSON.parse(text);
    if (v === null || typeof v !== 'object' || Array.isArray(v)) throw new Error('want a JSON object, {…}');
    paramsErr.textContent = '';
    params.removeAttribute('aria-invalid');
    return v;
  } catch (err) {
    paramsErr.textContent = `jsParams: ${err.message}`;
    params.setAttribute('aria-invalid', 'true');
    return null;
  }
}

function selectedPKP() {
  const o = pkpSelect.selectedOptions[0];
  return o && o.value ? { tokenId: o.value, publicKey: o.dataset.pubkey } : null;
}

// withPublicKey puts the chosen PKP's key into jsParams.publicKey.
function withPublicKey() {
  const p = parseParams();
  const pkp = selectedPKP();
  if (!p || !pkp) return;
  p.publicKey = pkp.publicKey;
  params.value = JSON.stringify(p, null, 2);
}

async function loadExample(name) {
  const ex = EXAMPLES[name];
  const resp = await fetch(`/assets/examples/${name}.js`);
  if (!resp.ok) throw new Error(`example ${name}: HTTP ${resp.status}`);
  code.value = await resp.text();
  params.value = JSON.stringify(ex.params, null, 2);
  withPublicKey();
  repaint();
}

async function api(path, body) {
  const resp = await fetch(path, { method: 'POST', headers: { 'Content-Type': 'application/json', Accept: 'application/json' }, body: JSON.stringify(body) });
  const ans = await resp.json().catch(() => ({ code: 'ExplorerBadAnswer', message: `HTTP ${resp.status} without JSON` }));
  if (!resp.ok) {
    const e = new Error(ans.message || `HTTP ${resp.status}`);
    e.code = ans.code;
    throw e;
  }
  return ans;
}

function showStatus(text, testid = 'play-busy') {
  statusBox.className = '';
  statusBox.replaceChildren(el('span', { 'data-testid': testid }, text));
}
function showError(err) {
  statusBox.className = 'error';
  statusBox.replaceChildren(el('span', { 'data-testid': 'play-error', 'data-code': err.code || '' }, err.message));
}

// busy runs f with the form's buttons off.
async function busy(text, f) {
  showStatus(text);
  const buttons = document.querySelectorAll('#play-form button');
  for (const b of buttons) b.disabled = true;
  try {
    await f();
  } catch (err) {
    showError(err);
  } finally {
    for (const b of buttons) b.disabled = false;
  }
}

// loadPKPs lists the writer's PKPs; of two loads at once (the wallet connected meanwhile), the
// later one's list stays.
let loads = 0;
async function loadPKPs(select) {
  const mine = ++loads;
  const resp = await fetch(`/api/v1/pkps?q=${encodeURIComponent(writer().address)}`, { headers: { Accept: 'application/json' } });
  const ans = await resp.json();
  if (mine !== loads) return;
  if (!resp.ok) throw Object.assign(new Error(ans.message || `HTTP ${resp.status}`), { code: ans.code });
  const keep = select || pkpSelect.value;
  pkpSelect.replaceChildren(el('option', { value: '' }, '(none: run without a PKP)'));
  for (const p of ans.owned?.pkps ?? []) {
    pkpSelect.append(el('option', { value: p.tokenIdHex, 'data-pubkey': p.pubkey, selected: p.tokenIdHex === keep }, `${p.ethAddress} (token ${p.tokenIdHex.slice(0, 10)}…)`));
  }
  pkpSelect.dataset.loaded = 'true';
}

function row(label, value, testid) {
  return [el('dt', {}, label), el('dd', {}, el('code', { 'data-testid': testid }, value))];
}

function renderRun(ans) {
  const parts = [el('h2', {}, ans.ok ? 'Result' : 'Result: failed')];
  if (ans.error) parts.push(el('p', { class: 'error', 'data-testid': 'run-error', 'data-code': ans.errorCode || '' }, ans.error));
  if (ans.errorDetail) parts.push(el('details', {}, el('summary', {}, 'The whole error'), el('pre', { class: 'logs', tabindex: '0' }, ans.errorDetail)));
  parts.push(el('dl', { class: 'kv' },
    ...row('Action CID', ans.cid, 'run-cid'),
    ...row('Response', ans.response, 'run-response'),
    ...row('Agreed by', `${ans.agree} of ${ans.answered} nodes that ran it`, 'run-agree'),
    ...row('Time', `${ans.elapsedMs} ms for the whole run (each node's below)`, 'run-elapsed'),
  ));
  parts.push(el('h3', {}, 'Signatures'));
  if (ans.signatures.length === 0) parts.push(el('p', { class: 'quiet', 'data-testid': 'run-sigs-none' }, 'The Action signed nothing.'));
  for (const s of ans.signatures) {
    parts.push(el('section', { class: 'sig', 'data-testid': 'run-sig', 'data-name': s.name, 'data-verified': String(s.verified) },
      el('h4', {}, `“${s.name}” `, el('span', { class: 'badge', 'data-health': s.verified ? 'healthy' : 'down', 'data-testid': 'sig-check' }, s.verified ? 'Verified' : 'Not verified')),
      el('p', { class: 'hint' }, s.check),
      el('dl', { class: 'kv' },
        ...row('Signature', s.signature, 'sig-signature'),
        ...row('Signed (hash)', s.dataSigned, 'sig-data'),
        ...row('PKP public key', s.expected || s.publicKey, 'sig-expected'),
        ...row('Recovered key', s.recovered || '–', 'sig-recovered'),
        ...row('PKP address', s.address, 'sig-address'),
        ...row('Shares from', (s.signers || []).join(', '), 'sig-signers'),
      ),
      s.badNodes?.length ? el('p', { class: 'error' }, `Shares left out: ${s.badNodes.join(', ')}`) : '',
    ));
  }
  parts.push(el('h3', {}, 'Nodes'));
  const list = el('ul', { class: 'nodes', 'data-testid': 'run-nodes' });
  for (const n of ans.nodes) {
    const words = n.outcome === 'ok' ? 'ran it and agrees' : n.outcome === 'dissent' ? 'gave another response' : `failed: ${n.code ? n.code + ': ' : ''}${n.message}`;
    const took = typeof n.tookMs === 'number' ? ` — answered in ${n.tookMs} ms` : '';
    list.append(el('li', { 'data-testid': 'run-node', 'data-outcome': n.outcome, 'data-node-index': n.index, 'data-took-ms': n.tookMs ?? '' }, `Node ${n.index} (${n.url}) ${words}${took}`));
  }
  parts.push(list);
  parts.push(el('h3', {}, 'Logs'));
  parts.push(el('pre', { class: 'logs', 'data-testid': 'run-logs', tabindex: '0' }, ans.logs || '(none)'));
  result.replaceChildren(...parts);
}

if (dev) {
  code.addEventListener('input', repaint);
  code.addEventListener('scroll', syncScroll);
  // Tab indents; Esc first lets Tab leave the editor, so the keyboard is never trapped.
  code.addEventListener('keydown', (e) => {
    if (e.key === 'Escape') { escaped = true; return; }
    if (e.key === 'Tab' && !e.shiftKey && !escaped) {
      e.preventDefault();
      code.setRangeText('  ', code.selectionStart, code.selectionEnd, 'end');
      repaint();
    }
    if (e.key !== 'Escape' && e.key !== 'Tab') escaped = false;
  });
  code.addEventListener('blur', () => { escaped = false; });
  params.addEventListener('input', parseParams);
  document.getElementById('play-example').addEventListener('change', (e) => loadExample(e.target.value).catch(showError));
  pkpSelect.addEventListener('change', withPublicKey);

  document.getElementById('play-mint').addEventListener('click', () => {
    const w = writer();
    busy(w.kind === 'wallet' ? 'Minting a PKP with your wallet…' : 'Minting a PKP with the dev account…', async () => {
      let tokenId, txHash;
      if (w.kind === 'wallet') ({ tokenId, txHash } = await sendWrite('mint', {}));
      else ({ pkp: { tokenIdHex: tokenId }, txHash } = await api('/api/v1/dev/mint', {}));
      await loadPKPs(tokenId);
      withPublicKey();
      statusBox.replaceChildren(el('span', { 'data-testid': 'play-minted', 'data-via': w.kind, 'data-token-id': tokenId },
        `Minted PKP ${tokenId} to ${w.address} in transaction ${txHash}.`));
    });
  });
  document.getElementById('play-publish').addEventListener('click', () => busy('Publishing…', async () => {
    const ans = await api('/api/v1/dev/publish', { code: code.value });
    statusBox.replaceChildren(el('span', { 'data-testid': 'play-published', 'data-cid': ans.cid },
      `Published: ${ans.cid} (${ans.bytes} bytes${ans.stored ? ', in the nodes\u2019 content store' : '; this network has no content store here: add it to IPFS yourself, the CID is the same'}).`));
  }));
  document.getElementById('play-grant').addEventListener('click', () => {
    const w = writer();
    busy(w.kind === 'wallet' ? 'Granting with your wallet…' : 'Granting with the dev account…', async () => {
      const pkp = selectedPKP();
      if (!pkp) throw new Error('Choose or mint a PKP first.');
      const pub = await api('/api/v1/dev/publish', { code: code.value });
      const grant = { tokenId: pkp.tokenId, kind: 'action', value: pub.cid, scopes: ['sign-anything'] };
      const { txHash } = w.kind === 'wallet' ? await sendWrite('grant', grant) : await api('/api/v1/dev/grant', grant);
      statusBox.replaceChildren(el('span', { 'data-testid': 'play-granted', 'data-cid': pub.cid, 'data-via': w.kind },
        `Granted Action ${pub.cid} on PKP ${pkp.tokenId} (Sign anything) in transaction ${txHash}.`));
    });
  });
  document.getElementById('play-form').addEventListener('submit', (e) => {
    e.preventDefault();
    const p = parseParams();
    if (!p) { params.focus(); return; }
    const pkp = selectedPKP();
    busy('Running on every node…', async () => {
      const ans = await api('/api/v1/dev/run', { code: code.value, jsParams: p, publicKey: pkp?.publicKey });
      renderRun(ans);
      if (ans.ok) showStatus(`Ran on ${ans.answered} nodes in ${ans.elapsedMs} ms.`, 'play-ran');
      else showError({ message: 'The run failed: the result below says why.', code: ans.errorCode });
    });
  });
  // Which account mints and grants, said above the PKP list; a wallet connected or changed lists
  // its own PKPs.
  const showWriter = () => {
    const w = writer();
    document.getElementById('play-writer').replaceChildren(writerLine(w.kind, w.address, 'Mint and Grant'));
    document.getElementById('play-pkp-label').textContent = w.kind === 'wallet' ? 'A PKP your wallet’s account holds' : 'A PKP the dev account owns';
  };
  showWriter();
  walletBox(document.getElementById('wallet-box'));
  if (provider) onAccount(() => { showWriter(); loadPKPs('').catch(showError); });
  loadExample('sign').then(() => loadPKPs()).catch(showError);
}
