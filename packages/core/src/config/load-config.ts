import { readFileSync } from 'node:fs';
import { EXECUTOR_IDS } from '@genie/launcher';
import { readYamlText } from '../yaml-text';
import { configError } from './config-error';
import { DEFAULT_CONFIG, type GenieConfig } from './genie-config';
import { validateConfig } from './validate-config';

function readConfigText(file: string): string | null {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw configError(file, null, `cannot be read (${(error as Error).message})`);
  }
}

/**
 * A section left empty (`modes:` followed only by comments) parses as null; it means
 * "nothing set", not a type error, for sections and for the entries inside them.
 */
function dropEmptySections(data: Record<string, unknown>): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(data)) {
    if (value === null) continue;
    if (typeof value === 'object' && !Array.isArray(value)) {
      result[key] = Object.fromEntries(
        Object.entries(value as Record<string, unknown>).map(([inner, v]) => [inner, v === null && (key === 'executors' || key === 'modes') ? {} : v]),
      );
    } else {
      result[key] = value;
    }
  }
  return result;
}

interface RawHooks {
  turnEnd?: Array<string | string[]>;
  timeoutMs?: number;
}

/** A hook written as one word is a program run without arguments; never a shell line. */
function hooksOf(raw: RawHooks | undefined): GenieConfig['hooks'] {
  return {
    turnEnd: (raw?.turnEnd ?? []).map((hook) => (typeof hook === 'string' ? [hook] : [...hook])),
    timeoutMs: raw?.timeoutMs ?? DEFAULT_CONFIG.hooks.timeoutMs,
  };
}

function withDefaults(raw: Partial<GenieConfig>): GenieConfig {
  return {
    defaults: { ...DEFAULT_CONFIG.defaults, ...raw.defaults },
    executors: { ...raw.executors },
    modes: { ...raw.modes },
    storage: { ...DEFAULT_CONFIG.storage, ...raw.storage },
    stop: { ...DEFAULT_CONFIG.stop, ...raw.stop },
    hangGuard: { ...DEFAULT_CONFIG.hangGuard, ...raw.hangGuard },
    hooks: hooksOf(raw.hooks as RawHooks | undefined),
    mcp: { ...DEFAULT_CONFIG.mcp, ...raw.mcp },
  };
}

function isBuiltinExecutor(id: string): boolean {
  return (EXECUTOR_IDS as readonly string[]).includes(id);
}

function checkExecutors(config: GenieConfig, file: string): void {
  for (const [id, settings] of Object.entries(config.executors)) {
    if (!isBuiltinExecutor(id) && !settings.runArgs) {
      throw configError(
        file,
        `executors.${id}`,
        `"${id}" is not a built-in executor (${EXECUTOR_IDS.join(', ')}), so it needs runArgs`,
        `Add runArgs, e.g. runArgs: ["${id}", "{prompt}"], or fix the executor name.`,
      );
    }
  }
  const known = [...EXECUTOR_IDS, ...Object.keys(config.executors).filter((id) => !isBuiltinExecutor(id))];
  const named: Array<[string, string | undefined]> = [
    ['defaults.executor', config.defaults.executor],
    ...Object.entries(config.modes).map(([mode, settings]): [string, string | undefined] => [`modes.${mode}.executor`, settings.executor]),
  ];
  for (const [key, executor] of named) {
    if (executor !== undefined && !known.includes(executor)) {
      throw configError(file, key, `names the executor "${executor}", which is unknown`, `Known executors: ${known.join(', ')}.`);
    }
  }
}

function checkReferences(config: GenieConfig, file: string): void {
  checkExecutors(config, file);
  const modeNames = Object.keys(config.modes);
  if (config.defaults.mode !== undefined && !modeNames.includes(config.defaults.mode)) {
    throw configError(
      file,
      'defaults.mode',
      `names the mode "${config.defaults.mode}", which is not defined under modes`,
      modeNames.length > 0 ? `Defined modes: ${modeNames.join(', ')}.` : 'Define it under `modes:` or remove defaults.mode.',
    );
  }
}

/**
 * Reads `.genie/config.yaml`. The file is optional; a present one must be valid YAML and
 * match the schema exactly: unknown keys are errors, because a misspelt key would
 * otherwise be ignored silently and the setting would not take effect.
 */
export function loadConfig(file: string): GenieConfig {
  const text = readConfigText(file);
  if (text === null) return withDefaults({});
  const reading = readYamlText(text, { uniqueKeys: true });
  if (!reading.ok) {
    throw configError(file, null, reading.problem, `Fix the YAML in ${file}.`);
  }
  const { data: parsed, doc, lines } = reading;
  if (typeof parsed !== 'object' || Array.isArray(parsed) || parsed === null) {
    throw configError(file, null, 'the top level must be a mapping of keys (defaults:, executors:, modes:, ...)');
  }
  const data = dropEmptySections(parsed as Record<string, unknown>);
  validateConfig(data, file, doc, lines);
  const config = withDefaults(data as Partial<GenieConfig>);
  checkReferences(config, file);
  return config;
}
