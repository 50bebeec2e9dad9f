// Package peer is the authenticated, encrypted transport between Flint nodes:
// mutual TLS 1.3 over HTTP/2, each side pinning the other's ed25519 transport
// key as the on-chain registry lists it.
//
// Identity. Every node makes a self-signed X.509 certificate from its ed25519
// transport key when it starts; there is no certificate authority. A TLS 1.3
// handshake proves that each side holds the private key of the certificate it
// shows, so the certificate is only a carrier for the key: the chain, names
// and dates are not checked. Instead the dialling side requires the key that
// the Directory lists for the node it dials, and the listening side requires a
// key the Directory knows and takes the sender's index from it. A handler
// learns who sent a message from the TLS connection, never from anything in
// the message. Unknown keys are refused during the handshake.
//
// Wire. A message is POST /peer/v1/<kind> with the body as raw bytes; kind is
// a short token ([a-z0-9-]{1,32}). The reply is the handler's bytes (200) or a
// status with a short error text: 400 bad kind, 403 unknown sender, 404
// unknown kind or path, 413 body over the limit, 422 the handler refused the
// message, 503 the handler is unavailable (try again), 500 the handler failed.
// POST /peer/ping answers 204 and measures round trips. These routes live on
// their own listener: nothing here is reachable as a client API route.
//
// Delivery. Call is one request and its reply. Send delivers a one-way
// message at least once: it retries transport failures and 5xx answers with
// capped exponential backoff until its context ends, and stops at the first
// 4xx (the peer refused the message, resending would not change that).
// Handlers must therefore tolerate duplicates. Calls to the node itself go
// straight to the handler. Each peer gets one pooled HTTP/2 connection.
//
// Health. A light background ping and the outcome of real traffic feed
// Transport.Health and, when a prometheus.Registerer is given, gauges and
// counters.
package peer
