// Runs the unmodified Lit JS SDK 7.4.0 against a Flint devnet and prints one
// JSON line per step: {"step", "ok", ...details} or {"step", "ok": false,
// "error"}. integration/litsdk_test.go runs it and checks every line.
//
// Usage: DEMO_NFT=<address> DEMO_NFT_TOKEN=<id> LOGIN_ACTION_CODE=<js> LOGIN_ACTION_CID=<0x CID bytes> node sdk-check.js <network.json>
// (an ERC-721 token the owner holds, for the token-gated decryption step)
//
// The contract context (addresses and ABIs) is the dev chain's contracts.json,
// next to network.json in chain/.
'use strict';

const fs = require('fs');
const path = require('path');
const { ethers } = require('ethers');
const { SiweMessage } = require('siwe');
const { LitNodeClient } = require('@lit-protocol/lit-node-client');
const { LitContracts } = require('@lit-protocol/contracts-sdk');
const { LIT_ABILITY, LIT_ENDPOINT, LIT_NETWORK } = require('@lit-protocol/constants');
const { encryptString, decryptToString } = require('@lit-protocol/encryption');
const { composeLitUrl } = require('@lit-protocol/core');
const { verifySignature } = require('@lit-protocol/crypto');
const { uint8arrayFromString, uint8arrayToString } = require('@lit-protocol/uint8arrays');
const {
  LitAccessControlConditionResource,
  LitActionResource,
  LitPKPResource,
  createSiweMessageWithRecaps,
  generateAuthSig,
} = require('@lit-protocol/auth-helpers');

// The contract names LitContracts.connect() reads from a customContext; it
// fails with a TypeError on any that is missing. Flint has four of them.
const LIT_CONTRACT_NAMES = [
  'Allowlist', 'LITToken', 'Multisender', 'PKPHelper', 'PKPNFT', 'PKPNFTMetadata',
  'PKPPermissions', 'PubkeyRouter', 'RateLimitNFT', 'Staking', 'StakingBalances',
];

// The SDK prints debugging output with console.log (its crypto does, even
// with debug off); stdout carries only the step lines.
console.log = (...args) => process.stderr.write(require('util').format(...args) + '\n');

function emit(step, fields) {
  process.stdout.write(JSON.stringify({ step, ...fields }) + '\n');
}

// errorInfo keeps what a test needs from an SDK error: its class, message and
// the node's error code (NodeError carries the nodes' most common error).
function errorInfo(e) {
  const out = { name: e?.name, message: String(e?.message ?? e) };
  if (e?.info?.errorCode) out.errorCode = e.info.errorCode;
  return out;
}

async function step(name, fn) {
  const start = Date.now();
  try {
    const fields = await fn();
    emit(name, { ok: true, ms: Date.now() - start, ...fields });
    return fields;
  } catch (e) {
    emit(name, { ok: false, ms: Date.now() - start, error: errorInfo(e) });
    throw e;
  }
}

