// Package auth decides who is asking: it verifies the authSig a Lit client
// sends with every request and returns the Ethereum account behind it.
//
// Two kinds arrive, both as the JSON {sig, derivedVia, signedMessage,
// address[, algo]}:
//
//   - A session signature (derivedVia "litSessionSignViaNacl"): the client
//     holds an ed25519 session key and signs, for each node, the JSON
//     {sessionKey, resourceAbilityRequests, capabilities, issuedAt,
//     expiration, nodeAddress}. The capability that binds the key is a
//     wallet AuthSig over a SIWE message with URI "lit:session:<session
//     key>" whose ReCap (EIP-5573, "urn:recap:…") grants resources and
//     abilities, e.g. Threshold/Signing on lit-pkp://*. The session acts for
//     the wallet, within that grant, on the one node it names, until it
//     expires: a node cannot replay it at another.
//   - A wallet AuthSig: signedMessage is a Sign-In with Ethereum message
//     (EIP-4361) and sig the wallet's EIP-191 personal_sign signature of it
//     (or, for a contract wallet, a signature its EIP-1271
//     isValidSignature accepts). It is valid at every node, so it is
//     accepted only under a WalletPolicy: a ReCap naming exactly the
//     request's resource, a recent nonce, a short lifetime.
//
// Verify is the single entry point; it never reads the clock (Options.Now)
// and every error wraps one sentinel with a stable Code, so a node maps
// failures to its error responses without parsing text.
//
// Threat model: the caller is untrusted. Everything in the JSON is attacker
// controlled except what a signature covers; parsers are strict (EIP-4361's
// ABNF, EIP-5573's schema) so that what is verified is what was shown to the
// wallet's owner, and a session signature is bound to one node so that a node
// cannot replay it to another. A session capability's nonce is not checked
// (the SDK caches the wallet's grant for its lifetime); a wallet AuthSig's
// is, through WalletPolicy.RecentNonce.
package auth
