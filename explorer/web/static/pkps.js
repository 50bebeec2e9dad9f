// The PKPs page: looks a PKP up through GET /api/v1/pkps?q=… and shows it, its permissions and, for
// an address, the PKPs it holds. The query is kept in the page's URL, so a lookup can be linked.
import { el } from './app.js';
import { provider, walletAccount, onAccount, sendWrite, writerLine, walletBox } from './wallet.js';

const form = document.getElementById('pkp-form');
const input = document.getElementById('pkp-query');
const statusBox = document.getElementById('pkp-status');
const result = document.getElementById('pkp-result');

// The dev account's address when the explorer may write with it (a devnet's), else undefined.
const dev = document.querySelector('[data-testid="dev-account"]')?.dataset.address;

// via says which account may change PKP v from this page: 'wallet' when the browser's wallet's
// account owns it, 'dev' when the dev account does, else null.
function via(v) {
  if (v.burned || !v.owner) return null;
  const owner = v.owner.toLowerCase();
  if (walletAccount() && walletAccount().toLowerCase() === owner) return 'wallet';
  if (dev && dev.toLowerCase() === owner) return 'dev';
  return null;
}
const withWords = { wallet: 'with your wallet', dev: 'with the dev account' };

const scopeLabels = { none: 'No scope', 'sign-anything': 'Sign anything', 'personal-sign': 'Personal sign (EIP-191)' };

function scopes(list) {
  if (!list.length) return el('span', { class: 'quiet' }, 'no scopes');
  return el('span', { class: 'scopes' }, ...list.map((s) => el('span', { class: 'scope', 'data-scope': s }, scopeLabels[s] || s)));
}

// field is one line of a definition list, with its test hook.
function field(label, value, testid) {
  return el('div', {}, el('dt', {}, label), el('dd', { 'data-testid': testid }, value));
}

function pkpLink(v) {
  return el('a', { href: `/pkps?q=${encodeURIComponent(v.tokenIdHex)}`, 'data-q': v.tokenIdHex }, v.tokenIdHex);
}

function revokeButton(kind, value, what, w) {
  return el('button', { type: 'button', class: 'revoke', 'data-testid': 'revoke', 'data-kind': kind, 'data-value': value, 'aria-label': `Revoke ${what} ${withWords[w]}` }, 'Revoke');
}

// grantForm grants an Action or an address on a PKP the writer w (wallet or dev) owns.
function grantForm(v, w) {
  const kind = el('select', { id: 'grant-kind', name: 'kind', 'data-testid': 'grant-kind' },
    el('option', { value: 'action' }, 'Action (IPFS CID)'), el('option', { value: 'address' }, 'Address'));
  const value = el('input', { id: 'grant-value', name: 'value', 'data-testid': 'grant-value', required: true, maxlength: 256, autocomplete: 'off', spellcheck: 'false', placeholder: 'Qm… or 0x…' });
  const scope = (val, label, checked) => el('label', { class: 'check' }, el('input', { type: 'checkbox', name: 'scope', value: val, checked, 'data-testid': `grant-scope-${val}` }), ` ${label}`);
  const form = el('form', { class: 'grant', 'data-testid': 'grant-form' },
    el('fieldset', {},
      el('legend', {}, `Grant ${withWords[w]}`),
      el('label', { for: 'grant-kind' }, 'Kind'), kind,
      el('label', { for: 'grant-value' }, 'CID or address'), value,
      el('fieldset', { class: 'scopes-choice' }, el('legend', {}, 'Scopes'),
        scope('sign-anything', 'Sign anything', true), scope('personal-sign', 'Personal sign (EIP-191)', false)),
      el('button', { type: 'submit', 'data-testid': 'grant-submit' }, 'Grant')));
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    const scopes = [...form.querySelectorAll('input[name="scope"]:checked')].map((c) => c.value);
    write('grant', { tokenId: v.tokenIdHex, kind: kind.value, value: value.value.trim(), scopes }, 'Granted', w);
  });
  return form;
}

// transferForm moves a PKP the writer w owns to another owner.
function transferForm(v, w) {
  const to = el('input', { id: 'transfer-to', name: 'to', 'data-testid': 'transfer-to', required: true, maxlength: 256, autocomplete: 'off', spellcheck: 'false', placeholder: '0x…', 'aria-describedby': 'transfer-hint' });
  const form = el('form', { class: 'grant', 'data-testid': 'transfer-form' },
    el('fieldset', {},
      el('legend', {}, `Transfer ${withWords[w]}`),
      el('label', { for: 'transfer-to' }, 'New owner’s address'), to,
      el('p', { id: 'transfer-hint', class: 'hint' }, `A new owner starts a new generation with no permissions, and ${w === 'wallet' ? 'your account' : 'the dev account'} can no longer change this PKP. Sending it to its own address keeps the permissions and locks them.`),
      el('button', { type: 'submit', 'data-testid': 'transfer-submit' }, 'Transfer')));
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    write('transfer', { tokenId: v.tokenIdHex, to: to.value.trim() }, 'Transferred', w);
  });
  return form;
}