async function sessionSigsFor(client, wallet, resource = '*', extra = []) {
  return client.getSessionSigs({
    chain: 'ethereum',
    expiration: new Date(Date.now() + 10 * 60 * 1000).toISOString(),
    resourceAbilityRequests: [
      { resource: new LitPKPResource(resource), ability: LIT_ABILITY.PKPSigning },
      ...extra,
    ],
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
}

// getSignedToken is Lit's getSignedToken (SDK v6; v7 dropped the method but
// kept every piece of it), put together from the unmodified client's own
// methods: its iat/exp, canonical conditions, per-node session signatures,
// its request to /web/signing/access_control_condition, and its
// combineSharesAndGetJWT.
async function getSignedToken(client, params) {
  const { iat, exp } = client.getJWTParams();
  const f = client.getFormattedAccessControlConditions(params);
  if (f.error) throw new Error('no conditions');
  const requestId = client._getNewRequestId();
  const nodePromises = client.getNodePromises((url) => client.generatePromise(
    composeLitUrl({ url, endpoint: LIT_ENDPOINT.SIGN_ACCS }),
    {
      accessControlConditions: f.formattedAccessControlConditions,
      evmContractConditions: f.formattedEVMContractConditions,
      solRpcConditions: f.formattedSolRpcConditions,
      unifiedAccessControlConditions: f.formattedUnifiedAccessControlConditions,
      chain: params.chain,
      authSig: params.sessionSigs[url],
      iat,
      exp,
    },
    requestId));
  const res = await client.handleNodePromises(nodePromises, requestId, client.config.minNodeCount);
  if (!res.success) client._throwNodeError(res, requestId);
  return client.combineSharesAndGetJWT(res.values, requestId);
}

// verifyJwt is the SDK's verifyJwt (crypto, v6; dropped in v7): the BLS
// signature over header.payload with the SDK's own verifySignature, then
// the claims.
async function verifyJwt(publicKey, jwt) {
  const [header, payload, signature] = jwt.split('.');
  await verifySignature(publicKey, uint8arrayFromString(`${header}.${payload}`, 'utf8'),
    uint8arrayFromString(signature, 'base64url'));
  return {
    verified: true,
    header: JSON.parse(uint8arrayToString(uint8arrayFromString(header, 'base64url'))),
    payload: JSON.parse(uint8arrayToString(uint8arrayFromString(payload, 'base64url'))),
  };
}

async function main() {
  const networkFile = process.argv[2];
  if (!networkFile) throw new Error('usage: node sdk-check.js <network.json>');
  const network = JSON.parse(fs.readFileSync(networkFile, 'utf8'));
  const contracts = JSON.parse(
    fs.readFileSync(path.join(path.dirname(networkFile), 'chain', 'contracts.json'), 'utf8'));
  const rpcUrl = network.chainRpc;
  const provider = new ethers.providers.StaticJsonRpcProvider({ url: rpcUrl, skipFetchSetup: true });

  // 1. Discovery through the Staking contract and a handshake with every node.
  const client = new LitNodeClient({
    litNetwork: LIT_NETWORK.Custom,
    rpcUrl,
    contractContext: { Staking: { address: contracts.Staking.address, abi: contracts.Staking.abi } },
    checkNodeAttestation: false,
    debug: false,
  });
  await step('connect', async () => {
    await client.connect();
    return {
      nodes: [...client.connectedNodes].sort(),
      minNodeCount: client.config.minNodeCount,
      epoch: client.currentEpochNumber,
      networkPubKey: client.networkPubKey,
      hdRootPubkeys: client.hdRootPubkeys?.length ?? 0,
      latestBlockhash: client.latestBlockhash,
    };
  });

  // 2. Mint a PKP with LitContracts: mintCost(), mintNext(2), token id from
  // the first log, getPubkey(tokenId).
  const owner = new ethers.Wallet(network.devAccountKey, provider);
  const pkp = await step('mint', async () => {
    const customContext = {};
    for (const name of LIT_CONTRACT_NAMES) {
      // Contracts Flint does not have get the zero address and no functions.
      customContext[name] = contracts[name] ?? { address: ethers.constants.AddressZero, abi: [] };
    }
    const lc = new LitContracts({ signer: owner, provider, network: LIT_NETWORK.Custom, customContext, debug: false });
    await lc.connect();
    const mintCost = await lc.pkpNftContract.read.mintCost();
    const res = await lc.pkpNftContractUtils.write.mint();
    const tokenId = ethers.BigNumber.from(res.pkp.tokenId);
    const nftOwner = await lc.pkpNftContract.read.ownerOf(tokenId);
    return {
      mintCost: mintCost.toString(),
      tokenId: tokenId.toHexString(),
      publicKey: '0x' + res.pkp.publicKey,
      ethAddress: res.pkp.ethAddress,
      owner: nftOwner,
      logs: res.res.logs.length,
    };
  });

  // 3. Session signatures from the owner's wallet AuthSig.
  const sessionSigs = await step('sessionSigs', async () => {
    const sigs = await sessionSigsFor(client, owner);
    const one = Object.values(sigs)[0];
    return { sessionSigs: sigs, nodes: Object.keys(sigs).sort(), algo: one.algo, derivedVia: one.derivedVia };
  }).then((f) => f.sessionSigs);

  // 4. pkpSign, and an independent check that the signature recovers to the
  // PKP's address.
  const digest = ethers.utils.keccak256(ethers.utils.toUtf8Bytes('hello from the Lit SDK'));
  await step('pkpSign', async () => {
    const sig = await client.pkpSign({
      pubKey: pkp.publicKey,
      toSign: ethers.utils.arrayify(digest),
      sessionSigs,
    });
    const recovered = ethers.utils.recoverAddress(digest, sig.signature);
    if (recovered !== pkp.ethAddress) {
      throw new Error(`signature recovers to ${recovered}, not the PKP's ${pkp.ethAddress}`);
    }
    return { digest, signature: sig.signature, r: sig.r, s: sig.s, recid: sig.recid,
      sdkPublicKey: sig.publicKey, sdkDataSigned: sig.dataSigned, recovered };
  });

  // 4b. The same with session signatures for this one PKP (lit-pkp://<token
  // id>) rather than any PKP.
  await step('pkpSignOneToken', async () => {
    const sigs = await sessionSigsFor(client, owner, pkp.tokenId.slice(2));
    const sig = await client.pkpSign({ pubKey: pkp.publicKey, toSign: ethers.utils.arrayify(digest), sessionSigs: sigs });
    const recovered = ethers.utils.recoverAddress(digest, sig.signature);
    if (recovered !== pkp.ethAddress) {
      throw new Error(`signature recovers to ${recovered}, not the PKP's ${pkp.ethAddress}`);
    }
    return { resource: JSON.parse(Object.values(sigs)[0].signedMessage).resourceAbilityRequests[0].resource,
      signature: sig.signature, recovered };
  });

  // 4c. executeJs: an Action that signs with the PKP, under session
  // signatures that also grant Action execution.
  await step('executeJs', async () => {
    const sigs = await sessionSigsFor(client, owner, '*',
      [{ resource: new LitActionResource('*'), ability: LIT_ABILITY.LitActionExecution }]);
    const code = `(async () => {
      const toSign = ethers.utils.arrayify(ethers.utils.keccak256(ethers.utils.toUtf8Bytes(message)));
      await Lit.Actions.signEcdsa({ toSign, publicKey, sigName: 'sig1' });
      console.log('signed', message);
      Lit.Actions.setResponse({ response: JSON.stringify({ ok: true, message }) });
    })();`;
    const message = 'hello from a Lit Action';
    const res = await client.executeJs({ code, sessionSigs: sigs, jsParams: { message, publicKey: pkp.publicKey } });
    const sig = res.signatures?.sig1;
    if (!sig) throw new Error('no signature sig1 in ' + JSON.stringify(res));
    const hash = ethers.utils.keccak256(ethers.utils.toUtf8Bytes(message));
    const recovered = ethers.utils.recoverAddress(hash, sig.signature);
    if (recovered !== pkp.ethAddress) {
      throw new Error(`signature recovers to ${recovered}, not the PKP's ${pkp.ethAddress}`);
    }
    return { message, hash, signature: sig.signature, response: res.response, logs: res.logs, recovered };
  });

  // 4e. PKP session signatures from a wallet login the PKP permits
  // (getPkpSessionSigs with an EthWallet auth method, as
  // EthWalletProvider.authenticate makes it), then pkpSign and executeJs
  // with them; a stranger's wallet gets none.
  await step('pkpSessionSigs', async () => {
    const permissions = new ethers.Contract(contracts.PKPPermissions.address, contracts.PKPPermissions.abi, owner);
    const user = ethers.Wallet.createRandom();
    await (await permissions.addPermittedAddress(pkp.tokenId, user.address, [1])).wait();
    const login = async (wallet) => {
      const msg = new SiweMessage({
        domain: 'localhost', address: wallet.address, statement: 'This is a test statement.  You can put anything you want here.',
        uri: 'https://localhost/login', version: '1', chainId: 1, nonce: await client.getLatestBlockhash(),
        expirationTime: new Date(Date.now() + 24 * 60 * 60 * 1000).toISOString(),
      }).prepareMessage();
      const authSig = { sig: await wallet.signMessage(msg), derivedVia: 'web3.eth.personal.sign', signedMessage: msg, address: wallet.address };
      return { authMethodType: 1, accessToken: JSON.stringify(authSig) };
    };
    const resourceAbilityRequests = [
      { resource: new LitPKPResource('*'), ability: LIT_ABILITY.PKPSigning },
      { resource: new LitActionResource('*'), ability: LIT_ABILITY.LitActionExecution },
    ];
    const sigs = await client.getPkpSessionSigs({ pkpPublicKey: pkp.publicKey, authMethods: [await login(user)], resourceAbilityRequests });
    const one = Object.values(sigs)[0];
    const capability = JSON.parse(one.signedMessage).capabilities[0];
    const sig = await client.pkpSign({ pubKey: pkp.publicKey, toSign: ethers.utils.arrayify(digest), sessionSigs: sigs });
    const recovered = ethers.utils.recoverAddress(digest, sig.signature);
    if (recovered !== pkp.ethAddress) {
      throw new Error(`signature recovers to ${recovered}, not the PKP's ${pkp.ethAddress}`);
    }
    const message = 'hello from a PKP session';
    const res = await client.executeJs({ sessionSigs: sigs, jsParams: { message, publicKey: pkp.publicKey },
      code: `(async () => {
        const toSign = ethers.utils.arrayify(ethers.utils.keccak256(ethers.utils.toUtf8Bytes(message)));
        await Lit.Actions.signEcdsa({ toSign, publicKey, sigName: 'sig1' });
        Lit.Actions.setResponse({ response: Lit.Auth.authSigAddress });
      })();` });
    const execRecovered = ethers.utils.recoverAddress(ethers.utils.keccak256(ethers.utils.toUtf8Bytes(message)), res.signatures.sig1.signature);
    if (execRecovered !== pkp.ethAddress) {
      throw new Error(`the Action's signature recovers to ${execRecovered}, not the PKP's ${pkp.ethAddress}`);
    }
    let refusal;
    try {
      await client.getPkpSessionSigs({ pkpPublicKey: pkp.publicKey, authMethods: [await login(ethers.Wallet.createRandom())], resourceAbilityRequests });
    } catch (e) {
      refusal = errorInfo(e);
    }
    if (!refusal) throw new Error("a stranger's wallet got PKP session signatures");
    return { user: user.address, capability, recovered, execRecovered, actionResponse: res.response, refusal };
  });

  // 4f. PKP session signatures from a Lit Action the PKP permits (custom
  // auth, getLitActionSessionSigs): the Action (LOGIN_ACTION_CODE, whose
  // CID bytes are LOGIN_ACTION_CID) answers "true" for the right password;
  // pkpSign with the session; a wrong password and an Action the PKP does
  // not permit are refused.
  await step('litActionSessionSigs', async () => {
    const code = process.env.LOGIN_ACTION_CODE;
    const cid = process.env.LOGIN_ACTION_CID;
    if (!code || !cid) throw new Error('LOGIN_ACTION_CODE and LOGIN_ACTION_CID must name the login Action');
    const litActionCode = Buffer.from(code).toString('base64');
    const resourceAbilityRequests = [{ resource: new LitPKPResource('*'), ability: LIT_ABILITY.PKPSigning }];
    const attempt = async (jsParams) => {
      try {
        await client.getLitActionSessionSigs({ pkpPublicKey: pkp.publicKey, litActionCode, jsParams, resourceAbilityRequests });
        return null;
      } catch (e) {
        return errorInfo(e);
      }
    };
    const unpermitted = await attempt({ password: 'hunter2' });
    const permissions = new ethers.Contract(contracts.PKPPermissions.address, contracts.PKPPermissions.abi, owner);
    await (await permissions.addPermittedAction(pkp.tokenId, cid, [1])).wait();
    // The nodes read permissions once per block.
    await new Promise((r) => setTimeout(r, 1500));
    const sigs = await client.getLitActionSessionSigs({ pkpPublicKey: pkp.publicKey, litActionCode, jsParams: { password: 'hunter2' }, resourceAbilityRequests });
    const sig = await client.pkpSign({ pubKey: pkp.publicKey, toSign: ethers.utils.arrayify(digest), sessionSigs: sigs });
    const recovered = ethers.utils.recoverAddress(digest, sig.signature);
    if (recovered !== pkp.ethAddress) {
      throw new Error(`signature recovers to ${recovered}, not the PKP's ${pkp.ethAddress}`);
    }
    const wrongPassword = await attempt({ password: 'guess' });
    return { recovered, capability: JSON.parse(Object.values(sigs)[0].signedMessage).capabilities[0], unpermitted, wrongPassword };
  });

  // 4d. Encryption to access-control conditions: encryptString on the
  // client, decryptToString through the nodes, for three kinds of
  // condition; each refused to a caller who does not meet it, with the
  // node's reason in the SDK's error.
  const demoNFT = process.env.DEMO_NFT;
  const demoToken = process.env.DEMO_NFT_TOKEN;
  if (!demoNFT || !demoToken) throw new Error('DEMO_NFT and DEMO_NFT_TOKEN must name the ERC-721 token the test minted');
  const decryptGrant = [{ resource: new LitAccessControlConditionResource('*'), ability: LIT_ABILITY.AccessControlConditionDecryption }];
  const ownerAccSigs = await sessionSigsFor(client, owner, '*', decryptGrant);
  const otherWallet = ethers.Wallet.createRandom();
  const otherAccSigs = await sessionSigsFor(client, otherWallet, '*', decryptGrant);
  const now = Math.floor(Date.now() / 1000);
  const timeIs = (comparator, t) => [{ contractAddress: '', standardContractType: 'timestamp', chain: 'yellowstone',
    method: 'eth_getBlockByNumber', parameters: ['latest'], returnValueTest: { comparator, value: String(t) } }];
  const cases = {
    userAddress: { conds: [{ contractAddress: '', standardContractType: '', chain: 'ethereum', method: '',
      parameters: [':userAddress'], returnValueTest: { comparator: '=', value: owner.address } }], refused: otherAccSigs },
    // A DemoNFT token the Go test deployed and minted to the owner (DEMO_NFT, DEMO_NFT_TOKEN).
    erc721Owner: { conds: [{ contractAddress: demoNFT, standardContractType: 'ERC721', chain: 'yellowstone',
      method: 'ownerOf', parameters: [demoToken], returnValueTest: { comparator: '=', value: ':userAddress' } }],
    refused: otherAccSigs },
    // Open since an hour ago to anyone; locked for an hour to everyone, the owner included.
    timestamp: { conds: timeIs('>=', now - 3600), locked: timeIs('>=', now + 3600), refused: ownerAccSigs },
  };
  for (const [name, c] of Object.entries(cases)) {
    await step('decrypt_' + name, async () => {
      const secret = `the ${name} secret`;
      const { ciphertext, dataToEncryptHash } = await encryptString({ accessControlConditions: c.conds, dataToEncrypt: secret }, client);
      const plaintext = await decryptToString({ accessControlConditions: c.conds, chain: 'ethereum', ciphertext,
        dataToEncryptHash, sessionSigs: ownerAccSigs }, client);
      if (plaintext !== secret) throw new Error(`decrypted ${JSON.stringify(plaintext)}, not ${JSON.stringify(secret)}`);
      const lockedConds = c.locked ?? c.conds;
      const locked = c.locked ? await encryptString({ accessControlConditions: lockedConds, dataToEncrypt: secret }, client)
        : { ciphertext, dataToEncryptHash };
      try {
        const got = await decryptToString({ accessControlConditions: lockedConds, chain: 'ethereum', ...locked, sessionSigs: c.refused }, client);
        throw new Error(`a caller who does not meet the conditions decrypted ${JSON.stringify(got)}`);
      } catch (e) {
        if (String(e?.message).startsWith('a caller who')) throw e;
        return { secret, plaintext, dataToEncryptHash, ciphertextBytes: Buffer.from(ciphertext, 'base64').length, refused: errorInfo(e) };
      }
    });
  }

  // 5. A stranger's session signatures: every node must refuse.
  await step('stranger', async () => {
    const stranger = ethers.Wallet.createRandom();
    const sigs = await sessionSigsFor(client, stranger);
    try {
      await client.pkpSign({ pubKey: pkp.publicKey, toSign: ethers.utils.arrayify(digest), sessionSigs: sigs });
    } catch (e) {
      return { refused: true, stranger: stranger.address, error: errorInfo(e) };
    }
    throw new Error('a stranger got a signature');
  });

  // 6. A signed token for a :userAddress condition the owner meets, checked
  // with the SDK's verifyJwt against the network key; a stranger refused.
  await step('signedToken', async () => {
    const accessControlConditions = [{
      contractAddress: '', standardContractType: '', chain: 'ethereum', method: '',
      parameters: [':userAddress'], returnValueTest: { comparator: '=', value: owner.address },
    }];
    const signing = [{ resource: new LitAccessControlConditionResource('*'), ability: LIT_ABILITY.AccessControlConditionSigning }];
    const sigs = await sessionSigsFor(client, owner, '*', signing);
    const jwt = await getSignedToken(client, { accessControlConditions, chain: 'ethereum', sessionSigs: sigs });
    const { verified, header, payload } = await verifyJwt(client.networkPubKey, jwt);
    const now = Math.floor(Date.now() / 1000);
    if (!verified || header.alg !== 'BLS12-381' || payload.iss !== 'LIT' || payload.sub.toLowerCase() !== owner.address.toLowerCase() ||
        payload.exp <= now || JSON.stringify(payload.accessControlConditions) !== JSON.stringify(accessControlConditions.map(
          (c) => ({ contractAddress: c.contractAddress, chain: c.chain, standardContractType: c.standardContractType,
            method: c.method, parameters: c.parameters, returnValueTest: c.returnValueTest })))) {
      throw new Error('token claims ' + JSON.stringify({ header, payload }));
    }
    const stranger = ethers.Wallet.createRandom();
    let refusal;
    try {
      await getSignedToken(client, { accessControlConditions, chain: 'ethereum',
        sessionSigs: await sessionSigsFor(client, stranger, '*', signing) });
    } catch (e) {
      refusal = errorInfo(e);
    }
    if (!refusal) throw new Error('a stranger got a signed token');
    return { jwt, header, payload, networkPubKey: client.networkPubKey, stranger: stranger.address, refusal };
  });

  client.disconnect();
}

main().then(
  () => process.exit(0),
  (e) => {
    emit('fatal', { ok: false, error: errorInfo(e) });
    process.exit(1);
  });
