import { GenieError } from '@genie/errors';
import { EXECUTOR_IDS, type ExecutorSettings } from '@genie/launcher';
import type { AgentDefinition } from '../agents/agent-definition';
import type { GenieConfig, ModeConfig } from '../config/genie-config';

/** The predecessor's name for "no particular mode"; accepted without a definition. */
const DEFAULT_MODE = 'default';

export interface TurnOverrides {
  executor?: string;
  model?: string;
  mode?: string;
  background?: boolean;
}

export interface EffectiveExecutor {
  /** The executor id as configured and recorded in the session (`claude`, `my-gemini`, ...). */
  executor: string;
  /** The launcher adapter that drives it (`claude`, `codex` or `command`). */
  launcherExecutor: string;
  mode: string | undefined;
  settings: ExecutorSettings;
  background: boolean;
}

function modeOf(config: GenieConfig, name: string | undefined, strict: boolean): ModeConfig {
  if (name === undefined) return {};
  const mode = config.modes[name];
  if (mode) return mode;
  if (name === DEFAULT_MODE || !strict) return {};
  const known = Object.keys(config.modes);
  throw new GenieError('INVALID_INPUT', `Mode "${name}" is not defined in .genie/config.yaml.`, {
    hint: known.length > 0 ? `Defined modes: ${known.join(', ')}.` : 'Define it under `modes:` in .genie/config.yaml.',
    details: { mode: name, known },
  });
}

function launcherExecutorOf(config: GenieConfig, executor: string, strict: boolean): string {
  if ((EXECUTOR_IDS as readonly string[]).includes(executor)) return executor;
  if (config.executors[executor]?.runArgs) return 'command';
  if (!strict) return executor;
  const known = [...EXECUTOR_IDS, ...Object.keys(config.executors).filter((id) => config.executors[id]?.runArgs)];
  throw new GenieError('EXECUTOR_UNKNOWN', `Executor "${executor}" is unknown.`, {
    hint: `Use one of ${known.join(', ')}, or define a custom one with runArgs under executors.${executor} in .genie/config.yaml.`,
    details: { executor, known },
  });
}

function stripUndefined(settings: Record<string, unknown>): ExecutorSettings {
  return Object.fromEntries(Object.entries(settings).filter(([, value]) => value !== undefined));
}

/**
 * What one turn runs with. Precedence, lowest first: the config's `executors.<id>`, the
 * mode, the agent's front matter, then the caller's explicit choices. `strict` false
 * (for listings) resolves what it can instead of throwing.
 */
export function effectiveExecutor(
  config: GenieConfig,
  agent: AgentDefinition,
  overrides: TurnOverrides,
  strict = true,
): EffectiveExecutor {
  const modeName = overrides.mode ?? agent.mode ?? config.defaults.mode;
  const { executor: modeExecutor, background: modeBackground, ...modeSettings } = modeOf(config, modeName, strict);
  const executor = overrides.executor ?? agent.executor ?? modeExecutor ?? config.defaults.executor;
  const settings = stripUndefined({
    ...config.executors[executor],
    ...modeSettings,
    ...agent.settings,
    ...(overrides.model !== undefined ? { model: overrides.model } : {}),
  });
  return {
    executor,
    launcherExecutor: launcherExecutorOf(config, executor, strict),
    mode: modeName,
    settings,
    background: overrides.background ?? agent.background ?? modeBackground ?? config.defaults.background,
  };
}