function renderPKP(v) {
  const p = v.permissions;
  const w = via(v);
  const mine = !!w;
  const sec = el('section', { 'aria-labelledby': 'pkp-h', class: 'pkp', 'data-testid': 'pkp' },
    el('h2', { id: 'pkp-h' }, 'PKP ', el('code', {}, v.ethAddress)),
    el('dl', { class: 'fields' },
      field('Token id', el('code', {}, v.tokenIdHex), 'pkp-token-id'),
      field('Token id (decimal)', el('code', {}, v.tokenId), 'pkp-token-id-decimal'),
      field('Public key', el('code', {}, v.pubkey), 'pkp-pubkey'),
      field('Ethereum address', el('code', {}, v.ethAddress), 'pkp-eth-address'),
      field('Owner', v.burned ? 'none: the NFT is burned, its permissions can no longer change' : el('code', {}, v.owner), 'pkp-owner'),
      field('Owner generation', String(v.ownerGeneration), 'pkp-owner-generation')),
    el('p', { class: 'hint' }, 'Each transfer to a new owner starts a new generation with no permissions: only this generation\u2019s count.'));
  if (p.truncated) sec.append(el('p', { class: 'warn' }, 'A list below is long: only its first entries are shown.'));

  sec.append(el('h3', {}, 'Permitted addresses'));
  sec.append(p.addresses.length
    ? el('ul', { class: 'perms', 'data-testid': 'perm-addresses' }, ...p.addresses.map((a) =>
      el('li', { 'data-testid': 'perm-address', 'data-address': a.address }, el('code', {}, a.address),
        ...(a.owner && !a.scopes.length ? [' (owner)'] : [a.owner ? ' (owner) ' : ' ', scopes(a.scopes)]),
        ...(mine && !a.owner ? [' ', revokeButton('address', a.address, `address ${a.address}`, w)] : []))))
    : el('p', { class: 'quiet', 'data-testid': 'perm-addresses-none' }, 'None.'));

  sec.append(el('h3', {}, 'Permitted Actions'));
  sec.append(p.actions.length
    ? el('ul', { class: 'perms', 'data-testid': 'perm-actions' }, ...p.actions.map((a) =>
      el('li', { 'data-testid': 'perm-action', 'data-cid': a.cid }, el('code', {}, a.cid), ' ', scopes(a.scopes),
        ...(mine ? [' ', revokeButton('action', a.cid, `Action ${a.cid}`, w)] : []))))
    : el('p', { class: 'quiet', 'data-testid': 'perm-actions-none' }, 'None.'));

  sec.append(el('h3', {}, 'Other auth methods'));
  sec.append(p.authMethods.length
    ? el('ul', { class: 'perms', 'data-testid': 'perm-auth-methods' }, ...p.authMethods.map((m) =>
      el('li', { 'data-testid': 'perm-auth-method', 'data-type': m.type }, `${m.typeName} `, el('code', {}, m.id), ' ', scopes(m.scopes))))
    : el('p', { class: 'quiet', 'data-testid': 'perm-auth-methods-none' }, 'None.'));
  if (mine) {
    sec.append(writerLine(w, w === 'wallet' ? walletAccount() : dev, 'Changes to this PKP'), grantForm(v, w), transferForm(v, w));
    sec.addEventListener('click', (ev) => {
      const b = ev.target.closest('button.revoke');
      if (b) write('revoke', { tokenId: v.tokenIdHex, kind: b.dataset.kind, value: b.dataset.value }, 'Revoked', w);
    });
  }
  return sec;
}

function renderOwned(o) {
  const sec = el('section', { 'aria-labelledby': 'owned-h', class: 'owned', 'data-testid': 'owned' },
    el('h2', { id: 'owned-h' }, 'PKPs held by ', el('code', {}, o.owner)));
  if (!o.pkps.length) {
    sec.append(el('p', { class: 'quiet', 'data-testid': 'owned-none' }, 'This address holds no PKP.'));
    return sec;
  }
  sec.append(el('p', { 'data-testid': 'owned-total' }, o.truncated ? `${o.total} PKPs; the first ${o.pkps.length}:` : `${o.total} PKP${o.total === 1 ? '' : 's'}:`));
  sec.append(el('ul', { class: 'owned-list', 'data-testid': 'owned-list' }, ...o.pkps.map((v) =>
    el('li', { 'data-testid': 'owned-pkp', 'data-token-id': v.tokenIdHex }, pkpLink(v), el('span', { class: 'addr' }, `address ${v.ethAddress}`)))));
  return sec;
}

