#!/usr/bin/env bash
# Regenerates the committed contract artifacts from chain/contracts/src:
#   chain/contracts/build/<Contract>.abi.json and .bin  (solc, from npm, pinned in package-lock.json)
#   chain/bindings/bindings.go                          (abigen --v2, at go.mod's go-ethereum version)
# Needs node/npm and Go; `go build` itself never needs them.
set -euo pipefail
cd "$(dirname "$0")"

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

(cd contracts && npm ci --no-audit --no-fund --loglevel=error)
rm -rf contracts/build
node contracts/compile.js contracts/build "$tmp/combined.json"

geth_version=$(cd .. && go list -m -f '{{.Version}}' github.com/ethereum/go-ethereum)
go run "github.com/ethereum/go-ethereum/cmd/abigen@${geth_version}" \
	--v2 --combined-json "$tmp/combined.json" --pkg bindings --out bindings/bindings.go
echo "generated bindings with abigen ${geth_version}"
