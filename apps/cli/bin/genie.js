#!/usr/bin/env node
'use strict';
const { enableCompileCache } = require('node:module');

// Node 22.1+ keeps the code it compiles on disk and reuses it on the next start; older
// Nodes just compile as usual. (NODE_DISABLE_COMPILE_CACHE turns it off.)
if (typeof enableCompileCache === 'function') enableCompileCache();
require('../dist/cli.js');