function showError(body, status) {
  statusBox.className = 'error';
  statusBox.replaceChildren(el('span', { 'data-testid': 'pkp-error', 'data-code': body.code || '' }, body.message || `HTTP ${status}`));
}

// write sends a write with the wallet's account (w 'wallet') or the dev account's (w 'dev') and
// shows the PKP as the chain now has it.
async function write(op, body, done, w) {
  statusBox.className = '';
  statusBox.textContent = w === 'wallet' ? 'Waiting for your wallet, then for the transaction’s block…' : 'Sending the transaction with the dev account…';
  for (const b of document.querySelectorAll('main button')) b.disabled = true;
  try {
    let ans;
    if (w === 'wallet') {
      const sent = await sendWrite(op, body);
      const resp = await fetch(`/api/v1/pkps?q=${encodeURIComponent(sent.tokenId)}`, { headers: { Accept: 'application/json' } });
      const got = await resp.json().catch(() => ({}));
      if (!resp.ok) {
        showError(got, resp.status);
        return;
      }
      ans = { pkp: got.pkp, txHash: sent.txHash };
    } else {
      const resp = await fetch(`/api/v1/dev/${op}`, {
        method: 'POST', headers: { 'Content-Type': 'application/json', Accept: 'application/json' }, body: JSON.stringify(body),
      });
      ans = await resp.json().catch(() => ({}));
      if (!resp.ok) {
        showError(ans, resp.status);
        return;
      }
    }
    if (op === 'mint') history.pushState(null, '', `/pkps?q=${encodeURIComponent(ans.pkp.tokenIdHex)}`);
    input.value = ans.pkp.tokenIdHex;
    result.replaceChildren(renderPKP(ans.pkp));
    statusBox.replaceChildren(el('span', { 'data-testid': 'write-done', 'data-op': op, 'data-via': w }, `${done} ${withWords[w]} in transaction ${ans.txHash}.`));
  } catch (err) {
    // fetch fails with a TypeError when the explorer does not answer; the wallet's errors say theirs.
    showError({ code: err.code, message: err instanceof TypeError ? `The explorer does not answer: ${err.message}` : err.message }, 0);
  } finally {
    for (const b of document.querySelectorAll('main button')) b.disabled = false;
  }
}

document.getElementById('dev-mint')?.addEventListener('click', () => write('mint', {}, 'Minted', 'dev'));

// With a wallet: its box, a Mint button once connected, and the shown PKP drawn again when the
// account changes (its write controls follow its owner).
walletBox(document.getElementById('wallet-box'), () => {
  const b = el('button', { type: 'button', 'data-testid': 'wallet-mint' }, 'Mint a PKP with your wallet');
  b.addEventListener('click', () => write('mint', {}, 'Minted', 'wallet'));
  return [b];
});
if (provider) onAccount(() => { if (result.querySelector('[data-testid="pkp"]') && input.value) lookup(input.value.trim()); });

async function lookup(q) {
  statusBox.className = '';
  statusBox.textContent = 'Reading the chain…';
  result.replaceChildren();
  try {
    const resp = await fetch(`/api/v1/pkps?q=${encodeURIComponent(q)}`, { headers: { Accept: 'application/json' } });
    const body = await resp.json().catch(() => ({}));
    if (!resp.ok) {
      showError(body, resp.status);
      return;
    }
    const parts = [];
    if (body.pkp) parts.push(renderPKP(body.pkp));
    else if (body.kind === 'address') parts.push(el('p', { class: 'quiet', 'data-testid': 'pkp-none' }, 'No PKP has this address.'));
    if (body.owned) parts.push(renderOwned(body.owned));
    result.replaceChildren(...parts);
    statusBox.textContent = body.pkp ? `Found PKP ${body.pkp.tokenIdHex}.` : 'Done.';
  } catch (err) {
    showError({ message: `The explorer does not answer: ${err.message}` }, 0);
  }
}

// go looks q up and keeps it in the page's URL (Back returns to the previous lookup).
function go(q) {
  history.pushState(null, '', `/pkps?q=${encodeURIComponent(q)}`);
  input.value = q;
  lookup(q);
}

form.addEventListener('submit', (ev) => {
  ev.preventDefault();
  const q = input.value.trim();
  if (q) go(q);
});

// A PKP's link in a list opens it here, without reloading the page; a modified click opens a tab.
result.addEventListener('click', (ev) => {
  const a = ev.target.closest('a[data-q]');
  if (!a || ev.button !== 0 || ev.ctrlKey || ev.metaKey || ev.shiftKey || ev.altKey) return;
  ev.preventDefault();
  go(a.dataset.q);
});

function fromURL() {
  const q = new URLSearchParams(location.search).get('q');
  if (q) {
    input.value = q;
    lookup(q);
  } else {
    result.replaceChildren();
    statusBox.textContent = '';
  }
}
window.addEventListener('popstate', fromURL);
fromURL();
