'use strict';
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

/**
 * Rollouts as the real codex keeps them:
 * `${CODEX_HOME:-~/.codex}/sessions/YYYY/MM/DD/rollout-<YYYY-MM-DDThh-mm-ss>-<thread_id>.jsonl`,
 * first line a `session_meta` record. Resume looks a thread up by id anywhere in the tree.
 */
function sessionsDir() {
  return path.join(process.env.CODEX_HOME || path.join(os.homedir(), '.codex'), 'sessions');
}

const pad = (value) => String(value).padStart(2, '0');

function createRollout(threadId, cwd, version) {
  const now = new Date();
  const day = path.join(sessionsDir(), String(now.getFullYear()), pad(now.getMonth() + 1), pad(now.getDate()));
  const stamp = `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}T${pad(now.getHours())}-${pad(now.getMinutes())}-${pad(now.getSeconds())}`;
  fs.mkdirSync(day, { recursive: true });
  const file = path.join(day, `rollout-${stamp}-${threadId}.jsonl`);
  const meta = {
    timestamp: now.toISOString(),
    type: 'session_meta',
    payload: { id: threadId, timestamp: now.toISOString(), cwd, originator: 'codex_exec', cli_version: version, instructions: null },
  };
  fs.writeFileSync(file, `${JSON.stringify(meta)}\n`, { flag: 'wx' });
  return file;
}

function allRollouts(dir = sessionsDir()) {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return allRollouts(full);
    return entry.name.startsWith('rollout-') && entry.name.endsWith('.jsonl') ? [full] : [];
  });
}

function findRollout(threadId) {
  return allRollouts().find((file) => file.endsWith(`-${threadId}.jsonl`)) || null;
}

function latestRollout() {
  return (
    allRollouts()
      .map((file) => ({ file, mtime: fs.statSync(file).mtimeMs }))
      .sort((a, b) => b.mtime - a.mtime)[0]?.file || null
  );
}

function threadIdOf(file) {
  return JSON.parse(fs.readFileSync(file, 'utf8').split('\n')[0]).payload.id;
}

/** @returns {Array<{ role: 'user' | 'assistant', text: string }>} */
function readMessages(file) {
  return fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line))
    .filter((record) => record.type === 'response_item' && record.payload.type === 'message')
    .map((record) => ({ role: record.payload.role, text: record.payload.content.map((part) => part.text).join('') }));
}

function appendMessage(file, role, text) {
  const record = {
    timestamp: new Date().toISOString(),
    type: 'response_item',
    payload: { type: 'message', role, content: [{ type: role === 'user' ? 'input_text' : 'output_text', text }] },
  };
  fs.appendFileSync(file, `${JSON.stringify(record)}\n`);
}

/** The thread's running token total, as codex keeps it in `token_count` records. */
function readTotalUsage(file) {
  const counts = fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line))
    .filter((record) => record.type === 'event_msg' && record.payload.type === 'token_count');
  const last = counts.at(-1);
  return last ? last.payload.info.total_token_usage : { input_tokens: 0, cached_input_tokens: 0, output_tokens: 0, reasoning_output_tokens: 0 };
}

function appendTotalUsage(file, total) {
  const record = { timestamp: new Date().toISOString(), type: 'event_msg', payload: { type: 'token_count', info: { total_token_usage: total } } };
  fs.appendFileSync(file, `${JSON.stringify(record)}\n`);
}

module.exports = { readTotalUsage, appendTotalUsage, createRollout, findRollout, latestRollout, threadIdOf, readMessages, appendMessage };
