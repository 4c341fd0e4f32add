// Background turns spawn dist/supervisor-main.js, so tests of src would silently exercise
// an older supervisor when dist is stale. Refuse to run instead.
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

module.exports = async function checkSupervisorBuild() {
  const root = path.join(__dirname, '..');
  const supervisor = path.join(root, 'dist', 'supervisor-main.js');
  const built = fs.existsSync(supervisor) ? fs.statSync(supervisor).mtimeMs : 0;
  if (built < newestMtime(path.join(root, 'src'))) {
    throw new Error('packages/launcher/dist is missing or older than src; run `npx tsup` in packages/launcher first (the supervisor runs from dist).');
  }
};
