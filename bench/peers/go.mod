module github.com/flint-network/flint/bench/peers

go 1.26.8

replace github.com/flint-network/flint => ../..

require (
	github.com/decred/dcrd/dcrec/secp256k1/v4 v4.4.0
	github.com/ethereum/go-ethereum v1.17.10
	github.com/flint-network/flint v0.0.0-00010101000000-000000000000
	github.com/taurusgroup/multi-party-sig v0.7.0-alpha-2025-01-28
)

require (
	github.com/ProjectZKM/Ziren/crates/go-runtime/zkvm_runtime v0.0.0-20251001021608-1fe7b43fc4d6 // indirect
	github.com/bits-and-blooms/bitset v1.25.0 // indirect
	github.com/consensys/gnark-crypto v0.22.0 // indirect
	github.com/cronokirby/saferith v0.33.0 // indirect
	github.com/fxamacker/cbor/v2 v2.9.4 // indirect
	github.com/holiman/uint256 v1.3.2 // indirect
	github.com/klauspost/cpuid/v2 v2.3.0 // indirect
	github.com/x448/float16 v0.8.4 // indirect
	github.com/zeebo/blake3 v0.2.3 // indirect
	golang.org/x/sys v0.49.0 // indirect
)
