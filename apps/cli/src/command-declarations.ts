/**
 * The arguments of the commands the fast route handles (see fast-route.ts), declared once:
 * the yargs builders (parser.ts) declare exactly these to yargs, and the fast route reads
 * them to parse the same command lines the same way without loading yargs.
 */

/** One option, in the subset of yargs' option settings the fast route understands. */
export interface OptionDeclaration {
  type?: 'string' | 'boolean';
  array?: true;
  alias?: string;
  default?: boolean | string | number;
  choices?: readonly string[];
  /** The option must be followed by a value (yargs treats a missing one as a usage error). */
  requiresArg?: true;
  /** Applies to every command (declared on the top-level parser). */
  global?: true;
  hidden?: true;
  describe: string;
}

/** A positional argument: required (`<name>`) unless variadic (`[name..]`, any number of words). */
export interface PositionalDeclaration {
  name: string;
  variadic?: true;
  describe: string;
}

export interface CommandDeclaration {
  /** The word that names the command (`agents` under `list`). */
  name: string;
  positionals: readonly PositionalDeclaration[];
  /** In the order the help lists them. */
  options: Readonly<Record<string, OptionDeclaration>>;
}

/** How yargs is configured to tokenize, and so how the fast route calls yargs-parser. */
export const PARSER_CONFIGURATION = { 'parse-positional-numbers': false, 'strip-aliased': true, 'populate--': true } as const;

export const SESSION_STATUSES: readonly string[] = ['starting', 'running', 'completed', 'failed', 'stopped', 'lost'];

export const GLOBAL_OPTIONS = {
  cwd: { type: 'string', describe: 'Find the workspace (.genie/) from this directory', global: true },
  json: { type: 'boolean', default: false, describe: 'Print exactly one JSON document on stdout', global: true },
} as const satisfies Record<string, OptionDeclaration>;

/** Options `run` and `resume` share. */
const TURN_OPTIONS = {
  stdin: { type: 'boolean', hidden: true, describe: 'Read the prompt from stdin (what `-` means)' },
  background: {
    type: 'boolean',
    describe: 'Return at once and leave the agent running (--no-background streams it here); default from the agent, else the config',
  },
} as const satisfies Record<string, OptionDeclaration>;

const PROMPT: PositionalDeclaration = {
  name: 'prompt',
  variadic: true,
  describe: 'The prompt; words are joined with spaces, `-` reads stdin',
};

const SESSION: PositionalDeclaration = { name: 'session', describe: 'Session id, unique id prefix (6+ characters) or name' };

export const RUN: CommandDeclaration = {
  name: 'run',
  positionals: [{ name: 'agent', describe: 'Agent id (qa/reviewer), unique basename or name; `shell` is built in' }, PROMPT],
  options: {
    name: { type: 'string', describe: 'Friendly session name (must be unique)' },
    ...TURN_OPTIONS,
    executor: { type: 'string', describe: 'Override the agent executor (claude, codex, ...)' },
    model: { type: 'string', describe: "Override the agent's model" },
    mode: { type: 'string', describe: 'Use a named mode from .genie/config.yaml' },
  },
};

export const RESUME: CommandDeclaration = { name: 'resume', positionals: [SESSION, PROMPT], options: TURN_OPTIONS };

export const VIEW: CommandDeclaration = {
  name: 'view',
  positionals: [SESSION],
  options: {
    full: { type: 'boolean', default: false, describe: 'Every turn in order, with tool calls and results' },
    follow: { type: 'boolean', alias: 'f', default: false, describe: 'Stream the running turn until it ends' },
  },
};

export const STOP: CommandDeclaration = { name: 'stop', positionals: [SESSION], options: {} };

/** `list` (or `ls`) only groups its subcommands. */
export const LIST_NAMES: readonly string[] = ['list', 'ls'];

export const LIST_AGENTS: CommandDeclaration = {
  name: 'agents',
  positionals: [],
  options: { all: { type: 'boolean', default: false, describe: 'Include hidden agents' } },
};

export const LIST_SESSIONS: CommandDeclaration = {
  name: 'sessions',
  positionals: [],
  options: {
    status: { type: 'string', array: true, choices: SESSION_STATUSES, describe: 'Only sessions with this status (repeatable)' },
    agent: { type: 'string', describe: 'Only sessions of this agent' },
    // No `type: 'number'`: yargs would turn `--limit ten` into NaN and lose what was typed.
    limit: { requiresArg: true, describe: 'At most this many sessions (the newest)' },
  },
};

/** yargs' command string: `run <agent> [prompt..]`. */
export function commandString(command: CommandDeclaration): string {
  return [command.name, ...command.positionals.map((p) => (p.variadic ? `[${p.name}..]` : `<${p.name}>`))].join(' ');
}
