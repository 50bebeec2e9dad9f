// Package webauthn verifies the WebAuthn assertion that Lit's SDK sends as the
// accessToken of a WebAuthn auth method (type 3) and says who it proves: the
// credential's user id and the auth method id Lit computes from it.
//
// The SDK's WebAuthnProvider.authenticate asks the browser for an assertion
// (navigator.credentials.get through @simplewebauthn/browser) whose challenge
// is the 32-byte hash of the latest block, base64url without padding, with rpId
// the host of the page's origin and userVerification "required", and sends
//
//	accessToken = JSON.stringify({
//	  id, rawId,                 // base64url credential id (id == rawId)
//	  type: "public-key",
//	  response: {clientDataJSON, authenticatorData, signature, userHandle?},
//	  clientExtensionResults, authenticatorAttachment?,
//	})
//
// with every binary field base64url (userHandle base64url-encoded once more by
// the SDK). The auth method id is keccak256("<rawId>:lit") over the rawId
// string exactly as sent (not its decoded bytes), and the credential's COSE
// public key is the one registered with the auth method on chain
// (PKPPermissions keeps it beside the id).
//
// Verification follows WebAuthn §7.2 with github.com/go-webauthn/webauthn:
// clientDataJSON type "webauthn.get"; its challenge a recent block hash (the
// caller's predicate decides what is recent, so a captured assertion expires
// with its block), or that hash followed by a 32-byte session key, which
// Result.SessionKey returns so the caller can take the assertion for that
// session only (every node sees it); origin in the configured list, or any https origin when the
// list is empty, as Lit's network serves every app; the authenticator data's
// rpIdHash equal to sha256 of the rpId (the configured one, else the origin's
// host, as the SDK chooses it); the user-present flag set (user-verified too
// when configured); and the signature over authenticatorData ‖
// sha256(clientDataJSON) by the registered key (ES256 or RS256 COSE keys).
//
// Sign counts are returned, not checked: nodes keep no per-credential state
// and many passkeys (synced ones) always report 0. Replay is bounded by the
// recent-challenge window instead; a caller that keeps counters can compare
// Result.SignCount itself.
//
// Threat model: everything in the accessToken is attacker controlled. Every
// field has a size bound checked before decoding, and every refusal wraps one
// sentinel *Error with a stable Code.
package webauthn
