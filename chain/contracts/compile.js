// Compiles the contracts under src/ with the pinned solc (npm "solc", solcjs) through its standard-JSON API.
//
//   node compile.js OUTDIR COMBINED_JSON
//
// writes OUTDIR/<Contract>.abi.json and OUTDIR/<Contract>.bin for every deployable contract, and
// COMBINED_JSON in the shape of `solc --combined-json abi,bin` for abigen. Fails on any compiler error.
'use strict';

const fs = require('fs');
const path = require('path');
const solc = require('solc');

const CONTRACTS = ['Staking', 'PubkeyRouter', 'PKPNFT', 'PKPPermissions', 'PKPHelper', 'DemoNFT'];

function main() {
  const [outDir, combinedPath] = process.argv.slice(2);
  if (!outDir || !combinedPath) {
    console.error('usage: node compile.js OUTDIR COMBINED_JSON');
    process.exit(2);
  }
  const srcDir = path.join(__dirname, 'src');
  const sources = {};
  for (const f of fs.readdirSync(srcDir).filter((f) => f.endsWith('.sol')).sort()) {
    sources[`src/${f}`] = { content: fs.readFileSync(path.join(srcDir, f), 'utf8') };
  }
  const input = {
    language: 'Solidity',
    sources,
    settings: {
      // cancun: what current EVM chains run; the dev chain runs every later fork too.
      evmVersion: 'cancun',
      optimizer: { enabled: true, runs: 200 },
      // No metadata hash: the bytecode then depends only on the sources and these settings.
      metadata: { bytecodeHash: 'none', appendCBOR: false },
      outputSelection: { '*': { '*': ['abi', 'evm.bytecode.object'] } },
    },
  };

  // Imports of "@openzeppelin/..." resolve in node_modules, pinned by package-lock.json.
  function findImports(importPath) {
    const file = path.join(__dirname, 'node_modules', importPath);
    if (!importPath.startsWith('@openzeppelin/contracts/') || !fs.existsSync(file)) {
      return { error: `import not found: ${importPath}` };
    }
    return { contents: fs.readFileSync(file, 'utf8') };
  }

  const output = JSON.parse(solc.compile(JSON.stringify(input), { import: findImports }));
  const errors = (output.errors || []).filter((e) => e.severity === 'error');
  // Warnings inside OpenZeppelin are not ours to fix; show those about our own sources.
  for (const e of output.errors || []) {
    const file = e.sourceLocation && e.sourceLocation.file;
    if (e.severity === 'error' || !file || file.startsWith('src/')) {
      console.error(e.formattedMessage);
    }
  }
  if (errors.length > 0) {
    process.exit(1);
  }

  fs.mkdirSync(outDir, { recursive: true });
  const combined = { contracts: {}, version: solc.version() };
  for (const name of CONTRACTS) {
    const unit = `src/${name}.sol`;
    const c = output.contracts[unit] && output.contracts[unit][name];
    if (!c || !c.evm.bytecode.object) {
      console.error(`no bytecode for ${unit}:${name}`);
      process.exit(1);
    }
    fs.writeFileSync(path.join(outDir, `${name}.abi.json`), JSON.stringify(c.abi, null, 2) + '\n');
    fs.writeFileSync(path.join(outDir, `${name}.bin`), c.evm.bytecode.object + '\n');
    combined.contracts[`${unit}:${name}`] = { abi: c.abi, bin: c.evm.bytecode.object };
  }
  fs.writeFileSync(combinedPath, JSON.stringify(combined));
  console.log(`compiled ${CONTRACTS.join(', ')} with solc ${solc.version()}`);
}

main();
