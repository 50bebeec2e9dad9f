// Runs the unmodified Lit JS SDK 7.4.0 against a Flint devnet and prints one
// JSON line per step: {"step", "ok", ...details} or {"step", "ok": false,
// "error"}. integration/litsdk_test.go runs it and checks every line.
//
// Usage: DEMO_NFT=<address> DEMO_NFT_TOKEN=<id> LOGIN_ACTION_CODE=<js> LOGIN_ACTION_CID=<CID> \
//   GOOGLE_JWT=<token> GOOGLE_JWT_EXPIRED=<token> GOOGLE_JWT_WRONG_AUD=<token> STYTCH_EMAIL_JWT=<token> \
//   node sdk-check.js <network.json>
// (an ERC-721 token the owner holds, for the token-gated decryption step;
// the custom-auth Action of the PKP session steps and its CIDv0; ID tokens
// from an issuer the nodes trust, for the Google and Stytch login steps:
// litsdk_jwt_test.go makes them)
//
// The contract context (addresses and ABIs) is the dev chain's contracts.json,
// next to network.json in chain/.
//
// SDK_STEPS=transport runs only the steps that reach the nodes by another
// route (connect, sessionSigs, pkpSign, executeJs, one decryption, the
// stranger, signedToken, claimKeyId, a PKP session and a signature under
// it), and the mint they need: the TLS test's set, which is about how the
// SDK reaches https nodes, not what they answer (the plain run has every
// step).
'use strict';

const fs = require('fs');
const path = require('path');
const { ethers } = require('ethers');
const { LitNodeClient } = require('@lit-protocol/lit-node-client');
const { LitContracts } = require('@lit-protocol/contracts-sdk');
const { AUTH_METHOD_TYPE, LIT_ABILITY, LIT_ENDPOINT, LIT_NETWORK } = require('@lit-protocol/constants');
const { encryptString, decryptToString } = require('@lit-protocol/encryption');
const { composeLitUrl } = require('@lit-protocol/core');
const { verifySignature } = require('@lit-protocol/crypto');
const { uint8arrayFromString, uint8arrayToString } = require('@lit-protocol/uint8arrays');
const {
  LitAccessControlConditionResource,
  LitActionResource,
  LitPKPResource,
  createSiweMessage,
  createSiweMessageWithRecaps,
  generateAuthSig,
} = require('@lit-protocol/auth-helpers');

// The contract names LitContracts.connect() reads from a customContext; it
// fails with a TypeError on any that is missing. Flint has five of them.
const LIT_CONTRACT_NAMES = [
  'Allowlist', 'LITToken', 'Multisender', 'PKPHelper', 'PKPNFT', 'PKPNFTMetadata',
  'PKPPermissions', 'PubkeyRouter', 'RateLimitNFT', 'Staking', 'StakingBalances',
];

// The SDK prints debugging output with console.log (its crypto does, even
// with debug off); stdout carries only the step lines.
console.log = (...args) => process.stderr.write(require('util').format(...args) + '\n');

const TRANSPORT_ONLY = process.env.SDK_STEPS === 'transport';
if (process.env.SDK_STEPS && !TRANSPORT_ONLY) throw new Error(`SDK_STEPS=${process.env.SDK_STEPS}: only "transport" is known`);

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

// ---------- PKP session signatures (issue 14): a login the PKP permits ----------
//
// Each function below is one step; each connects its own client, so that
// its SIWE nonce is a block hash from the nodes' handshake (the SDK drops
// that hash 30 s after connect()) and it shows the login working on a
// machine that has nothing but the login.

async function connectedClient(rpcUrl, contracts) {
  const client = new LitNodeClient({
    litNetwork: LIT_NETWORK.Custom,
    rpcUrl,
    contractContext: { Staking: { address: contracts.Staking.address, abi: contracts.Staking.abi } },
    checkNodeAttestation: false,
    debug: false,
  });
  await client.connect();
  return client;
}

// litContractsFor is LitContracts for signer on the dev chain (see the
// mint step for the customContext).
async function litContractsFor(signer, provider, contracts) {
  const customContext = {};
  for (const name of LIT_CONTRACT_NAMES) {
    customContext[name] = contracts[name] ?? { address: ethers.constants.AddressZero, abi: [] };
  }
  const lc = new LitContracts({ signer, provider, network: LIT_NETWORK.Custom, customContext, debug: false });
  await lc.connect();
  return lc;
}

