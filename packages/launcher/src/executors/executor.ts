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
  /**
   * Written to the process's stdin, which is then closed; without it stdin is /dev/null.
   * Prompts travel here when argv cannot hold them (Linux caps one argv string at 128 KiB).
   */
  stdin?: string;
}

export interface ExecutorDetection {
  installed: boolean;
  command: string;
  /** Absolute path of the binary found on PATH. */
  path?: string;
  version?: string;
  error?: string;
}

/** Where to look for an executor's program: the environment and directory agents are launched from. */
export interface DetectionPlace {
  env: NodeJS.ProcessEnv;
  cwd: string;
}

/** One adapter per agent CLI family. Pure where it can be: argv in, events out. */
export interface Executor {
  readonly id: string;
  /** One sentence telling a user how to install the CLI; used in launch-failure messages. */
  readonly installHint: string;
  /**
   * The agent CLI this executor runs unless `settings.binary` names another (`claude`).
   * Undefined when each agent names its own program (`command`): there is no one CLI to
   * check, so `genie doctor` reports only the executors that have one.
   */
  readonly defaultBinary?: string;
  /**
   * The conversation lives in the CLI, which reports its own id for it: a later turn
   * continues the conversation only once that id is known (a first turn that never
   * started one has nothing to resume).
   */
  readonly nativeConversations: boolean;
  buildCommand(request: TurnRequest): LaunchCommand;
  /** Parses one complete output line (no trailing newline). Never throws. */
  parseLine(line: string, stream: 'stdout' | 'stderr'): AgentEvent[];
  /** Whether the program this executor would run is installed (default place: this process's PATH and directory). */
  detect(settings?: ExecutorSettings, place?: DetectionPlace): Promise<ExecutorDetection>;
}
