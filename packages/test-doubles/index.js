'use strict';
const path = require('node:path');

const binDir = path.join(__dirname, 'bin');

module.exports = {
  /** Directory holding `claude` and `codex`; prepend it to PATH to make them the real thing. */
  binDir,
  claudePath: path.join(binDir, 'claude'),
  codexPath: path.join(binDir, 'codex'),
};
