'use strict';
const crypto = require('node:crypto');
const { parseCommander, CommanderError } = require('./commander-argv');
const store = require('./claude-store');
const { parseDirectives } = require('./directives');
const { answer, countTokens } = require('./brain');
const effects = require('./effects');

const VERSION = '2.1.332';
const MODEL = 'claude-sonnet-4-5-20250929';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const SUBCOMMANDS = ['config', 'mcp', 'migrate-installer', 'setup-token', 'doctor', 'update', 'install', 'plugin'];

const OPTIONS = [
  { short: '-d', long: '--debug', value: 'optional', flags: '-d, --debug [filter]' },
  { long: '--verbose', flags: '--verbose' },
  { short: '-p', long: '--print', flags: '-p, --print' },
  {
    long: '--output-format',
    value: 'required',
    choices: ['text', 'json', 'stream-json'],
    flags: '--output-format <format>',
  },
  { long: '--include-partial-messages', flags: '--include-partial-messages' },
  { long: '--input-format', value: 'required', choices: ['text', 'stream-json'], flags: '--input-format <format>' },
  { long: '--mcp-debug', flags: '--mcp-debug' },
  { long: '--dangerously-skip-permissions', flags: '--dangerously-skip-permissions' },
  { long: '--replay-user-messages', flags: '--replay-user-messages' },
  {
    long: '--allowedTools',
    aliases: ['--allowed-tools'],
    value: 'variadic',
    flags: '--allowedTools, --allowed-tools <tools...>',
  },
  {
    long: '--disallowedTools',
    aliases: ['--disallowed-tools'],
    value: 'variadic',
    flags: '--disallowedTools, --disallowed-tools <tools...>',
  },
  { long: '--mcp-config', value: 'variadic', flags: '--mcp-config <configs...>' },
  { long: '--system-prompt', value: 'required', flags: '--system-prompt <prompt>' },
  { long: '--append-system-prompt', value: 'required', flags: '--append-system-prompt <prompt>' },
  {
    long: '--permission-mode',
    value: 'required',
    choices: ['acceptEdits', 'bypassPermissions', 'default', 'plan'],
    flags: '--permission-mode <mode>',
  },
  { short: '-c', long: '--continue', flags: '-c, --continue' },
  { short: '-r', long: '--resume', value: 'optional', flags: '-r, --resume [sessionId]' },
  { long: '--fork-session', flags: '--fork-session' },
  { long: '--model', value: 'required', flags: '--model <model>' },
  { long: '--fallback-model', value: 'required', flags: '--fallback-model <model>' },
  { long: '--max-budget-usd', value: 'required', flags: '--max-budget-usd <amount>' },
  { long: '--settings', value: 'required', flags: '--settings <file-or-json>' },
  { long: '--add-dir', value: 'variadic', flags: '--add-dir <directories...>' },
  { long: '--ide', flags: '--ide' },
  { long: '--strict-mcp-config', flags: '--strict-mcp-config' },
  { long: '--session-id', value: 'required', flags: '--session-id <uuid>' },
  { long: '--agents', value: 'required', flags: '--agents <json>' },
  { long: '--setting-sources', value: 'required', flags: '--setting-sources <sources>' },
  { short: '-v', long: '--version', flags: '-v, --version' },
  { short: '-h', long: '--help', flags: '-h, --help' },
];

class UsageError extends Error {}

/**
 * A resume of a conversation claude does not have: the real CLI reports it as an
 * `error_during_execution` result naming the cause in `errors` (no `result`), on stderr
 * too, and exits 1.
 */
class MissingConversation extends Error {
  constructor(sessionId, streaming) {
    super(`No conversation found with session ID: ${sessionId}`);
    this.sessionId = sessionId;
    this.streaming = streaming;
  }
}

/** Works out which conversation this run continues (if any) and under which id it is stored. */
function resolveSession(values, cwd) {
  const requestedId = values['--session-id'];
  const resume = values['--resume'];
  const continues = values['--continue'] === true;
  if (typeof requestedId === 'string') {
    if (!UUID.test(requestedId)) throw new UsageError('Error: Invalid session ID. Must be a valid UUID.');
    if ((resume !== undefined || continues) && values['--fork-session'] !== true) {
      throw new UsageError(
        'Error: --session-id can only be used with --continue or --resume if --fork-session is also specified.',
      );
    }
    if (store.conversationExists(cwd, requestedId)) {
      throw new UsageError(`Error: Session ID ${requestedId} is already in use.`);
    }
  }
  let previousId = null;
  if (resume === true) {
    throw new UsageError('Error: --resume requires a valid session ID when used with --print');
  }
  if (typeof resume === 'string') {
    if (!store.conversationExists(cwd, resume)) {
      throw new MissingConversation(resume, values['--output-format'] === 'stream-json');
    }
    previousId = resume;
  } else if (continues) {
    previousId = store.latestConversation(cwd);
    if (!previousId) throw new UsageError('No conversation found to continue');
  }
  let sessionId = typeof requestedId === 'string' ? requestedId : crypto.randomUUID();
  if (previousId && values['--fork-session'] !== true && typeof requestedId !== 'string') sessionId = previousId;
  return { previousId, sessionId };
}

