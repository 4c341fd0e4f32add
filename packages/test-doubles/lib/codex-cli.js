'use strict';
const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');
const { parseClap, ClapError } = require('./clap-argv');
const store = require('./codex-store');
const { parseDirectives } = require('./directives');
const { answer, countTokens } = require('./brain');
const effects = require('./effects');

const VERSION = '0.171.0';

/** Models codex has metadata for; any other gets a warning item, as from the real CLI. */
const KNOWN_MODELS = ['gpt-5-codex', 'gpt-5', 'gpt-5.1-codex', 'o3', 'o4-mini'];

/**
 * Codex has no system-prompt flag; genie sends agent instructions as this preamble of the
 * first prompt. The double reads them back from the thread, as the real model would.
 */
const PREAMBLE = /^<instructions>\n([\s\S]*?)\n<\/instructions>\n\n/;

const EXEC_SPEC = {
  usage: 'codex exec [OPTIONS] [PROMPT]\n       codex exec [OPTIONS] <COMMAND> [ARGS]',
  positionals: ['PROMPT'],
  subcommands: ['resume'],
  options: [
    { short: '-c', long: '--config', value: 'many', valueName: 'key=value' },
    { short: '-i', long: '--image', value: 'many', valueName: 'FILE' },
    { short: '-m', long: '--model', value: 'one', valueName: 'MODEL' },
    { long: '--oss' },
    {
      short: '-s',
      long: '--sandbox',
      value: 'one',
      valueName: 'SANDBOX_MODE',
      choices: ['read-only', 'workspace-write', 'danger-full-access'],
    },
    { short: '-p', long: '--profile', value: 'one', valueName: 'CONFIG_PROFILE' },
    { long: '--full-auto' },
    { long: '--dangerously-bypass-approvals-and-sandbox', aliases: ['--yolo'] },
    { short: '-C', long: '--cd', value: 'one', valueName: 'DIR' },
    { long: '--skip-git-repo-check' },
    { long: '--output-schema', value: 'one', valueName: 'FILE' },
    { long: '--color', value: 'one', valueName: 'COLOR', choices: ['always', 'never', 'auto'] },
    { long: '--json', aliases: ['--experimental-json'] },
    { short: '-o', long: '--output-last-message', value: 'one', valueName: 'FILE' },
    { long: '--include-plan-tool' },
    { short: '-h', long: '--help' },
    { short: '-V', long: '--version' },
  ],
};

const RESUME_SPEC = {
  usage: 'codex exec resume [OPTIONS] [SESSION_ID] [PROMPT]',
  positionals: ['SESSION_ID', 'PROMPT'],
  options: [{ long: '--last' }, { short: '-h', long: '--help' }],
};

class CodexError extends Error {}

function insideGitRepo(dir) {
  for (let current = path.resolve(dir); ; current = path.dirname(current)) {
    if (fs.existsSync(path.join(current, '.git'))) return true;
    if (path.dirname(current) === current) return false;
  }
}

function splitPreamble(text) {
  const match = PREAMBLE.exec(text);
  return match ? { instructions: match[1], prompt: text.slice(match[0].length) } : { instructions: null, prompt: text };
}

async function runTurn({ values, prompt, rollout, cwd }) {
  const json = values['--json'] === true;
  const history = store.readMessages(rollout);
  const threadId = store.threadIdOf(rollout);
  store.appendMessage(rollout, 'user', prompt);

  const firstUser = history.find((entry) => entry.role === 'user');
  const { instructions } = splitPreamble(firstUser ? firstUser.text : prompt);
  const directives = parseDirectives(splitPreamble(prompt).prompt);
  const brainHistory = history.map((entry) => ({
    role: entry.role,
    text: parseDirectives(splitPreamble(entry.text).prompt).text,
  }));

  let itemCount = 0;
  const nextId = () => `item_${itemCount++}`;
  const emit = (event) => (json ? effects.emitLine(event) : null);
  const human = (text) => (json ? null : new Promise((resolve) => process.stderr.write(`${text}\n`, resolve)));

  await human(`OpenAI Codex v${VERSION} (research preview)\n--------\nworkdir: ${cwd}\nmodel: ${values['--model'] || 'gpt-5-codex'}\nsession id: ${threadId}\n--------\nuser\n${prompt}`);
  await emit({ type: 'thread.started', thread_id: threadId });
  const model = values['--model'];
  if (typeof model === 'string' && !KNOWN_MODELS.includes(model)) {
    const message = `Model metadata for \`${model}\` not found. Defaulting to fallback metadata; this can degrade performance and cause issues.`;
    await emit({ type: 'item.completed', item: { id: nextId(), type: 'error', message } });
  }
  await emit({ type: 'turn.started' });
  if (directives.sleepMs > 0) await effects.sleep(directives.sleepMs);
  if (directives.grandchild) effects.spawnGrandchild();
  for (let index = 1; index <= directives.stream; index += 1) {
    await emit({ type: 'item.completed', item: { id: nextId(), type: 'agent_message', text: `Progress ${index}/${directives.stream}` } });
    await effects.sleep(50);
  }
  if (directives.crash) await effects.crash();
  await emit({ type: 'item.completed', item: { id: nextId(), type: 'reasoning', text: '**Planning the answer**' } });
  for (const tool of directives.tools) {
    const id = nextId();
    const item = { id, type: 'command_execution', command: `bash -lc ${JSON.stringify(tool)}` };
    await emit({ type: 'item.started', item: { ...item, aggregated_output: '', exit_code: null, status: 'in_progress' } });
    await emit({ type: 'item.completed', item: { ...item, aggregated_output: `ran: ${tool}\n`, exit_code: 0, status: 'completed' } });
    await human(`exec\n${item.command}\nran: ${tool}`);
  }
  if (directives.fail) {
    const message = 'stream disconnected before completion: simulated failure';
    await emit({ type: 'error', message });
    await emit({ type: 'turn.failed', error: { message } });
    await human(`ERROR: ${message}`);
    return 1;
  }
  const reply = answer({ prompt: directives.text, history: brainHistory, instructions });
  await emit({ type: 'item.completed', item: { id: nextId(), type: 'agent_message', text: reply } });
  store.appendMessage(rollout, 'assistant', reply);
  const context = history.map((entry) => entry.text).join('\n');
  // codex 0.17x reports the thread's running total, not this turn's usage.
  const before = store.readTotalUsage(rollout);
  const total = {
    input_tokens: before.input_tokens + countTokens(prompt) + (context ? countTokens(context) : 0),
    cached_input_tokens: before.cached_input_tokens + (context ? countTokens(context) : 0),
    cache_write_input_tokens: 0,
    output_tokens: before.output_tokens + countTokens(reply),
    reasoning_output_tokens: before.reasoning_output_tokens + 4,
  };
  store.appendTotalUsage(rollout, total);
  await emit({ type: 'turn.completed', usage: total });
  await human(`codex\n${reply}\ntokens used: ${countTokens(prompt) + countTokens(reply)}`);
  if (typeof values['--output-last-message'] === 'string') fs.writeFileSync(values['--output-last-message'], reply);
  if (directives.hang) await effects.hangForever();
  return 0;
}

