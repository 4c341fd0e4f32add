import path from 'node:path';

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
  const genieDir = path.join(root, '.genie');
  const stateDir = path.join(genieDir, 'state', 'agents');
  return {
    root,
    genieDir,
    configFile: path.join(genieDir, 'config.yaml'),
    agentsDir: path.join(genieDir, 'agents'),
    stateDir,
    sessionsFile: path.join(stateDir, 'sessions.json'),
    logsDir: path.join(stateDir, 'logs'),
  };
}
