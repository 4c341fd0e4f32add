// Runs every bench/*.bench.{js,ts} file of this package in turn, each in its own node
// process (TypeScript compiled on the fly by SWC), so figures don't disturb each other.
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const only = process.argv[2];
const files = fs
  .readdirSync(__dirname)
  .filter((name) => /\.bench\.(js|ts)$/.test(name) && (!only || name.includes(only)))
  .sort();

let failed = 0;
for (const name of files) {
  process.stdout.write(`\n# ${name}\n`);
  const result = spawnSync(process.execPath, ['--require', path.join(__dirname, 'swc-register.js'), path.join(__dirname, name)], {
    stdio: 'inherit',
  });
  if (result.status !== 0) failed += 1;
}
process.exitCode = failed > 0 ? 1 : 0;
