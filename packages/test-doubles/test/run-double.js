'use strict';
const { spawn, spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

/** A fresh temp world: a project dir plus config homes for both CLIs. */
function makeWorld(prefix) {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  const cwd = path.join(root, 'my project');
  fs.mkdirSync(cwd);
  const env = {
    ...process.env,
    CLAUDE_CONFIG_DIR: path.join(root, 'claude'),
    CODEX_HOME: path.join(root, 'codex'),
    GENIE_DOUBLE_ARGV_LOG: path.join(root, 'argv.jsonl'),
  };
  return { root, cwd, env, cleanup: () => fs.rmSync(root, { recursive: true, force: true }) };
}

/** Runs a double to completion; stdin is empty, as under the supervisor. */
function runSync(bin, args, world, cwd = world.cwd, input = undefined) {
  const stdio = [input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'];
  const result = spawnSync(bin, args, { cwd, env: world.env, encoding: 'utf8', stdio, ...(input === undefined ? {} : { input }) });
  return {
    status: result.status,
    signal: result.signal,
    stdout: result.stdout,
    stderr: result.stderr,
    events: result.stdout
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line)),
  };
}

/** Starts a double and resolves once a stdout line satisfies `until`. */
function startUntil(bin, args, world, until) {
  const child = spawn(bin, args, { cwd: world.cwd, env: world.env, stdio: ['ignore', 'pipe', 'pipe'] });
  const exited = new Promise((resolve) => child.on('close', (code, signal) => resolve({ code, signal })));
  let buffer = '';
  let stderr = '';
  child.stderr.on('data', (chunk) => {
    stderr += chunk;
  });
  const seen = new Promise((resolve, reject) => {
    child.stdout.on('data', (chunk) => {
      buffer += chunk;
      const lines = buffer.split('\n');
      buffer = lines.pop();
      for (const line of lines) {
        const event = line.startsWith('{') ? JSON.parse(line) : line;
        if (until(event)) resolve(event);
      }
    });
    child.on('close', () => reject(new Error('exited before the awaited line')));
  });
  return { child, exited, seen, stderr: () => stderr };
}

function isAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

module.exports = { makeWorld, runSync, startUntil, isAlive };