// walletAuthMethod is an EthWallet (type 1) auth method as Lit's
// EthWalletProvider makes it: a plain SIWE login (no ReCap) over the
// nodes' latest block hash, signed with personal_sign, its AuthSig JSON as
// the access token.
async function walletAuthMethod(client, wallet) {
  const toSign = await createSiweMessage({
    walletAddress: wallet.address,
    nonce: await client.getLatestBlockhash(),
    expiration: new Date(Date.now() + 10 * 60 * 1000).toISOString(),
    statement: 'Log in to a Flint PKP',
    uri: 'https://localhost/login',
  });
  const authSig = await generateAuthSig({ signer: wallet, toSign });
  return { authMethodType: AUTH_METHOD_TYPE.EthWallet, accessToken: JSON.stringify(authSig) };
}

// The grants every PKP session below asks for: sign with the PKP, run
// Actions, decrypt.
function pkpSessionRequests() {
  return [
    { resource: new LitPKPResource('*'), ability: LIT_ABILITY.PKPSigning },
    { resource: new LitActionResource('*'), ability: LIT_ABILITY.LitActionExecution },
    { resource: new LitAccessControlConditionResource('*'), ability: LIT_ABILITY.AccessControlConditionDecryption },
    { resource: new LitAccessControlConditionResource('*'), ability: LIT_ABILITY.AccessControlConditionSigning },
  ];
}

// networkCapability is the lit.bls capability the SDK combined from the
// nodes' shares, as it sits in every per-node session signature.
function networkCapability(sessionSigs) {
  const caps = JSON.parse(Object.values(sessionSigs)[0].signedMessage).capabilities;
  const cap = caps.find((c) => c.derivedVia === 'lit.bls');
  if (!cap) throw new Error('no lit.bls capability in ' + JSON.stringify(caps));
  return cap;
}

// signAndRecover has the PKP sign a message's keccak256 with pkpSign and
// checks that the signature recovers (ethers) to the PKP's address.
async function signAndRecover(client, pkp, sessionSigs, message) {
  const digest = ethers.utils.keccak256(ethers.utils.toUtf8Bytes(message));
  const sig = await client.pkpSign({ pubKey: pkp.publicKey, toSign: ethers.utils.arrayify(digest), sessionSigs });
  const recovered = ethers.utils.recoverAddress(digest, sig.signature);
  if (recovered !== pkp.ethAddress) {
    throw new Error(`pkpSign's signature recovers to ${recovered}, not the PKP's ${pkp.ethAddress}`);
  }
  return { message, digest, signature: sig.signature, recovered };
}

// refusal runs fn, which must fail, and returns the SDK's error.
async function refusal(what, fn) {
  let got;
  try {
    got = await fn();
  } catch (e) {
    return errorInfo(e);
  }
  throw new Error(`${what} succeeded: ${JSON.stringify(got)?.slice(0, 200)}`);
}

