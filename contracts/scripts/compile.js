#!/usr/bin/env node
// Compiles every contract under src/main/solidity with the pinned solc-js (no compiler download) and writes
// <Contract>.abi / <Contract>.bin for each deployable contract into the output directory (argument 1).
// Imports such as "@openzeppelin/contracts/..." resolve from this folder's node_modules.
'use strict';
const fs = require('fs');
const path = require('path');
const solc = require('solc');

const root = path.resolve(__dirname, '..');
const srcDir = path.join(root, 'src', 'main', 'solidity');
const outDir = path.resolve(process.argv[2] || path.join(root, 'target', 'generated-resources', 'solidity'));
// Cancun: transient storage (cheap reentrancy guard) and MCOPY. Anvil 1.7 runs later forks; BSC has had
// Cancun since its Tycho hard fork (2024). Pinned so the bytecode does not drift with the compiler default.
const EVM_VERSION = 'cancun';

function listSources(dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return listSources(p);
    return e.name.endsWith('.sol') ? [p] : [];
  });
}

const sources = {};
for (const file of listSources(srcDir)) {
  sources[path.relative(srcDir, file).split(path.sep).join('/')] = { content: fs.readFileSync(file, 'utf8') };
}

const input = {
  language: 'Solidity',
  sources,
  settings: {
    evmVersion: EVM_VERSION,
    optimizer: { enabled: true, runs: 1000000 },
    outputSelection: { '*': { '*': ['abi', 'evm.bytecode.object'] } },
  },
};

// every imported source, for the block explorer's "Standard-JSON-Input" verification (docs/deploy.md)
const imported = {};

function findImports(importPath) {
  const candidates = [path.join(root, 'node_modules', importPath), path.join(srcDir, importPath)];
  for (const c of candidates) {
    if (fs.existsSync(c)) {
      imported[importPath] = { content: fs.readFileSync(c, 'utf8') };
      return { contents: imported[importPath].content };
    }
  }
  return { error: 'File not found: ' + importPath };
}

const output = JSON.parse(solc.compile(JSON.stringify(input), { import: findImports }));
const errors = (output.errors || []).filter((e) => e.severity === 'error');
// Warnings about the pinned library itself (e.g. OpenZeppelin's transient-storage notice) are noise here.
const ours = (e) => !(e.sourceLocation && e.sourceLocation.file && e.sourceLocation.file.startsWith('@'));
for (const e of output.errors || []) if (e.severity === 'error' || ours(e)) console.error(e.formattedMessage);
if (errors.length > 0) {
  console.error(`solc ${solc.version()}: ${errors.length} error(s)`);
  process.exit(1);
}

fs.mkdirSync(outDir, { recursive: true });
let written = 0;
for (const [file, contracts] of Object.entries(output.contracts)) {
  if (!Object.prototype.hasOwnProperty.call(sources, file)) continue; // library sources: no wrappers
  for (const [name, c] of Object.entries(contracts)) {
    const bin = c.evm.bytecode.object;
    if (!bin) continue; // interfaces and abstract contracts
    fs.writeFileSync(path.join(outDir, name + '.abi'), JSON.stringify(c.abi));
    fs.writeFileSync(path.join(outDir, name + '.bin'), bin);
    console.log(`compiled ${name}: ${bin.length / 2} bytes (solc ${solc.version()}, evm ${EVM_VERSION})`);
    written++;
  }
}
// the exact compiler input with every source inlined: what a block explorer needs to verify the deployed code
// (outside the resources, so it is not packaged into the jar)
const verification = path.join(root, 'target', 'verification');
fs.mkdirSync(verification, { recursive: true });
fs.writeFileSync(path.join(verification, 'standard-input.json'), JSON.stringify({
  language: input.language,
  sources: Object.assign({}, sources, imported),
  settings: Object.assign({}, input.settings, { outputSelection: { '*': { '*': ['abi', 'evm.bytecode', 'evm.deployedBytecode', 'metadata'] } } }),
}));
fs.writeFileSync(path.join(verification, 'compiler.txt'), 'v' + solc.version() + '\n');

if (written === 0) {
  console.error('no contract compiled');
  process.exit(1);
}