/**
 * `-` or no prompt reads it from stdin; with a prompt argument codex still reads a stdin
 * that is not a terminal, saying so, and appends what it got as a `<stdin>` block.
 */
async function promptOf(promptArg) {
  if (promptArg === undefined || promptArg === '-') return (await effects.readStdin()).trim();
  if (process.stdin.isTTY) return promptArg;
  process.stderr.write('Reading additional input from stdin...\n');
  const extra = (await effects.readStdin()).trim();
  return extra ? `${promptArg}\n\n<stdin>\n${extra}\n</stdin>` : promptArg;
}

async function exec(args) {
  const parsed = parseClap(args, EXEC_SPEC);
  const { values } = parsed;
  if (values['--version']) {
    await effects.emitLine(`codex-exec ${VERSION}`);
    return 0;
  }
  for (const override of values['--config'] || []) {
    if (!override.includes('=')) throw new CodexError(`Error: Invalid override (missing '='): ${override}`);
  }
  const cwd = typeof values['--cd'] === 'string' ? path.resolve(values['--cd']) : process.cwd();
  if (values['--skip-git-repo-check'] !== true && !insideGitRepo(cwd)) {
    throw new CodexError('Not inside a trusted directory and --skip-git-repo-check was not specified.');
  }
  let promptArg = parsed.positionals[0];
  let rollout;
  if (parsed.subcommand === 'resume') {
    const resume = parseClap(parsed.rest, RESUME_SPEC);
    const [sessionId, resumePrompt] = resume.positionals;
    if (resume.values['--last'] === true) {
      rollout = store.latestRollout();
      promptArg = resumePrompt === undefined ? sessionId : resumePrompt;
      if (!rollout) throw new CodexError('Error: no saved session found to resume with --last');
    } else {
      if (sessionId === undefined) throw new CodexError('Error: a SESSION_ID or --last is required to resume');
      rollout = store.findRollout(sessionId);
      if (!rollout) throw new CodexError(`Error: thread/resume: thread/resume failed: no rollout found for thread id ${sessionId} (code -32600)`);
      promptArg = resumePrompt;
    }
  }
  const prompt = await promptOf(promptArg);
  if (prompt === '') throw new CodexError('No prompt provided. Either specify one as an argument or pipe the prompt into stdin.');
  if (!rollout) rollout = store.createRollout(crypto.randomUUID(), cwd, VERSION);
  return runTurn({ values, prompt, rollout, cwd });
}

async function main(argv) {
  effects.logArgv('codex', argv);
  const [command, ...rest] = argv;
  if (command === '--version' || command === '-V') {
    await effects.emitLine(`codex-cli ${VERSION}`);
    return 0;
  }
  if (command === 'exec' || command === 'e') return exec(rest);
  throw new CodexError('Error: stdin is not a terminal (this double supports `codex exec` only)');
}

function run(argv) {
  main(argv).then(
    (code) => effects.exitWith(code),
    (error) => {
      if (error instanceof ClapError) {
        process.stderr.write(`${error.message}\n`);
        effects.exitWith(error.exitCode);
        return;
      }
      process.stderr.write(`${error instanceof CodexError ? error.message : error.stack}\n`);
      // With RUST_BACKTRACE set (common on developer machines) frames follow the error.
      if (error instanceof CodexError && process.env.RUST_BACKTRACE && process.env.RUST_BACKTRACE !== '0') {
        process.stderr.write('\nStack backtrace:\n   0: anyhow::error::<impl anyhow::Error>::msg\n   1: codex_exec::run_main::{{closure}}\n   2: tokio::runtime::park::CachedParkThread::block_on\n   3: codex_exec::main\n   4: std::rt::lang_start_internal\n   5: main\n   6: __libc_start_main\n   7: _start\n');
      }
      effects.exitWith(1);
    },
  );
}

module.exports = { run, PREAMBLE, EXEC_SPEC, RESUME_SPEC };