// pkpSessionWallet: getPkpSessionSigs with an EthWallet auth method of a
// wallet the PKP's owner permitted (addPermittedAddress through
// LitContracts), then pkpSign and executeJs (an Action that signs with
// the PKP) with those session signatures; a wallet the PKP does not permit
// gets none.
async function pkpSessionWallet({ rpcUrl, provider, contracts, owner, pkp }) {
  const user = ethers.Wallet.createRandom();
  const lc = await litContractsFor(owner, provider, contracts);
  await (await lc.pkpPermissionsContract.write.addPermittedAddress(pkp.tokenId, user.address, [1])).wait();
  const client = await connectedClient(rpcUrl, contracts);
  try {
    const sessionSigs = await step('pkpSessionWallet', async () => {
      const authMethod = await walletAuthMethod(client, user);
      const sigs = await client.getPkpSessionSigs({
        pkpPublicKey: pkp.publicKey,
        authMethods: [authMethod],
        resourceAbilityRequests: pkpSessionRequests(),
        expiration: new Date(Date.now() + 10 * 60 * 1000).toISOString(),
      });
      return { sessionSigs: sigs, user: user.address, capability: networkCapability(sigs), networkPubKey: client.networkPubKey };
    }).then((f) => f.sessionSigs);

    await step('pkpSessionWalletSign', () => signAndRecover(client, pkp, sessionSigs, 'signed under a wallet login'));
    if (TRANSPORT_ONLY) return;

    await step('pkpSessionWalletExecuteJs', async () => {
      const message = 'an Action under a wallet login';
      const code = `(async () => {
        const toSign = ethers.utils.arrayify(ethers.utils.keccak256(ethers.utils.toUtf8Bytes(message)));
        await Lit.Actions.signEcdsa({ toSign, publicKey, sigName: 'login' });
        Lit.Actions.setResponse({ response: 'signed' });
      })();`;
      const res = await client.executeJs({ code, sessionSigs, jsParams: { message, publicKey: pkp.publicKey } });
      const sig = res.signatures?.login;
      if (!sig) throw new Error('no signature "login" in ' + JSON.stringify(res));
      const hash = ethers.utils.keccak256(ethers.utils.toUtf8Bytes(message));
      const recovered = ethers.utils.recoverAddress(hash, sig.signature);
      if (recovered !== pkp.ethAddress) {
        throw new Error(`the Action's signature recovers to ${recovered}, not the PKP's ${pkp.ethAddress}`);
      }
      return { message, hash, signature: sig.signature, response: res.response, recovered };
    });

    // executeJs with authMethods (Lit's custom-auth pattern): the nodes
    // resolve the logins into Lit.Auth.authMethodContexts for the Action.
    await step('executeJsAuthMethods', async () => {
      const code = `(async () => {
        Lit.Actions.setResponse({ response: JSON.stringify({ authSigAddress: Lit.Auth.authSigAddress,
          authMethodContexts: Lit.Auth.authMethodContexts }) });
      })();`;
      const res = await client.executeJs({ code, sessionSigs, jsParams: {}, authMethods: [await walletAuthMethod(client, user)] });
      // Without signatures the SDK hands back the response unparsed.
      return { user: user.address, auth: typeof res.response === 'string' ? JSON.parse(res.response) : res.response };
    });

    // Decryption as the PKP: a condition only the PKP's address meets.
    await step('pkpSessionWalletDecrypt', async () => {
      const accessControlConditions = [{ contractAddress: '', standardContractType: '', chain: 'ethereum', method: '',
        parameters: [':userAddress'], returnValueTest: { comparator: '=', value: pkp.ethAddress } }];
      const secret = 'for the PKP only';
      const { ciphertext, dataToEncryptHash } = await encryptString({ accessControlConditions, dataToEncrypt: secret }, client);
      const plaintext = await decryptToString({ accessControlConditions, chain: 'ethereum', ciphertext, dataToEncryptHash, sessionSigs }, client);
      if (plaintext !== secret) throw new Error(`decrypted ${JSON.stringify(plaintext)}, not ${JSON.stringify(secret)}`);
      return { secret, plaintext };
    });

    // A signed token (JWT) for a condition only the PKP's address meets.
    await step('pkpSessionWalletSignedToken', async () => {
      const accessControlConditions = [{ contractAddress: '', standardContractType: '', chain: 'ethereum', method: '',
        parameters: [':userAddress'], returnValueTest: { comparator: '=', value: pkp.ethAddress } }];
      const jwt = await getSignedToken(client, { accessControlConditions, chain: 'ethereum', sessionSigs });
      const { verified, payload } = await verifyJwt(client.networkPubKey, jwt);
      if (!verified || payload.sub.toLowerCase() !== pkp.ethAddress.toLowerCase()) {
        throw new Error('token for ' + JSON.stringify(payload));
      }
      return { jwt, sub: payload.sub };
    });

    await step('pkpSessionWalletStranger', async () => {
      const stranger = ethers.Wallet.createRandom();
      const error = await refusal('a session for a wallet the PKP does not permit', async () => client.getPkpSessionSigs({
        pkpPublicKey: pkp.publicKey,
        authMethods: [await walletAuthMethod(client, stranger)],
        resourceAbilityRequests: pkpSessionRequests(),
        expiration: new Date(Date.now() + 10 * 60 * 1000).toISOString(),
      }));
      return { stranger: stranger.address, error };
    });

    // The owner removes the wallet's permission: the same session
    // signatures stop working within a block or two (the nodes re-read a
    // PKP session's logins once per block). While the nodes' reads straddle
    // the removal, some refuse and some wait for a leader that refused, so
    // the SDK may report another code first (kept as transient).
    await step('pkpSessionWalletRevoked', async () => {
      await (await lc.pkpPermissionsContract.write.removePermittedAddress(pkp.tokenId, user.address)).wait();
      const removed = Date.now();
      const transient = [];
      for (let i = 0; ; i++) {
        try {
          await signAndRecover(client, pkp, sessionSigs, `after the removal, try ${i}`);
        } catch (e) {
          const error = errorInfo(e);
          if (error.errorCode === 'NodePKPNotAuthorized') return { afterMs: Date.now() - removed, tries: i + 1, transient, error };
          if (!error.errorCode) throw e;
          transient.push(error.errorCode);
        }
        if (Date.now() - removed > 10000) throw new Error('the session was not refused 10 s after its login was removed');
        await new Promise((r) => setTimeout(r, 200));
      }
    });
  } finally {
    client.disconnect();
  }
}

