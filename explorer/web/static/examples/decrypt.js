// Decrypts, inside the Action, a ciphertext whose conditions let this Action read it
// (encrypt it on the Decrypt page with conditions on :currentActionIpfsId).
(async () => {
  const text = await Lit.Actions.decryptAndCombine({
    accessControlConditions, ciphertext, dataToEncryptHash, authSig: null, chain: "ethereum",
  });
  Lit.Actions.setResponse({ response: "decrypted: " + text });
})();