function usageOf(prompt, history, reply) {
  const context = history.map((entry) => entry.text).join('\n');
  const input = countTokens(prompt);
  const cached = history.length > 0 ? countTokens(context) : 0;
  const output = countTokens(reply);
  return {
    usage: {
      input_tokens: input,
      cache_creation_input_tokens: 0,
      cache_read_input_tokens: cached,
      output_tokens: output,
      server_tool_use: { web_search_requests: 0 },
      service_tier: 'standard',
    },
    costUsd: Number(((input * 3 + cached * 0.3 + output * 15) / 1_000_000).toFixed(6)),
  };
}

async function runTurn(values, prompt, cwd) {
  const startedAt = Date.now();
  const { previousId, sessionId: storedId } = resolveSession(values, cwd);
  const directives = parseDirectives(prompt);
  const sessionId = directives.fork ? crypto.randomUUID() : storedId;
  const history = previousId ? store.readConversation(cwd, previousId) : [];
  if (previousId && previousId !== sessionId) store.forkConversation(cwd, previousId, sessionId);
  store.appendEntry(cwd, sessionId, 'user', directives.text);

  const format = values['--output-format'] || 'text';
  const streaming = format === 'stream-json';
  const emit = (event) => (streaming ? effects.emitLine({ ...event, session_id: sessionId, uuid: crypto.randomUUID() }) : null);
  const model = values['--model'] || MODEL;
  const assistant = (content) =>
    emit({
      type: 'assistant',
      message: {
        id: `msg_${crypto.randomBytes(12).toString('hex')}`,
        type: 'message',
        role: 'assistant',
        model,
        content,
        stop_reason: null,
        stop_sequence: null,
        usage: { input_tokens: 1, output_tokens: 1 },
      },
      parent_tool_use_id: null,
    });

  await emit({
    type: 'system',
    subtype: 'init',
    cwd,
    tools: ['Task', 'Bash', 'Glob', 'Grep', 'Read', 'Edit', 'Write', 'WebFetch', 'TodoWrite'],
    mcp_servers: [],
    model,
    permissionMode: values['--permission-mode'] || 'default',
    slash_commands: [],
    apiKeySource: 'none',
    output_style: 'default',
  });
  if (directives.sleepMs > 0) await effects.sleep(directives.sleepMs);
  if (directives.grandchild) effects.spawnGrandchild();
  for (let index = 1; index <= directives.stream; index += 1) {
    await assistant([{ type: 'text', text: `Progress ${index}/${directives.stream}` }]);
    await effects.sleep(50);
  }
  if (directives.crash) {
    await assistant([{ type: 'text', text: 'Working on it...' }]);
    await effects.crash();
  }
  for (const tool of directives.tools) {
    const id = `toolu_${crypto.randomBytes(12).toString('hex')}`;
    // claude 2.1.x sends each content block as its own assistant event.
    await assistant([{ type: 'thinking', thinking: `I should run ${tool}.`, signature: 'sig' }]);
    await assistant([{ type: 'tool_use', id, name: 'Bash', input: { command: tool, description: `Run ${tool}` } }]);
    await emit({
      type: 'user',
      message: { role: 'user', content: [{ tool_use_id: id, type: 'tool_result', content: `ran: ${tool}`, is_error: false }] },
      parent_tool_use_id: null,
    });
  }

  const instructions = values['--append-system-prompt'] || values['--system-prompt'] || null;
  const reply = answer({ prompt: directives.text, history, instructions });
  const { usage, costUsd } = usageOf(directives.text, history, reply);
  const durationMs = Date.now() - startedAt;
  const common = {
    type: 'result',
    duration_ms: durationMs,
    duration_api_ms: durationMs,
    num_turns: 1 + directives.tools.length,
    session_id: sessionId,
    total_cost_usd: costUsd,
    usage,
    modelUsage: {},
    permission_denials: [],
  };
  if (directives.fail) {
    const failure = { ...common, subtype: 'error_during_execution', is_error: true, errors: ['Tool execution failed: simulated failure'] };
    await emit(failure);
    if (format === 'json') await effects.emitLine(failure);
    return 1;
  }
  if (directives.apiError) return apiError(emit, common, format);
  await assistant([{ type: 'text', text: reply }]);
  store.appendEntry(cwd, sessionId, 'assistant', reply);
  await emit({ ...common, subtype: 'success', is_error: false, result: reply });
  if (format === 'json') await effects.emitLine({ ...common, subtype: 'success', is_error: false, result: reply });
  if (format === 'text') await effects.emitLine(reply);
  if (directives.hang) await effects.hangForever();
  return 0;
}