// pkpSessionLitAction: getLitActionSessionSigs with a custom-auth Action
// (LOGIN_ACTION_CODE, its CID LOGIN_ACTION_CID from the Go test) that the
// PKP permits (LitContracts.addPermittedAction) and that answers "true"
// for the right password: pkpSign works under the session. Refused for an
// Action the PKP does not permit, and for the permitted one answering
// anything else.
async function pkpSessionLitAction({ rpcUrl, provider, contracts, owner, pkp }) {
  const code = process.env.LOGIN_ACTION_CODE;
  const cid = process.env.LOGIN_ACTION_CID;
  if (!code || !cid) throw new Error('LOGIN_ACTION_CODE and LOGIN_ACTION_CID must name the custom-auth Action');
  const b64 = (s) => Buffer.from(s, 'utf8').toString('base64');
  const sessionFor = (client, litActionCode, jsParams) => client.getLitActionSessionSigs({
    pkpPublicKey: pkp.publicKey,
    litActionCode,
    jsParams,
    resourceAbilityRequests: pkpSessionRequests(),
    expiration: new Date(Date.now() + 10 * 60 * 1000).toISOString(),
  });
  const client = await connectedClient(rpcUrl, contracts);
  try {
    // Another Action (the same code and a comment: another CID) that
    // would answer "true", but the PKP does not permit it.
    await step('litActionSessionUnpermitted', async () => ({
      error: await refusal('a session from an Action the PKP does not permit',
        () => sessionFor(client, b64(code + '\n// not the permitted Action\n'), { password: 'hunter2' })),
    }));

    const lc = await litContractsFor(owner, provider, contracts);
    await lc.addPermittedAction({ ipfsId: cid, pkpTokenId: pkp.tokenId, authMethodScopes: [1] });

    const sessionSigs = await step('litActionSession', async () => {
      const sigs = await sessionFor(client, b64(code), { password: 'hunter2' });
      return { sessionSigs: sigs, cid, capability: networkCapability(sigs) };
    }).then((f) => f.sessionSigs);

    await step('litActionSessionSign', () => signAndRecover(client, pkp, sessionSigs, 'signed under a custom-auth Action'));

    // The same Action by its CID: the nodes read it from the devnet's
    // IPFS store (the Go test published it).
    await step('litActionSessionByIpfsId', async () => {
      const sigs = await client.getLitActionSessionSigs({
        pkpPublicKey: pkp.publicKey,
        litActionIpfsId: cid,
        jsParams: { password: 'hunter2' },
        resourceAbilityRequests: pkpSessionRequests(),
        expiration: new Date(Date.now() + 10 * 60 * 1000).toISOString(),
      });
      return { capability: networkCapability(sigs), ...await signAndRecover(client, pkp, sigs, 'signed under an Action named by CID') };
    });

    // An Action and a wallet login together: the Action sees the wallet the
    // nodes resolved in Lit.Auth.authMethodContexts and requires it.
    await step('litActionSessionWithWallet', async () => {
      const sigs = await client.getLitActionSessionSigs({
        pkpPublicKey: pkp.publicKey,
        litActionCode: b64(code),
        authMethods: [await walletAuthMethod(client, owner)],
        jsParams: { password: 'hunter2', wallet: owner.address },
        resourceAbilityRequests: pkpSessionRequests(),
        expiration: new Date(Date.now() + 10 * 60 * 1000).toISOString(),
      });
      return { wallet: owner.address, capability: networkCapability(sigs),
        ...await signAndRecover(client, pkp, sigs, 'signed under an Action and a wallet login') };
    });

    await step('litActionSessionWrongResponse', async () => ({
      error: await refusal('a session from an Action that did not answer "true"',
        () => sessionFor(client, b64(code), { password: 'guess' })),
    }));

    // The permitted Action setting no response at all.
    await step('litActionSessionNoResponse', async () => ({
      error: await refusal('a session from an Action that set no response',
        () => sessionFor(client, b64(code), { password: 'hunter2', silent: true })),
    }));
  } finally {
    client.disconnect();
  }
}

