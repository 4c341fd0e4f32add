import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { GenieError } from '@genie/errors';
import type { Genie, OpenOptions } from './api-types';
import { loadConfig } from './config/load-config';
import { GenieContext } from './genie-context';
import { findWorkspace } from './workspace/find-workspace';
import { workspacePaths } from './workspace/workspace-paths';

/**
 * Opens the genie library on the workspace around `options.cwd` (or GENIE_WORKSPACE).
 * Reads only the config here: agents are read when needed, and the store is opened on
 * first use, so a bad config fails at once (CONFIG_INVALID) and nothing else is touched.
 */
export async function openGenie(options: OpenOptions = {}): Promise<Genie> {
  const env = options.env ?? process.env;
  const cwd = resolve(options.cwd ?? process.cwd());
  if (!isDirectory(cwd)) {
    throw new GenieError('INVALID_INPUT', `The directory ${cwd} does not exist.`, {
      hint: 'Pass an existing directory with --cwd (or run genie from inside the project).',
      details: { cwd },
    });
  }
  const root = findWorkspace(cwd, env);
  const paths = workspacePaths(root);
  const config = loadConfig(paths.configFile);
  return createGenie(new GenieContext(paths, config, env, options.onWarning ?? (() => {})));
}

function isDirectory(dir: string): boolean {
  try {
    return statSync(dir).isDirectory();
  } catch {
    return false;
  }
}

/**
 * Each operation's module is loaded when it is first called, so a command loads the code
 * it runs: `list` never reads the code that starts turns, follows logs or merges branches.
 */
function createGenie(context: GenieContext): Genie {
  return {
    workspace: context.workspace,
    config: context.config,
    listAgents: async (options) => (await import('./operations/list-agents.js')).listAgents(context, options),
    agentProblems: async () => (await import('./operations/list-agents.js')).listAgentProblems(context),
    listSessions: async (options) => (await import('./operations/list-sessions.js')).listSessions(context, options),
    listSessionsJson: async (options) => (await import('./operations/list-sessions.js')).listSessionsJson(context, options),
    run: async (options) => (await import('./operations/run-session.js')).runSession(context, options),
    resume: async (options) => (await import('./operations/resume-session.js')).resumeSession(context, options),
    view: async (options) => (await import('./operations/view-session.js')).viewSession(context, options),
    stop: async (options) => (await import('./operations/stop-session.js')).stopSession(context, options),
    wait: async (options) => (await import('./operations/wait-session.js')).waitSession(context, options),
    follow: async function* (options) {
      yield* (await import('./operations/follow-session.js')).followSession(context, options);
    },
    diff: async (options) => (await import('./operations/diff-session.js')).diffSession(context, options),
    merge: async (options) => (await import('./operations/merge-session.js')).mergeSession(context, options),
    clean: async (options) => (await import('./operations/clean-worktrees.js')).cleanWorktrees(context, options ?? {}),
    migrate: async (options) => (await import('./operations/migrate-store.js')).migrateStore(context, options),
    exportSessions: async (options) => (await import('./operations/export-sessions.js')).exportSessions(context, options),
    copyToTeam: async (options) => (await import('./operations/copy-to-team.js')).copyToTeam(context, options),
    doctor: async (options) => (await import('./operations/doctor.js')).doctor(context, options),
    work: async (options) => (await import('./queue/turn-worker.js')).runWorker(context, options),
    init: async () => (await import('./operations/init-workspace.js')).initWorkspace(context.paths),
    close: () => context.close(),
  };
}