/**
 * An API call that keeps failing (bad key, server error), as claude 2.1.x reports it: an
 * `api_retry` event per retry (CLAUDE_CODE_MAX_RETRIES, default 10), then the error text
 * as a `<synthetic>` assistant message, a result of subtype `success` with `is_error:
 * true`, and exit 1.
 */
async function apiError(emit, common, format) {
  const retries = Number(process.env.CLAUDE_CODE_MAX_RETRIES ?? 10) || 0;
  for (let attempt = 1; attempt <= retries; attempt += 1) {
    await emit({ type: 'system', subtype: 'api_retry', attempt, max_retries: retries, retry_delay_ms: 500 * attempt, error_status: 500, error: 'server_error' });
    await effects.sleep(20);
  }
  const text = 'API Error: 500 Internal server error. This is a server-side issue, usually temporary — try again in a moment.';
  await emit({
    type: 'assistant',
    message: { id: crypto.randomUUID(), type: 'message', role: 'assistant', model: '<synthetic>', content: [{ type: 'text', text }], stop_reason: 'stop_sequence' },
    parent_tool_use_id: null,
    error: 'server_error',
    is_api_error_message: true,
    api_error_status: 500,
  });
  const result = { ...common, total_cost_usd: 0, subtype: 'success', is_error: true, result: text, api_error_status: 500, terminal_reason: 'api_error' };
  await emit(result);
  if (format === 'json') await effects.emitLine(result);
  return 1;
}

async function main(argv) {
  effects.logArgv('claude', argv);
  const { values, operands } = parseCommander(argv, OPTIONS);
  if (values['--version']) {
    await effects.emitLine(`${VERSION} (Claude Code)`);
    return 0;
  }
  if (values['--help']) {
    await effects.emitLine('Usage: claude [options] [command] [prompt]');
    return 0;
  }
  if (operands.length > 0 && SUBCOMMANDS.includes(operands[0])) {
    // commander dispatches a first operand naming a subcommand, even after `--`.
    await effects.emitLine(`Usage: claude ${operands[0]} [options]`);
    return 0;
  }
  if (operands.length > 1) {
    throw new CommanderError(`error: too many arguments. Expected 1 argument but got ${operands.length}.`);
  }
  if (values['--print'] !== true) {
    throw new UsageError('Error: Raw mode is not supported on the current process.stdin (interactive mode needs a terminal; use -p).');
  }
  if (values['--output-format'] === 'stream-json' && values['--verbose'] !== true) {
    throw new UsageError('Error: When using --print, --output-format=stream-json requires --verbose');
  }
  const prompt = operands.length > 0 ? operands[0] : (await effects.readStdin()).trim();
  if (prompt === '') {
    throw new UsageError(
      'Error: Input must be provided either through stdin or as a prompt argument when using --print',
    );
  }
  return runTurn(values, prompt, process.cwd());
}

function run(argv) {
  main(argv).then(
    (code) => effects.exitWith(code),
    async (error) => {
      if (error instanceof MissingConversation) {
        if (error.streaming) await effects.emitLine({
          type: 'result', subtype: 'error_during_execution', duration_ms: 0, duration_api_ms: 0, is_error: true, num_turns: 0,
          session_id: error.sessionId, total_cost_usd: 0, usage: { input_tokens: 0, output_tokens: 0 }, errors: [error.message],
        });
        process.stderr.write(`${error.message}\n`);
      } else if (error instanceof CommanderError || error instanceof UsageError) {
        process.stderr.write(`${error.message}\n`);
      } else {
        process.stderr.write(`${error.stack}\n`);
      }
      effects.exitWith(1);
    },
  );
}

module.exports = { run, OPTIONS, SUBCOMMANDS };