// revertName decodes a failed call's custom error with the ABIs that may
// have raised it (PKPNFT, or Staking's signature check).
function revertName(e, contracts) {
  const data = e?.error?.data?.data ?? e?.error?.data ?? e?.data;
  for (const name of ['PKPNFT', 'Staking']) {
    try {
      const err = new ethers.utils.Interface(contracts[name].abi).parseError(data);
      return { error: err.name, args: err.args.map(String) };
    } catch (_) { /* not this contract's */ }
  }
  return { error: e?.reason ?? String(e?.message ?? e).slice(0, 200) };
}

// claimMintWithSDK: the claim flow through the SDK. A fresh wallet (funded
// by the dev account) logs in with an EthWallet auth method; claimKeyId
// gets every node's signature over the login's key id and derives the key
// itself (computeHDPubKey). Its mintCallback is where an app mints: Lit's
// default posts to Lit's relay, which cannot mint here (Flint binds a
// claim to its recipient, and a relay would be the sender), so the
// callback sends Flint's PKPNFT.claimAndMint(keyType, derivedKeyId, pubkey,
// signatures) from the wallet itself, the key being the one the SDK
// derived. Another wallet replaying the same signatures is refused by the
// contract. The same login on a fresh client gets the same key back, the
// key id is then used up, and the claimed PKP works: a PKP session from
// the same login signs with it.
async function claimMintWithSDK({ rpcUrl, provider, contracts, owner }) {
  const user = ethers.Wallet.createRandom().connect(provider);
  const thief = ethers.Wallet.createRandom().connect(provider);
  const nft = new ethers.Contract(contracts.PKPNFT.address, contracts.PKPNFT.abi, provider);
  const mintCost = await nft.mintCost();
  for (const w of [user, thief]) {
    await (await owner.sendTransaction({ to: w.address, value: mintCost.add(ethers.utils.parseEther('1')) })).wait();
  }

  const client = await connectedClient(rpcUrl, contracts);
  let claim;
  try {
    claim = await step('claimMint', async () => {
      let stolen;
      const res = await client.claimKeyId({
        authMethod: await walletAuthMethod(client, user),
        signer: user,
        mintCallback: async ({ derivedKeyId, signatures, pubkey, signer }) => {
          const args = [2, '0x' + derivedKeyId, '0x' + pubkey, signatures, { value: mintCost }];
          try {
            await nft.connect(thief).callStatic.claimAndMint(...args);
            stolen = { minted: true };
          } catch (e) {
            stolen = { minted: false, ...revertName(e, contracts) };
          }
          const receipt = await (await nft.connect(signer).claimAndMint(...args)).wait();
          return receipt.transactionHash;
        },
      });
      if (stolen.minted) throw new Error("another wallet could mint the user's claim");
      const pubkey = '0x' + res.pubkey.replace(/^0x/, '');
      const tokenId = ethers.BigNumber.from(ethers.utils.keccak256(pubkey));
      const nftOwner = await nft.ownerOf(tokenId);
      if (nftOwner !== user.address) throw new Error(`the claimed PKP belongs to ${nftOwner}, not ${user.address}`);
      return { user: user.address, derivedKeyId: res.claimedKeyId, pubkey, tokenId: tokenId.toHexString(),
        ethAddress: ethers.utils.computeAddress(pubkey), owner: nftOwner, mintTx: res.mintTx, signatures: res.signatures.length,
        thief: thief.address, stolen };
    });
  } finally {
    client.disconnect();
  }

  // The same login on a fresh client: the same key id and key; minting it
  // again fails (KeyIdUsed).
  const again = await connectedClient(rpcUrl, contracts);
  try {
    await step('claimAgain', async () => {
      let replay;
      const res = await again.claimKeyId({
        authMethod: await walletAuthMethod(again, user),
        signer: user,
        mintCallback: async ({ derivedKeyId, signatures, pubkey, signer }) => {
          try {
            await nft.connect(signer).callStatic.claimAndMint(2, '0x' + derivedKeyId, '0x' + pubkey, signatures, { value: mintCost });
            replay = { minted: true };
          } catch (e) {
            replay = { minted: false, ...revertName(e, contracts) };
          }
          return '';
        },
      });
      const pubkey = '0x' + res.pubkey.replace(/^0x/, '');
      if (res.claimedKeyId !== claim.derivedKeyId || pubkey !== claim.pubkey) {
        throw new Error(`the same login claimed ${res.claimedKeyId} / ${pubkey}, first ${claim.derivedKeyId} / ${claim.pubkey}`);
      }
      if (replay.minted) throw new Error('the key id could be minted twice');
      return { derivedKeyId: res.claimedKeyId, pubkey, replay };
    });

    // The claimed PKP in use: a PKP session from the same wallet login
    // (its owner), and pkpSign.
    await step('claimSession', async () => {
      const pkp = { publicKey: claim.pubkey, ethAddress: claim.ethAddress };
      const sessionSigs = await again.getPkpSessionSigs({
        pkpPublicKey: claim.pubkey,
        authMethods: [await walletAuthMethod(again, user)],
        resourceAbilityRequests: pkpSessionRequests(),
        expiration: new Date(Date.now() + 10 * 60 * 1000).toISOString(),
      });
      return signAndRecover(again, pkp, sessionSigs, 'signed with a claimed PKP');
    });
  } finally {
    again.disconnect();
  }
}

