import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { GenieError } from '@genie/errors';
import type { Genie, OpenOptions } from './api-types';
import { loadConfig } from './config/load-config';
import { GenieContext } from './genie-context';
import { cleanWorktrees } from './operations/clean-worktrees';
import { diffSession } from './operations/diff-session';
import { doctor } from './operations/doctor';
import { mergeSession } from './operations/merge-session';
import { followSession } from './operations/follow-session';
import { initWorkspace } from './operations/init-workspace';
import { listAgentProblems, listAgents } from './operations/list-agents';
import { listSessions, listSessionsJson } from './operations/list-sessions';
import { copyToTeam } from './operations/copy-to-team';
import { migrateStore } from './operations/migrate-store';
import { exportSessions } from './operations/export-sessions';
import { resumeSession } from './operations/resume-session';
import { runSession } from './operations/run-session';
import { stopSession } from './operations/stop-session';
import { viewSession } from './operations/view-session';
import { waitSession } from './operations/wait-session';
import { runWorker } from './queue/turn-worker';
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

function createGenie(context: GenieContext): Genie {
  return {
    workspace: context.workspace,
    config: context.config,
    listAgents: async (options) => listAgents(context, options),
    agentProblems: async () => listAgentProblems(context),
    listSessions: (options) => listSessions(context, options),
    listSessionsJson: (options) => listSessionsJson(context, options),
    run: (options) => runSession(context, options),
    resume: (options) => resumeSession(context, options),
    view: (options) => viewSession(context, options),
    stop: (options) => stopSession(context, options),
    wait: (options) => waitSession(context, options),
    follow: (options) => followSession(context, options),
    diff: (options) => diffSession(context, options),
    merge: (options) => mergeSession(context, options),
    clean: (options) => cleanWorktrees(context, options ?? {}),
    migrate: (options) => migrateStore(context, options),
    exportSessions: (options) => exportSessions(context, options),
    copyToTeam: (options) => copyToTeam(context, options),
    doctor: (options) => doctor(context, options),
    work: (options) => runWorker(context, options),
    init: async () => initWorkspace(context.paths),
    close: () => context.close(),
  };
}
