// Signs keccak256(message) with the PKP whose public key is publicKey.
(async () => {
  console.log("signing", message);
  const toSign = ethers.utils.arrayify(ethers.utils.keccak256(ethers.utils.toUtf8Bytes(message)));
  await Lit.Actions.signEcdsa({ toSign, publicKey, sigName: "sig" });
  Lit.Actions.setResponse({ response: JSON.stringify({ signed: message }) });
})();
