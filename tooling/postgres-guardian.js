// Removes a test PostgreSQL cluster once the process that started it is gone (see
// startGuardian in postgres-cluster.js). Runs detached, in a session of its own, so a
// Ctrl-C that ends the test run does not end it too.
const { removeCluster } = require('./postgres-cluster');

const spec = JSON.parse(process.argv[2]);
process.on('SIGINT', () => {});
process.on('SIGHUP', () => {});
process.stdin.on('error', () => {});
process.stdin.on('close', () => removeCluster(spec));
process.stdin.resume();
