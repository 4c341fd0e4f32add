// The end-to-end tests spawn dist/bin.js, so with a stale dist they would silently test
// older code than src. Refuse to run instead.
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

module.exports = async function checkServerBuild() {
  const root = path.join(__dirname, '..');
  const bin = path.join(root, 'dist', 'bin.js');
  const built = fs.existsSync(bin) ? fs.statSync(bin).mtimeMs : 0;
  if (built < newestMtime(path.join(root, 'src'))) {
    throw new Error('apps/mcp/dist is missing or older than src; run `npx tsup` in apps/mcp first (the end-to-end tests spawn dist/bin.js).');
  }
};
