// The decrypt page: conditions from a small form (or pasted JSON), encrypt a text under them, and
// decrypt it with the dev account, through the explorer's API.
import { el } from './app.js';

const dev = document.querySelector('[data-testid="dev-account"]')?.dataset.address;
const type = document.getElementById('cond-type');
const preview = document.getElementById('cond-preview');
const statusBox = document.getElementById('crypt-status');
const result = document.getElementById('crypt-result');

// conditions builds Lit's accessControlConditions from the form; it throws in words on a bad field.
function conditions() {
  const v = (id) => document.getElementById(id).value.trim();
  switch (type.value) {
    case 'user': {
      if (!/^0x[0-9a-fA-F]{40}$/.test(v('cond-user'))) throw new Error('Address: want 0x and 40 hex digits');
      return [{ contractAddress: '', standardContractType: '', chain: 'ethereum', method: '', parameters: [':userAddress'],
        returnValueTest: { comparator: '=', value: v('cond-user') } }];
    }
    case 'erc721': {
      if (!/^0x[0-9a-fA-F]{40}$/.test(v('cond-nft'))) throw new Error('Contract: want 0x and 40 hex digits');
      if (!/^[0-9]{1,78}$/.test(v('cond-token'))) throw new Error('Token id: want a decimal number');
      return [{ contractAddress: v('cond-nft'), standardContractType: 'ERC721', chain: 'flint', method: 'ownerOf', parameters: [v('cond-token')],
        returnValueTest: { comparator: '=', value: ':userAddress' } }];
    }
    case 'after': {
      const t = Date.parse(v('cond-after'));
      if (Number.isNaN(t)) throw new Error('After: choose a date and time');
      return [{ contractAddress: '', standardContractType: 'timestamp', chain: 'flint', method: 'eth_getBlockByNumber', parameters: ['latest'],
        returnValueTest: { comparator: '>=', value: String(Math.floor(t / 1000)) } }];
    }
    default: {
      const c = JSON.parse(v('cond-json'));
      if (!Array.isArray(c)) throw new Error('Conditions: want a JSON array');
      return c;
    }
  }
}

function refresh() {
  for (const d of document.querySelectorAll('[data-cond]')) d.hidden = d.dataset.cond !== type.value;
  try {
    preview.textContent = JSON.stringify(conditions());
  } catch (err) {
    preview.textContent = `(${err.message})`;
  }
}

async function api(path, body) {
  const resp = await fetch(path, { method: 'POST', headers: { 'Content-Type': 'application/json', Accept: 'application/json' }, body: JSON.stringify(body) });
  const ans = await resp.json().catch(() => ({ message: `HTTP ${resp.status} without JSON` }));
  if (!resp.ok) throw Object.assign(new Error(ans.message || `HTTP ${resp.status}`), { code: ans.code });
  return ans;
}

function showError(err) {
  statusBox.className = 'error';
  statusBox.replaceChildren(el('span', { 'data-testid': 'crypt-error', 'data-code': err.code || '' }, err.message));
}

async function busy(text, f) {
  statusBox.className = '';
  statusBox.textContent = text;
  const buttons = document.querySelectorAll('main button');
  for (const b of buttons) b.disabled = true;
  try { await f(); } catch (err) { showError(err); } finally { for (const b of buttons) b.disabled = false; }
}

if (dev) {
  type.addEventListener('change', refresh);
  document.getElementById('enc-form').addEventListener('input', refresh);
  refresh();
  document.getElementById('enc-form').addEventListener('submit', (e) => {
    e.preventDefault();
    busy('Encrypting…', async () => {
      refresh();
      const conds = conditions();
      const ans = await api('/api/v1/dev/encrypt', { conditions: conds, text: document.getElementById('enc-text').value });
      document.getElementById('dec-ciphertext').value = ans.ciphertext;
      document.getElementById('dec-hash').value = ans.dataToEncryptHash;
      statusBox.replaceChildren(el('span', { 'data-testid': 'encrypted' }, 'Encrypted: the ciphertext and its hash are in the Decrypt form below.'));
      result.replaceChildren(el('dl', { class: 'kv' },
        el('dt', {}, 'Conditions'), el('dd', {}, el('code', {}, JSON.stringify(conds))),
        el('dt', {}, 'dataToEncryptHash'), el('dd', {}, el('code', { 'data-testid': 'enc-hash' }, ans.dataToEncryptHash))));
    });
  });
  document.getElementById('dec-form').addEventListener('submit', (e) => {
    e.preventDefault();
    busy('Asking the nodes to decrypt…', async () => {
      refresh();
      const conds = conditions();
      const ans = await api('/api/v1/dev/decrypt', { conditions: conds,
        ciphertext: document.getElementById('dec-ciphertext').value, dataToEncryptHash: document.getElementById('dec-hash').value.trim() });
      statusBox.replaceChildren(el('span', { 'data-testid': 'decrypted-status' }, 'Decrypted by the nodes.'));
      result.replaceChildren(el('h2', {}, 'Decrypted'),
        el('pre', { class: 'logs', 'data-testid': 'decrypted', tabindex: '0' }, ans.text ?? `(not UTF-8; base64) ${ans.base64}`),
        ans.badNodes?.length ? el('p', { class: 'error' }, `Bad shares from ${ans.badNodes.join(', ')}`) : '');
    });
  });
}
