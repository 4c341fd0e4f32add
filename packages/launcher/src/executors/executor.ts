import type { AgentEvent } from '../agent-event';

/** Settings an agent (or a mode, or the command line) gives its executor. */
export interface ExecutorSettings {
  /** Binary to launch instead of the default (`claude`, `codex`, ...). */
  binary?: string;
  model?: string;
  permissionMode?: string;
  sandbox?: string;
  reasoningEffort?: string;
  allowedTools?: string[];
  disallowedTools?: string[];
  /** Extra argv elements appended before the prompt, from config. */
  extraArgs?: string[];
  /** `command` executor: argv template of a first turn, e.g. ["my-agent", "--prompt", "{prompt}"]. */
  runArgs?: string[];
  /** `command` executor: argv template of a resume; defaults to runArgs. */
  resumeArgs?: string[];
  /** What this turn may still spend (USD): claude's `--max-budget-usd`; genie enforces it across turns. */
  maxBudgetUsd?: number;
  [key: string]: unknown;
}

/** Everything an executor needs to build the argv of one turn. */
export interface TurnRequest {
  sessionId: string;
  /** The CLI's own conversation id from an earlier turn; absent on the first turn. */
  executorSessionId?: string | null;
  /** True when this turn continues an existing conversation. */
  resume: boolean;
  prompt: string;
  /** Agent instructions (the agent file's body); must reach the agent, never be dropped. */
  instructions?: string;
  /** A file holding `instructions`, written by the launcher when instructions exist. */
  instructionsFile?: string;
  cwd: string;
  settings: ExecutorSettings;
}

/** A process to spawn: never run through a shell; every element is one argv entry. */
export interface LaunchCommand {
  command: string;
  args: string[];
  env?: Record<string, string>;
}

export interface ExecutorDetection {
  installed: boolean;
  command: string;
  /** Absolute path of the binary found on PATH. */
  path?: string;
  version?: string;
  error?: string;
}

/** One adapter per agent CLI family. Pure where it can be: argv in, events out. */
export interface Executor {
  readonly id: string;
  /** One sentence telling a user how to install the CLI; used in launch-failure messages. */
  readonly installHint: string;
  buildCommand(request: TurnRequest): LaunchCommand;
  /** Parses one complete output line (no trailing newline). Never throws. */
  parseLine(line: string, stream: 'stdout' | 'stderr'): AgentEvent[];
  detect(settings?: ExecutorSettings): Promise<ExecutorDetection>;
}
