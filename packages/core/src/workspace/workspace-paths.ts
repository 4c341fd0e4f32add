import { join } from 'node:path';

/** Where genie keeps things inside a workspace (predecessor-compatible layout). */
export interface WorkspacePaths {
  /** The directory holding `.genie/` (or where it will be created). */
  root: string;
  genieDir: string;
  configFile: string;
  agentsDir: string;
  stateDir: string;
  sessionsFile: string;
  logsDir: string;
}

export function workspacePaths(root: string): WorkspacePaths {
  const genieDir = join(root, '.genie');
  const stateDir = join(genieDir, 'state', 'agents');
  return {
    root,
    genieDir,
    configFile: join(genieDir, 'config.yaml'),
    agentsDir: join(genieDir, 'agents'),
    stateDir,
    sessionsFile: join(stateDir, 'sessions.json'),
    logsDir: join(stateDir, 'logs'),
  };
}
