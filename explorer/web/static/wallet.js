// The browser's wallet (EIP-1193 window.ethereum), when there is one: the account it lets the page
// use, and writes sent through it. The explorer encodes each write (POST /api/v1/wallet/OP, so the
// page needs no ABI encoder); the wallet signs and sends it (eth_sendTransaction, after its user
// confirms); the page waits for the receipt. The explorer never holds the wallet's key.
import { el } from './app.js';

export const provider = window.ethereum ?? null;
let account = null;
const listeners = [];

// walletAccount is the wallet's account the page may use, or null (no wallet, or not connected).
export function walletAccount() { return account; }

// onAccount calls f with the account (or null) whenever it changes.
export function onAccount(f) { listeners.push(f); }

function setAccount(a) {
  a = a || null;
  if (a === account) return;
  account = a;
  for (const f of listeners) f(account);
}

// words says an EIP-1193 error in words: 4001 is the wallet's user saying no.
function words(err) {
  if (err?.code === 4001) return 'You refused it in your wallet.';
  if (err?.code === 4100) return 'The wallet has not let this page use an account: connect it first.';
  return `The wallet says: ${err?.message || err}`;
}

async function request(method, params) {
  try {
    return await provider.request(params ? { method, params } : { method });
  } catch (err) {
    throw Object.assign(new Error(words(err)), { code: 'WalletError' });
  }
}

export async function connect() {
  const accounts = await request('eth_requestAccounts');
  setAccount(accounts?.[0]);
}

if (provider) {
  // An account the wallet already lets this page use is taken without asking.
  provider.request({ method: 'eth_accounts' }).then((a) => setAccount(a?.[0])).catch(() => {});
  provider.on?.('accountsChanged', (a) => setAccount(a?.[0]));
}

async function post(path, body) {
  const resp = await fetch(path, { method: 'POST', headers: { 'Content-Type': 'application/json', Accept: 'application/json' }, body: JSON.stringify(body) });
  const ans = await resp.json().catch(() => ({ code: 'ExplorerBadAnswer', message: `HTTP ${resp.status} without JSON` }));
  if (!resp.ok) throw Object.assign(new Error(ans.message || `HTTP ${resp.status}`), { code: ans.code });
  return ans;
}

// receipt waits for a transaction's receipt, asking the wallet's node every half second.
async function receipt(hash) {
  const deadline = Date.now() + 120000;
  for (;;) {
    const r = await request('eth_getTransactionReceipt', [hash]);
    if (r) return r;
    if (Date.now() > deadline) throw new Error(`Transaction ${hash} is not in a block after 2 minutes: see your wallet.`);
    await new Promise((ok) => setTimeout(ok, 500));
  }
}

// sendWrite sends op (mint, grant, revoke, transfer; body as for the dev account's writes) from
// the wallet's account and waits until it is in a block. It answers the transaction's hash and
// the PKP's token id (a mint's from its PKPMinted log).
export async function sendWrite(op, body) {
  if (!account) throw new Error('Connect your wallet first.');
  const call = await post(`/api/v1/wallet/${op}`, { ...body, from: account });
  const chainId = await request('eth_chainId');
  if (BigInt(chainId) !== BigInt(call.chainId)) {
    throw Object.assign(new Error(`Your wallet is on chain ${BigInt(chainId)}; this network's chain is ${BigInt(call.chainId)}. Switch the wallet to it and try again.`), { code: 'WalletWrongChain' });
  }
  const hash = await request('eth_sendTransaction', [{ from: call.from, to: call.to, data: call.data, value: call.value }]);
  const r = await receipt(hash);
  if (BigInt(r.status) !== 1n) throw Object.assign(new Error(`The chain reverted transaction ${hash}.`), { code: 'ExplorerReverted' });
  let tokenId = body.tokenId;
  if (op === 'mint') {
    const log = r.logs.find((l) => l.address.toLowerCase() === call.to.toLowerCase() && l.topics[0] === call.mintedTopic);
    if (!log) throw new Error(`Transaction ${hash} minted no PKP.`);
    tokenId = log.topics[1];
  }
  return { txHash: hash, tokenId };
}

// writerLine says which account a write signs with: the wallet's, or the devnet's dev account.
export function writerLine(kind, address, what) {
  const who = kind === 'wallet'
    ? ['your wallet\u2019s account ', el('code', {}, address), ' (your wallet asks you to confirm each transaction)']
    : ['the devnet\u2019s dev account ', el('code', {}, address), ' (devnet only: its key is public)'];
  return el('p', { class: `writer writer-${kind}`, 'data-testid': 'writer', 'data-kind': kind, 'data-address': address }, `${what} sign with `, ...who, '.');
}

// walletBox fills box (when there is a wallet) with the wallet's state, a Connect button, and
// the buttons extra(account) makes once it is connected.
export function walletBox(box, extra = () => []) {
  if (!provider || !box) return;
  const render = () => {
    const parts = [el('h2', { id: 'wallet-h' }, 'Your wallet')];
    if (account) {
      parts.push(el('p', { 'data-testid': 'wallet-status', 'data-address': account }, 'Connected: account ', el('code', {}, account),
        '. Writes on the PKPs it holds sign with it, and your wallet asks you to confirm each one.'), ...extra(account));
    } else {
      const b = el('button', { type: 'button', 'data-testid': 'wallet-connect' }, 'Connect your wallet');
      b.addEventListener('click', () => connect().catch((err) => {
        box.querySelector('[data-testid="wallet-error"]')?.remove();
        box.append(el('p', { class: 'error', 'data-testid': 'wallet-error', role: 'alert' }, err.message));
      }));
      parts.push(el('p', { 'data-testid': 'wallet-status' }, 'This browser has a wallet (window.ethereum). Connect it to mint and change PKPs with your own account.'), b);
    }
    box.replaceChildren(el('section', { class: 'wallet', 'aria-labelledby': 'wallet-h', 'data-testid': 'wallet' }, ...parts));
  };
  onAccount(render);
  render();
}
