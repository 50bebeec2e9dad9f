// Package dkg generates and reshares the network's BLS key: drand/kyber's
// share/dkg (Pedersen DKG with complaints and justifications, on kyber-bls12381's
// G1) wrapped as mpc.Party state machines. A fresh DKG among nodes 1..n gives each
// a bls.KeyShare of a key nobody knows, shared with a polynomial of degree q−1
// (q = 2t+1 by default); a resharing hands the same key to a new node set, with a
// new polynomial and threshold, keeping the public key.
//
// Keys. kyber encrypts each deal to its recipient and signs every packet, so it
// needs every participant's long-term public key up front. Flint takes them in
// the Config: each node keeps an Identity (persisted like its key share) and
// publishes its public half with its registration, so every node starts from the
// same list. Announcing per-session keys in a first round was the alternative;
// it was not chosen because a node could announce different keys to different
// peers, and nodes that disagree on the key list cannot even agree on whose
// packets are valid. Node indices name nodes across epochs: a node in both the
// old and the new set keeps its index and its Identity.
//
// Rounds. Every message is broadcast (mpc.Broadcast) and is one packet signed by
// its origin with its Identity:
//
//  1. deals — each dealer (every node; in a resharing, the old nodes) sends its
//     commitments and one encrypted share per holder;
//  2. responses — each holder lists its complaints (possibly none);
//  3. justifications — each dealer that stays reveals the shares complained of
//     (possibly none); skipped by kyber when there was no complaint;
//  4. confirmations — each holder signs a digest of (session, public polynomial,
//     qualified set); a node finishes once ⌊(n+t)/2⌋+1 holders, and at least q,
//     confirmed the same digest as its own.
//
// kyber assumes a broadcast channel; Flint's transport is point to point. So
// every node relays each new packet to all others once, and a round closes early
// only when every origin's packet has been received from every relayer: a
// packet seen by one honest node reaches all of them before the round's deadline,
// and a dealer that signs two different packets for one round is caught by
// every honest node (Handle reports it as a *mpc.FaultError naming the dealer)
// and excluded. Rounds otherwise close at their deadline: Expire's k-th call is
// the deadline of round k on a schedule common to all nodes (the daemon calls it
// every period from an agreed start, as drand's TimePhaser does).
//
// What this gives, with at most t = ⌊(n−1)/3⌋ faulty nodes and messages that
// arrive within a period: all honest nodes finish with the same public
// polynomial and qualified set; a dealer whose deal does not match its
// commitments and who does not justify it, or who equivocates, is excluded;
// t silent or faulty nodes do not stop the others. Without a broadcast channel no
// protocol of this shape can fully stop a faulty dealer and a faulty relay that
// show an equivocation to only some honest nodes at a deadline; the confirmation
// round turns that into a clean failure (ErrNoAgreement) at the nodes left in the
// minority, rather than a silently different key, and no two different results
// can both be confirmed.
//
// Known limit of kyber v1.3.2: a dealer that is not in the new set cannot
// process responses (kyber refuses), so it stops after dealing and cannot
// justify; its deal counts only if no holder complains about it.
package dkg