// pkpSessionGoogleJwt: getPkpSessionSigs with a Google ID token (auth
// method type 6) from the Go test's issuer (GOOGLE_JWT, its keys served
// to the nodes as JWKS on loopback; the SDK never sees them). The PKP's
// owner permits the login with LitContracts.addPermittedAuthMethod under
// the id the SDK itself computes for it (getAuthIdByAuthMethod:
// keccak256("<sub>:<aud>")); then pkpSign. An expired token
// (GOOGLE_JWT_EXPIRED) and one for another audience
// (GOOGLE_JWT_WRONG_AUD) are refused with the node's code. Then the claim
// flow with the same login: the token's nonce is the dev account's
// address, so only the dev account can mint its PKP.
async function pkpSessionGoogleJwt({ rpcUrl, provider, contracts, owner, pkp }) {
  const { GOOGLE_JWT: token, GOOGLE_JWT_EXPIRED: expired, GOOGLE_JWT_WRONG_AUD: wrongAud } = process.env;
  if (!token || !expired || !wrongAud) throw new Error('GOOGLE_JWT, GOOGLE_JWT_EXPIRED and GOOGLE_JWT_WRONG_AUD must be ID tokens');
  const { getAuthIdByAuthMethod } = require('@lit-protocol/contracts-sdk/src/lib/auth-utils');
  const authMethod = { authMethodType: AUTH_METHOD_TYPE.GoogleJwt, accessToken: token };
  const authMethodId = await getAuthIdByAuthMethod(authMethod);
  const lc = await litContractsFor(owner, provider, contracts);
  // A Uint8Array: the SDK would UTF-8-encode a hex string.
  await lc.addPermittedAuthMethod({ pkpTokenId: pkp.tokenId, authMethodType: AUTH_METHOD_TYPE.GoogleJwt,
    authMethodId: ethers.utils.arrayify(authMethodId), authMethodScopes: [1] });
  const sessionFor = (client, am) => client.getPkpSessionSigs({
    pkpPublicKey: pkp.publicKey,
    authMethods: [am],
    resourceAbilityRequests: pkpSessionRequests(),
    expiration: new Date(Date.now() + 10 * 60 * 1000).toISOString(),
  });
  const client = await connectedClient(rpcUrl, contracts);
  try {
    const sessionSigs = await step('pkpSessionGoogleJwt', async () => {
      const sigs = await sessionFor(client, authMethod);
      return { sessionSigs: sigs, authMethodId, capability: networkCapability(sigs) };
    }).then((f) => f.sessionSigs);
    await step('pkpSessionGoogleJwtSign', () => signAndRecover(client, pkp, sessionSigs, 'signed under a Google login'));
    await step('pkpSessionGoogleJwtRefused', async () => ({
      expired: await refusal('a session from an expired ID token',
        () => sessionFor(client, { authMethodType: AUTH_METHOD_TYPE.GoogleJwt, accessToken: expired })),
      wrongAudience: await refusal('a session from an ID token for another audience',
        () => sessionFor(client, { authMethodType: AUTH_METHOD_TYPE.GoogleJwt, accessToken: wrongAud })),
    }));

    const nft = new ethers.Contract(contracts.PKPNFT.address, contracts.PKPNFT.abi, owner);
    await step('claimGoogleJwt', async () => {
      const res = await client.claimKeyId({
        authMethod,
        signer: owner,
        mintCallback: async ({ derivedKeyId, signatures, pubkey, signer }) => {
          const tx = await nft.connect(signer).claimAndMint(2, '0x' + derivedKeyId, '0x' + pubkey, signatures, { value: await nft.mintCost() });
          return (await tx.wait()).transactionHash;
        },
      });
      const pubkey = '0x' + res.pubkey.replace(/^0x/, '');
      const nftOwner = await nft.ownerOf(ethers.BigNumber.from(ethers.utils.keccak256(pubkey)));
      if (nftOwner !== owner.address) throw new Error(`the claimed PKP belongs to ${nftOwner}, not ${owner.address}`);
      return { derivedKeyId: res.claimedKeyId, pubkey, owner: nftOwner, mintTx: res.mintTx };
    });
  } finally {
    client.disconnect();
  }
}

