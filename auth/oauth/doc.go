// Package oauth verifies Lit's OAuth access-token auth methods by asking the
// provider who the token belongs to: type 4 (Discord) and type 5 (Google
// OAuth access token). Verify answers the user id and the app (OAuth client)
// id; the caller hashes them into the on-chain auth method id
// keccak256("<userId>:<appId>") as for every other auth method type.
//
// The providers are asked exactly as Lit's nodes asked them:
//
//   - Discord: GET <DiscordAPI>/oauth2/@me with "Authorization: Bearer
//     <token>"; userId is the answer's user.id, appId its application.id.
//     The token needs Discord's "identify" scope, or the answer has no user.
//   - Google: GET <GoogleAPI>/oauth2/v1/tokeninfo?access_token=<token>;
//     userId is the answer's user_id, appId its issued_to (the OAuth client
//     id the token was issued to), and expires_in must be positive.
//
// Nothing is called unless the node operator configures the provider's base
// URL (DefaultDiscordAPI and DefaultGoogleAPI are the real ones); a type
// whose provider is not configured is refused with ErrNotConfigured, so a
// node never reaches out to a third party it was not told to trust. The
// operator also lists the client ids it accepts: a token issued to any other
// app is refused with ErrWrongClient (the app id is part of the auth method
// id, so such a token could not match a permitted method anyway; refusing it
// early saves a chain read and says why).
//
// Threat model: the access token is attacker controlled and is a bearer
// credential. It is checked for length and for RFC 6750's token characters
// before it goes anywhere (so it cannot smuggle a header line or a query
// parameter), is sent only to the configured base URL (redirects are not
// followed, so it cannot be bounced to another host), and never appears in
// an error; this package logs nothing. Every provider call carries the
// caller's context and a timeout, and every answer is read through a size
// limit. The provider itself is trusted: what it says about the token is
// the verification.
package oauth
