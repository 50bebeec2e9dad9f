// Package tecdsa is Flint's threshold ECDSA over secp256k1: an
// honest-majority protocol after Damgård et al. (eprint 2020/501) with
// Groth–Shoup re-randomised presignatures, specified in
// docs/threshold-ecdsa.md. It knows nothing of networks, storage or JSON:
// every protocol is a pure state machine (crypto/mpc.Party) that the node
// drives over its peer transport and the tests drive in one goroutine.
//
// # Protocol map
//
//   - DKG (dkg.go, deal.go): the ten root keys x_0..x_9, Shamir-shared with
//     degree t and Feldman-committed. Every party deals; complaints are
//     answered in public; the leader proposes the qualified dealers D; every
//     party checks |D| ≥ n − t and its own shares itself, then confirms the
//     decision's digest and accepts the keys after n − t matching
//     confirmations.
//   - Resharing and refresh (reshare.go): the same keys handed from an old
//     committee (n, t) to a new one (n', t'). Old nodes deal degree-t'
//     sharings of their shares; every party checks that each dealer's
//     constant terms are its public shares (so the key cannot move), the
//     leader's qualified set (|D| ≥ t+1) is checked by everyone and confirmed
//     by n − t old and n' − t' new parties; a new node persists its share
//     before it confirms (ReshareStep: persist, then send).
//   - Derivation (crypto/hd): a PKP key is Σ s^j·x_j for s hashed from its key
//     id; every node derives its share locally.
//   - Presign (presign.go): batches of presignatures, dealt like the DKG (k, a
//     and two committed zero-sharings per presignature), confirmed, then
//     opened: every party broadcasts w_i = a_i·k_i + z^w_i with a proof
//     (proof.go) that is verified for the whole batch at once. Stored:
//     Presignature (R, w, a_i, z^b_i); k is never reconstructed.
//   - Binding (binding.go): which request a presignature serves, and the
//     rules every node applies so that one presignature never signs twice —
//     the node's signing coordination (node/signing) adds the endorsements.
//   - Sign (sign.go): one node's share σ_i for one bound request, with no
//     round between nodes.
//   - Combine (combine.go): the client's side: interpolate plain shares or add
//     Lit-weighted ones, and verify.
//
// # Trust model
//
// n parties, n ≥ 3t+1 (Params refuses anything else), of which up to t may
// be corrupt: lying, equivocating, silent, colluding, and acting as clients
// of their own PKPs. t of them learn nothing about any key or nonce and
// cannot sign. Against them every party checks every value it uses on its
// own — shares against commitments, the leader's decision against its own
// view, openings against their proofs — and names (mpc.FaultError) only the
// sender of a value that fails, so an honest party is never named. Blame
// takes time linear in n. t+1 colluding parties break the secrecy of the
// ECDSA keys.
//
// # Constant time
//
// Secret-dependent arithmetic — polynomial evaluation, share sums, the
// products a_i·k_i and a_i·x'_i, σ_i — uses decred's constant-time scalar
// operations. Point multiplications are variable-time: base-point
// multiplications of secret coefficients while dealing (secp.BatchBaseMult),
// of the proof nonces, and δ·R while signing (δ is public). Batch checks and
// interpolation work on public values only. A node's timing may therefore
// leak about its own dealing randomness to a co-located attacker; the
// deployment model is one node per machine.
package tecdsa