// pkpSessionStytchEmail: getPkpSessionSigs with a Stytch email OTP session
// token (auth method type 10, STYTCH_EMAIL_JWT, from the Go test's issuer),
// permitted under the id the SDK computes for it (the email factor's
// address and the project id, lower-cased); then pkpSign.
async function pkpSessionStytchEmail({ rpcUrl, provider, contracts, owner, pkp }) {
  const token = process.env.STYTCH_EMAIL_JWT;
  if (!token) throw new Error('STYTCH_EMAIL_JWT must be a Stytch session token');
  const { getAuthIdByAuthMethod } = require('@lit-protocol/contracts-sdk/src/lib/auth-utils');
  const authMethod = { authMethodType: AUTH_METHOD_TYPE.StytchEmailFactorOtp, accessToken: token };
  const authMethodId = await getAuthIdByAuthMethod(authMethod);
  const lc = await litContractsFor(owner, provider, contracts);
  await lc.addPermittedAuthMethod({ pkpTokenId: pkp.tokenId, authMethodType: authMethod.authMethodType,
    authMethodId: ethers.utils.arrayify(authMethodId), authMethodScopes: [1] });
  const client = await connectedClient(rpcUrl, contracts);
  try {
    await step('pkpSessionStytchEmail', async () => {
      const sigs = await client.getPkpSessionSigs({
        pkpPublicKey: pkp.publicKey,
        authMethods: [authMethod],
        resourceAbilityRequests: pkpSessionRequests(),
        expiration: new Date(Date.now() + 10 * 60 * 1000).toISOString(),
      });
      return { authMethodId, capability: networkCapability(sigs),
        ...await signAndRecover(client, pkp, sigs, 'signed under a Stytch email login') };
    });
  } finally {
    client.disconnect();
  }
}

