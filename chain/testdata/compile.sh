#!/usr/bin/env bash
# Compiles the test-only contracts here with the solc pinned in chain/contracts (run chain/gen.sh once first,
# or `npm ci` in chain/contracts). Output: <Contract>.bin (hex) and <Contract>.abi.json.
set -euo pipefail
cd "$(dirname "$0")"
NODE_PATH=../contracts/node_modules node -e '
const fs = require("fs"), solc = require("solc");
const src = "MintAndHandOver.sol";
const input = {language: "Solidity", sources: {[src]: {content: fs.readFileSync(src, "utf8")}},
  settings: {evmVersion: "cancun", optimizer: {enabled: true, runs: 200},
    metadata: {bytecodeHash: "none", appendCBOR: false},
    outputSelection: {"*": {"*": ["abi", "evm.bytecode.object"]}}}};
const out = JSON.parse(solc.compile(JSON.stringify(input)));
for (const e of out.errors || []) console.error(e.formattedMessage);
if ((out.errors || []).some((e) => e.severity === "error")) process.exit(1);
const c = out.contracts[src].MintAndHandOver;
fs.writeFileSync("MintAndHandOver.bin", c.evm.bytecode.object + "\n");
fs.writeFileSync("MintAndHandOver.abi.json", JSON.stringify(c.abi) + "\n");
'
