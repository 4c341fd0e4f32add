// Tests that spawn a package's built output (a supervisor, a CLI, a server, fixture
// processes) would silently exercise older code than src when dist is stale. A jest
// globalSetup calls this to refuse to run instead.
const fs = require('node:fs');
const path = require('node:path');

function newestMtime(dir) {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    const mtime = entry.isDirectory() ? newestMtime(full) : fs.statSync(full).mtimeMs;
    newest = Math.max(newest, mtime);
  }
  return newest;
}

/**
 * Throws unless `distFile` (relative to `packageDir`) exists and is newer than every
 * file under `packageDir/src`, and under the `src` of every directory in `bundledFrom`
 * (packages whose sources the build inlines).
 * @param {string} packageDir
 * @param {string} distFile
 * @param {string[]} [bundledFrom]
 */
function assertFreshBuild(packageDir, distFile, bundledFrom = []) {
  const built = path.join(packageDir, distFile);
  const builtAt = fs.existsSync(built) ? fs.statSync(built).mtimeMs : 0;
  const newestSource = Math.max(...[packageDir, ...bundledFrom].map((dir) => newestMtime(path.join(dir, 'src'))));
  if (builtAt < newestSource) {
    const name = path.relative(path.resolve(__dirname, '..'), packageDir);
    throw new Error(`${name}/${distFile} is missing or older than the sources it is built from; run \`npx tsup\` in ${name} first (its tests run the built code).`);
  }
}

module.exports = { assertFreshBuild };