// mintWithAuth: LitContracts.mintWithAuth with an EthWallet auth method of a
// fresh wallet (scopes [1]), through Flint's PKPHelper. The helper and
// PKPPermissions get no ABI in this customContext, so the SDK uses Lit's own
// (its bundled PKPHelperData and PKPPermissionsData) against Flint's
// contracts. Checks the PKP exists, is owned by itself (the SDK sends it
// there), and that Lit's PKPPermissions reads return the method and scope
// (and the PKP's own address, which the SDK also asks the helper to permit).
async function mintWithAuthStep(contracts, owner, provider) {
  return step('mintWithAuth', async () => {
    const { AUTH_METHOD_TYPE } = require('@lit-protocol/constants');
    const { getAuthIdByAuthMethod } = require('@lit-protocol/contracts-sdk/src/lib/auth-utils');
    const customContext = {};
    for (const name of LIT_CONTRACT_NAMES) {
      customContext[name] = contracts[name] ?? { address: ethers.constants.AddressZero, abi: [] };
    }
    if (!contracts.PKPHelper) throw new Error('contracts.json has no PKPHelper');
    customContext.PKPHelper = { address: contracts.PKPHelper.address };
    customContext.PKPPermissions = { address: contracts.PKPPermissions.address };
    const lc = new LitContracts({ signer: owner, provider, network: LIT_NETWORK.Custom, customContext, debug: false });
    await lc.connect();

    const user = ethers.Wallet.createRandom();
    const authSig = await generateAuthSig({ signer: user, toSign: `log in to a PKP as ${user.address}` });
    const authMethod = { authMethodType: AUTH_METHOD_TYPE.EthWallet, accessToken: JSON.stringify(authSig) };
    const authMethodId = await getAuthIdByAuthMethod(authMethod);
    const res = await lc.mintWithAuth({ authMethod, scopes: [1] });
    const tokenId = ethers.BigNumber.from(res.pkp.tokenId);

    const nft = lc.pkpNftContract.read;
    const perms = lc.pkpPermissionsContract.read;
    const pubkey = await nft.getPubkey(tokenId);
    const nftOwner = await nft.ownerOf(tokenId);
    const methods = (await perms.getPermittedAuthMethods(tokenId)).map((m) => ({
      authMethodType: m.authMethodType.toNumber(), id: m.id, userPubkey: m.userPubkey,
    }));
    const scopes = await perms.getPermittedAuthMethodScopes(tokenId, AUTH_METHOD_TYPE.EthWallet, authMethodId, 3);
    const permitted = await perms.isPermittedAuthMethod(tokenId, AUTH_METHOD_TYPE.EthWallet, authMethodId);
    const tokenIds = (await perms.getTokenIdsForAuthMethod(AUTH_METHOD_TYPE.EthWallet, authMethodId)).map((t) => t.toHexString());
    const userPubkey = await perms.getUserPubkeyForAuthMethod(AUTH_METHOD_TYPE.EthWallet, authMethodId);
    const login = methods.find((m) => m.id.toLowerCase() === authMethodId.toLowerCase());
    const self = methods.find((m) => m.id.toLowerCase() === res.pkp.ethAddress.toLowerCase());
    if (pubkey === '0x' || nftOwner !== res.pkp.ethAddress || methods.length !== 2 || !login || login.authMethodType !== 1 ||
        !self || self.authMethodType !== 1 || !permitted ||
        JSON.stringify(scopes) !== '[false,true,false]' || !tokenIds.includes(tokenId.toHexString())) {
      throw new Error('mintWithAuth result ' + JSON.stringify({ pubkey, nftOwner, methods, scopes, permitted, tokenIds, pkp: res.pkp }));
    }
    return {
      tokenId: tokenId.toHexString(),
      publicKey: '0x' + res.pkp.publicKey,
      ethAddress: res.pkp.ethAddress,
      owner: nftOwner,
      user: user.address,
      authMethodId,
      methods,
      scopes,
      permitted,
      tokenIds,
      userPubkey,
      firstLogAddress: (res.tx.logs ?? res.tx.events)[0].address,
    };
  });
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
  if (!TRANSPORT_ONLY) await step('pkpSignOneToken', async () => {
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
    if (TRANSPORT_ONLY && name !== 'userAddress') continue;
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

  // 7. claimKeyId with a wallet auth method (type 1: a SIWE login over the
  // latest block hash, as EthWalletProvider makes it): the SDK reads the
  // nodes' answers, derives the key from derivedKeyId with its own HD code
  // and hands it to the mint callback. The Go side checks the key against
  // the nodes' and the signatures against the chain.
  await step('claimKeyId', async () => {
    const wallet = ethers.Wallet.createRandom();
    const toSign = await createSiweMessage({ walletAddress: wallet.address, nonce: await client.getLatestBlockhash() });
    const authSig = await generateAuthSig({ signer: wallet, toSign });
    const authMethod = { authMethodType: 1, accessToken: JSON.stringify(authSig) };
    let minted;
    const res = await client.claimKeyId({
      authMethod,
      signer: wallet,
      mintCallback: async (p) => { minted = p; return 'not minted: Flint claimAndMint takes the key'; },
    });
    if (!minted || minted.derivedKeyId !== res.claimedKeyId || minted.pubkey !== res.pubkey) {
      throw new Error('the mint callback did not get the claim');
    }
    return {
      address: wallet.address,
      accessToken: authMethod.accessToken,
      derivedKeyId: res.claimedKeyId,
      pubkey: res.pubkey,
      signatures: res.signatures,
    };
  });
  if (!TRANSPORT_ONLY) await mintWithAuthStep(contracts, owner, provider);

  client.disconnect();

  const ctx = { rpcUrl, provider, contracts, owner, pkp };
  await pkpSessionWallet(ctx);
  if (TRANSPORT_ONLY) return;
  await pkpSessionLitAction(ctx);
  await claimMintWithSDK(ctx);
  await pkpSessionGoogleJwt(ctx);
  await pkpSessionStytchEmail(ctx);
}

main().then(
  () => process.exit(0),
  (e) => {
    emit('fatal', { ok: false, error: errorInfo(e) });
    process.exit(1);
  });
