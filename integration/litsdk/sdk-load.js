// Sign requests from the unmodified Lit JS SDK 7.4.0, driven by
// integration/epoch_load_test.go across an epoch change:
//
//   LOAD_KEY=<hex wallet key> PKP_PUBKEY=<0x04…> [LIT_BLOCKHASH_URL=<url>] node sdk-load.js <network.json>
//
// Prints {"event":"ready", ...} once connected, then reads one request per
// stdin line, "<i> <32-byte hex digest>", runs it at once (requests overlap)
// and prints one line per request: {"i", "ok", "signature", "epoch",
// "nodes", "ms"} or {"i", "ok": false, "error"}. Each request is what an
// application does: getSessionSigs (the wallet's AuthSig over the nodes'
// block hash, session signatures for every node the client is connected to
// now) and pkpSign. Nothing is retried here: the SDK's own behaviour, as it
// is. The client reconnects by itself when the Staking contract says
// StateChanged(Active) after an advance; those show as {"event":"connected"}.
'use strict';

const fs = require('fs');
const path = require('path');
const readline = require('readline');
const { ethers } = require('ethers');
const { LitNodeClient } = require('@lit-protocol/lit-node-client');
const { LIT_ABILITY, LIT_NETWORK } = require('@lit-protocol/constants');
const { LitPKPResource, createSiweMessageWithRecaps, generateAuthSig } = require('@lit-protocol/auth-helpers');

// stdout carries only the protocol's lines.
console.log = (...args) => process.stderr.write(require('util').format(...args) + '\n');

function emit(fields) {
  process.stdout.write(JSON.stringify(fields) + '\n');
}

function errorInfo(e) {
  const out = { name: e?.name, message: String(e?.message ?? e) };
  if (e?.info?.errorCode) out.errorCode = e.info.errorCode;
  return out;
}

// Failed fetches are reported with their cause (undici's "fetch failed"
// hides it, and the SDK wraps it again); the request itself is unchanged.
const sdkFetch = globalThis.fetch;
globalThis.fetch = async (...args) => {
  try {
    return await sdkFetch(...args);
  } catch (e) {
    emit({ event: 'fetchFailed', at: Date.now(), url: String(args[0]?.url ?? args[0]), error: errorInfo(e), cause: String(e?.cause?.code ?? e?.cause ?? ''), causeMessage: e?.cause?.message, socket: e?.cause?.socket });
    throw e;
  }
};

async function main() {
  const networkFile = process.argv[2];
  if (!networkFile || !process.env.LOAD_KEY) throw new Error('usage: LOAD_KEY=<hex> node sdk-load.js <network.json>');
  const network = JSON.parse(fs.readFileSync(networkFile, 'utf8'));
  const contracts = JSON.parse(
    fs.readFileSync(path.join(path.dirname(networkFile), 'chain', 'contracts.json'), 'utf8'));
  const client = new LitNodeClient({
    litNetwork: LIT_NETWORK.Custom,
    rpcUrl: network.chainRpc,
    contractContext: { Staking: { address: contracts.Staking.address, abi: contracts.Staking.abi } },
    checkNodeAttestation: false,
    debug: false,
  });
  await client.connect();
  // Lit's block indexer, which the SDK asks for a SIWE nonce once its
  // handshake's block hash is 30 s old, is out of reach here: the Go test
  // serves the same answer from the dev chain (the SDK's code is unchanged;
  // only the address it fetches from is).
  if (process.env.LIT_BLOCKHASH_URL) client._blockHashUrl = process.env.LIT_BLOCKHASH_URL;
  client.on('connected', () => emit({ event: 'connected', at: Date.now(), epoch: client.currentEpochNumber, nodes: client.connectedNodes.size }));
  client.on('disconnected', (e) => emit({ event: 'disconnected', at: Date.now(), reason: e?.reason, error: e?.error ? errorInfo(e.error) : undefined }));
  const wallet = new ethers.Wallet(process.env.LOAD_KEY);
  const pubKey = process.env.PKP_PUBKEY;
  emit({ event: 'ready', epoch: client.currentEpochNumber, nodes: client.connectedNodes.size });

  // The event loop's stalls of 2 s or more: a connection undici opened
  // before one waits as long for its request (the nodes allow 30 s).
  let tick = Date.now();
  setInterval(() => {
    const now = Date.now();
    if (now - tick >= 2100) emit({ event: 'stall', at: now, ms: now - tick - 100 });
    tick = now;
  }, 100).unref();
  const pending = new Set();
  const rl = readline.createInterface({ input: process.stdin });
  for await (const line of rl) {
    const [i, digest] = line.trim().split(' ');
    if (!digest) continue;
    const p = (async () => {
      const start = Date.now();
      const epoch = client.currentEpochNumber;
      const nodes = client.connectedNodes.size;
      try {
        const sessionSigs = await client.getSessionSigs({
          chain: 'ethereum',
          expiration: new Date(Date.now() + 10 * 60 * 1000).toISOString(),
          resourceAbilityRequests: [{ resource: new LitPKPResource('*'), ability: LIT_ABILITY.PKPSigning }],
          authNeededCallback: async ({ uri, expiration, resourceAbilityRequests }) => {
            const toSign = await createSiweMessageWithRecaps({
              uri,
              expiration,
              resources: resourceAbilityRequests,
              walletAddress: wallet.address,
              nonce: await client.getLatestBlockhash(),
              litNodeClient: client,
            });
            return generateAuthSig({ signer: wallet, toSign });
          },
        });
        const sig = await client.pkpSign({ pubKey, toSign: ethers.utils.arrayify('0x' + digest), sessionSigs });
        emit({ i: Number(i), ok: true, signature: sig.signature, epoch, nodes, ms: Date.now() - start });
      } catch (e) {
        emit({ i: Number(i), ok: false, epoch, nodes, ms: Date.now() - start, error: errorInfo(e) });
      }
    })();
    pending.add(p);
    p.finally(() => pending.delete(p));
  }
  await Promise.all([...pending]);
  await client.disconnect();
}

main().then(() => process.exit(0), (e) => {
  emit({ event: 'fatal', error: errorInfo(e) });
  process.exit(1);
});
