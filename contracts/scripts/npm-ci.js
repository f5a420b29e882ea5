#!/usr/bin/env node
// Runs `npm ci` unless node_modules was installed by `npm ci` from this exact package-lock.json on this
// platform (a stamp file records the lock's hash). Delete node_modules to force a reinstall.
'use strict';
const crypto = require('crypto');
const fs = require('fs');
const path = require('path');
const { spawnSync } = require('child_process');

const root = path.resolve(__dirname, '..');
const npm = process.argv[2] || 'npm';
const stamp = path.join(root, 'node_modules', '.picktartup-lock.sha256');
const hash = crypto.createHash('sha256')
  .update(fs.readFileSync(path.join(root, 'package-lock.json')))
  .update(`${process.platform}-${process.arch}-${process.versions.node}`)
  .digest('hex');

if (fs.existsSync(stamp) && fs.readFileSync(stamp, 'utf8') === hash) {
  console.log('node_modules matches package-lock.json: npm ci skipped');
  process.exit(0);
}
const result = spawnSync(npm, ['ci', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: root, stdio: 'inherit' });
if (result.error) {
  console.error(`cannot run ${npm}: ${result.error.message}`);
  process.exit(1);
}
if (result.status !== 0) process.exit(result.status === null ? 1 : result.status);
fs.writeFileSync(stamp, hash);
