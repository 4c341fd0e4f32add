import type { Genie, OpenOptions } from './api-types';
import { loadConfig } from './config/load-config';
import { GenieContext } from './genie-context';
import { initWorkspace } from './operations/init-workspace';
import { listAgents } from './operations/list-agents';
import { findWorkspace } from './workspace/find-workspace';
import { workspacePaths } from './workspace/workspace-paths';

/**
 * Opens the genie library on the workspace around `options.cwd`. Reads only the config
 * here; agents are read when needed and the store is opened on first use.
 */
export async function openGenie(options: OpenOptions = {}): Promise<Genie> {
  const env = options.env ?? process.env;
  const root = findWorkspace(options.cwd ?? process.cwd(), env);
  const paths = workspacePaths(root);
  const config = loadConfig(paths.configFile);
  const context = new GenieContext(paths, config, env, options.onWarning ?? (() => {}));
  return createGenie(context);
}

function createGenie(context: GenieContext): Genie {
  // Session operations are wired in as the launcher lands; this slice serves agents and init.
  const partial: Pick<Genie, 'workspace' | 'config' | 'listAgents' | 'init' | 'close'> = {
    workspace: context.workspace,
    config: context.config,
    listAgents: async (options) => listAgents(context, options),
    init: async () => initWorkspace(context.paths),
    close: () => context.close(),
  };
  return partial as Genie;
}
