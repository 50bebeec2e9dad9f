// Package authmethod turns a Lit auth method {authMethodType, accessToken}
// into a verified identity: the type, the user id, the app id and the
// on-chain auth method id keccak256("<userId>:<appId>") that PKPPermissions
// stores, or an error carrying a stable code.
//
// Resolver dispatches on the type: 1 EthWallet (a wallet AuthSig over a SIWE
// message whose nonce is a recent block hash, EOA or EIP-1271, checked by
// package auth; id keccak256("<EIP-55 address>:lit")), 3 WebAuthn (an
// assertion over a recent block hash, checked by package auth/webauthn
// against the public key registered on chain; id keccak256("<rawId>:lit")),
// 4 and 5 OAuth access tokens (through an OAuthVerifier the node hands in),
// and the JWT types below (through Verifier). 2 Lit Action is refused: it
// is proven by running the Action, which the session-signing endpoint does.
//
// Verifier covers the ID-token (JWT) types:
//
//   - 6 Google JWT and 8 Apple JWT: userId is the token's sub, appId its
//     single aud (the OAuth client id); the id hashes them as they are.
//   - 9 Stytch session JWT: userId is sub, appId the first aud (the Stytch
//     project id); both are lower-cased before hashing, as Lit's SDK does.
//   - 10–13 Stytch factor JWTs (email OTP, SMS OTP, WhatsApp OTP, TOTP):
//     userId is the factor found in the token's "https://stytch.com/session"
//     claim (email address, phone number, phone number, TOTP id), appId the
//     first aud; both lower-cased.
//
// A token is accepted only if it is signed with RS256 or ES256 by a key of
// the JWKS configured for its issuer (none, HS* and everything else are
// refused before any key is looked at, which closes the "public key used as
// HMAC secret" confusion), its iss is an issuer configured for the auth
// method type, its aud is one of that issuer's audiences, and exp, nbf and
// iat hold within a small skew. Keys come from a file or an http(s) URL,
// are cached for a TTL, and an unknown kid triggers at most one refetch per
// RefetchInterval so that a flood of forged kids cannot turn the node into
// a request amplifier against the issuer. If a refresh fails after the TTL,
// the last good keys stay in use (an issuer outage does not lock users out)
// and the refresh is retried once per RefetchInterval. Replay within a
// token's lifetime is the caller's to stop, through Options.CheckNonce.
//
// Threat model: the access token is attacker controlled. Nothing in it is
// trusted before the signature verifies, except the header's kid, which is
// only used to choose among keys the operator configured. Every bound
// (token size, JWKS size, fetch time) is enforced and named in its error.
package authmethod
