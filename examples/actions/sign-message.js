// Signs keccak256(message) with the PKP whose public key is publicKey.
// jsParams: { "message": "...", "publicKey": "0x04…" }
// Publish it, permit it on the PKP, and run it:
//   flint action publish examples/actions/sign-message.js
//   flint pkp grant --pubkey 0x04… --action Qm… --scope 1
//   flint action run --cid Qm… --params '{"message":"hi","publicKey":"0x04…"}'
(async () => {
  console.log("signing", message);
  const toSign = ethers.utils.arrayify(ethers.utils.keccak256(ethers.utils.toUtf8Bytes(message)));
  await Lit.Actions.signEcdsa({ toSign, publicKey, sigName: "sig" });
  Lit.Actions.setResponse({ response: JSON.stringify({ signed: message }) });
})();
