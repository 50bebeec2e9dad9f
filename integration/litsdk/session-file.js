// Exchanges PKP session files between the unmodified Lit JS SDK 7.4.0 and
// flint's CLI (integration/cli_session_test.go runs it):
//
//   node session-file.js sign <network.json> <session.json> <pkpPublicKey> <digest>
//     pkpSign with the session signatures in session.json (as "flint pkp
//     session" writes them) as sessionSigs; prints {"signature", "recovered"}.
//   LOGIN_KEY=<hex> node session-file.js make <network.json> <pkpPublicKey> <out.json>
//     getPkpSessionSigs with LOGIN_KEY's wallet login (EthWalletProvider's
//     SIWE), written to out.json for "flint pkp sign --session".
'use strict';

const fs = require('fs');
const path = require('path');
const { ethers } = require('ethers');
const { SiweMessage } = require('siwe');
const { LitNodeClient } = require('@lit-protocol/lit-node-client');
const { LIT_ABILITY, LIT_NETWORK } = require('@lit-protocol/constants');
const { LitActionResource, LitPKPResource } = require('@lit-protocol/auth-helpers');

// stdout carries only the result line.
console.log = (...args) => process.stderr.write(require('util').format(...args) + '\n');

async function connect(networkFile) {
  const network = JSON.parse(fs.readFileSync(networkFile, 'utf8'));
  const contracts = JSON.parse(fs.readFileSync(path.join(path.dirname(networkFile), 'chain', 'contracts.json'), 'utf8'));
  const client = new LitNodeClient({
    litNetwork: LIT_NETWORK.Custom,
    rpcUrl: network.chainRpc,
    contractContext: { Staking: { address: contracts.Staking.address, abi: contracts.Staking.abi } },
    checkNodeAttestation: false,
    debug: false,
  });
  await client.connect();
  return client;
}

async function main() {
  const [mode, networkFile, ...rest] = process.argv.slice(2);
  const client = await connect(networkFile);
  if (mode === 'sign') {
    const [sessionFile, pubKey, digest] = rest;
    const sessionSigs = JSON.parse(fs.readFileSync(sessionFile, 'utf8'));
    const sig = await client.pkpSign({ pubKey, toSign: ethers.utils.arrayify(digest), sessionSigs });
    process.stdout.write(JSON.stringify({ signature: sig.signature, recovered: ethers.utils.recoverAddress(digest, sig.signature) }) + '\n');
  } else if (mode === 'make') {
    const [pkpPublicKey, out] = rest;
    const wallet = new ethers.Wallet(process.env.LOGIN_KEY);
    const msg = new SiweMessage({
      domain: 'localhost', address: wallet.address, statement: 'Log in to a PKP.',
      uri: 'https://localhost/login', version: '1', chainId: 1, nonce: await client.getLatestBlockhash(),
      expirationTime: new Date(Date.now() + 10 * 60 * 1000).toISOString(),
    }).prepareMessage();
    const authSig = { sig: await wallet.signMessage(msg), derivedVia: 'web3.eth.personal.sign', signedMessage: msg, address: wallet.address };
    const sigs = await client.getPkpSessionSigs({
      pkpPublicKey,
      authMethods: [{ authMethodType: 1, accessToken: JSON.stringify(authSig) }],
      resourceAbilityRequests: [
        { resource: new LitPKPResource('*'), ability: LIT_ABILITY.PKPSigning },
        { resource: new LitActionResource('*'), ability: LIT_ABILITY.LitActionExecution },
      ],
    });
    fs.writeFileSync(out, JSON.stringify(sigs), { mode: 0o600 });
    process.stdout.write(JSON.stringify({ nodes: Object.keys(sigs).sort() }) + '\n');
  } else {
    throw new Error('usage: node session-file.js sign <network.json> <session.json> <pkpPublicKey> <digest> | make <network.json> <pkpPublicKey> <out.json>');
  }
  await client.disconnect();
}

main().then(() => process.exit(0), (e) => {
  process.stderr.write(`session-file.js: ${e?.stack ?? e}\n`);
  process.exit(1);
});
