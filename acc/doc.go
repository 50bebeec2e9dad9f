// Package acc parses, hashes and evaluates Lit access-control conditions: the rules that decide who may
// obtain the network's decryption share for a ciphertext.
//
// # Format
//
// Conditions come in four kinds, named by the request field that carries them: accessControlConditions
// (EVM basic), evmContractConditions, solRpcConditions and unifiedAccessControlConditions (any of the
// others, each tagged with conditionType evmBasic, evmContract, solRpc or cosmos; the SDK strips the tag
// before sending, so an untagged unified condition is recognised by its fields). A list alternates
// conditions and operators, {"operator": "and"} or {"operator": "or"}; a nested array is a group. As in
// Lit's node, a list is read from left to right without precedence (a or b and c means (a or b) and c),
// and an EVM basic list with no operator anywhere ANDs its top-level items (Lit's legacy form).
//
// # Hash
//
// A ciphertext's identity names sha256 of JSON.stringify of the canonical form of its conditions, as the
// Lit JS SDK (v7, access-control-conditions canonicalFormatter.ts and hashing.ts) computes it: per kind a
// fixed set of fields in a fixed order, operators reduced to {"operator"}, groups kept as arrays. Hash
// reproduces those bytes exactly; testdata/vectors.json, made by the SDK's own package, proves it.
//
// # Evaluation
//
// Evaluate checks conditions for one caller against EVM chains reached through the small Chain interface
// (an *ethclient.Client is one), reading every chain at one block per evaluation, and runs LitAction
// conditions through an ActionRunner. The threat is a caller who does not meet the conditions obtaining a
// decryption share: so everything that is not understood is an error, never a pass; a condition that is
// not met makes a Result that says which condition failed and why. Solana and Cosmos conditions parse and
// hash but are refused at evaluation (no such chains are configured).
//
// Bounds on untrusted input: MaxInputBytes, MaxConditions, MaxGroupDepth, MaxStringBytes.
package acc
