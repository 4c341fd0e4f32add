'use strict';
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

/**
 * Conversations as the real claude keeps them: one JSONL file per session under
 * `${CLAUDE_CONFIG_DIR:-~/.claude}/projects/<cwd, every non-alphanumeric char as ->/`.
 * The look-up is scoped to the directory the conversation was started in.
 */
function projectDir(cwd) {
  const configDir = process.env.CLAUDE_CONFIG_DIR || path.join(os.homedir(), '.claude');
  return path.join(configDir, 'projects', cwd.replace(/[^a-zA-Z0-9]/g, '-'));
}

function conversationFile(cwd, sessionId) {
  return path.join(projectDir(cwd), `${sessionId}.jsonl`);
}

function conversationExists(cwd, sessionId) {
  return fs.existsSync(conversationFile(cwd, sessionId));
}

/** @returns {Array<{ type: string, role: 'user' | 'assistant', text: string }>} */
function readConversation(cwd, sessionId) {
  return fs
    .readFileSync(conversationFile(cwd, sessionId), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line))
    .filter((entry) => entry.type === 'user' || entry.type === 'assistant')
    .map((entry) => ({ type: entry.type, role: entry.message.role, text: entry.message.content }));
}

function appendEntry(cwd, sessionId, role, text) {
  fs.mkdirSync(projectDir(cwd), { recursive: true });
  const entry = {
    type: role,
    sessionId,
    cwd,
    timestamp: new Date().toISOString(),
    message: { role, content: text },
  };
  fs.appendFileSync(conversationFile(cwd, sessionId), `${JSON.stringify(entry)}\n`);
}

/** Copies a conversation under a new id (what `--fork-session` does). */
function forkConversation(cwd, fromId, toId) {
  for (const entry of readConversation(cwd, fromId)) appendEntry(cwd, toId, entry.role, entry.text);
}

/** Id of the newest conversation started in `cwd`, for `--continue`. */
function latestConversation(cwd) {
  const dir = projectDir(cwd);
  if (!fs.existsSync(dir)) return null;
  const newest = fs
    .readdirSync(dir)
    .filter((name) => name.endsWith('.jsonl'))
    .map((name) => ({ name, mtime: fs.statSync(path.join(dir, name)).mtimeMs }))
    .sort((a, b) => b.mtime - a.mtime)[0];
  return newest ? newest.name.slice(0, -'.jsonl'.length) : null;
}

module.exports = {
  conversationExists,
  readConversation,
  appendEntry,
  forkConversation,
  latestConversation,
};
