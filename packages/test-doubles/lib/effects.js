'use strict';
const fs = require('node:fs');
const { spawn } = require('node:child_process');

/** Appends this invocation's argv to $GENIE_DOUBLE_ARGV_LOG (JSONL) so tests can assert it. */
function logArgv(binary, argv) {
  const file = process.env.GENIE_DOUBLE_ARGV_LOG;
  if (!file) return;
  const record = { binary, argv, cwd: process.cwd(), pid: process.pid, time: new Date().toISOString() };
  fs.appendFileSync(file, `${JSON.stringify(record)}\n`);
}

function sleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * Starts a process that leaves our process group and session (like an agent's tool
 * that daemonizes), so only a stop that tracks descendants can reap it.
 */
function spawnGrandchild() {
  const child = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1 << 30)'], {
    detached: true,
    stdio: 'ignore',
  });
  child.unref();
  process.stderr.write(`grandchild ${child.pid}\n`);
  return child.pid;
}

/** The real claude sometimes never exits after its final event; this reproduces it. */
function hangForever() {
  setInterval(() => {}, 1 << 30);
  return new Promise(() => {});
}

function crash() {
  process.kill(process.pid, 'SIGKILL');
  return hangForever();
}

/** Writes one line to stdout and waits until it is flushed, so a crash cannot lose it. */
function emitLine(value) {
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return new Promise((resolve) => process.stdout.write(`${text}\n`, () => resolve()));
}

/** Exits once stdout and stderr are flushed. */
function exitWith(code) {
  process.stdout.write('', () => process.stderr.write('', () => process.exit(code)));
}

/** Reads all of stdin (the CLIs take the prompt from stdin when argv has none). */
async function readStdin() {
  if (process.stdin.isTTY) return '';
  const chunks = [];
  for await (const chunk of process.stdin) chunks.push(chunk);
  return Buffer.concat(chunks).toString('utf8');
}

module.exports = { logArgv, sleep, spawnGrandchild, hangForever, crash, emitLine, exitWith, readStdin };
