/** Files `genie init` writes, relative to `.genie/`. Comments explain every setting in place. */
export const CONFIG_TEMPLATE = `# genie workspace config. Every key is optional; the values shown are the defaults.
# Unknown keys are errors, so a misspelt setting never goes unnoticed.

defaults:
  # Executor of agents that do not name one: claude | codex | command | a custom id below.
  executor: claude
  # true: \`genie run\` returns the session id at once and the agent works in the background.
  background: true
  # true: every session gets its own git worktree and branch genie/<name> (like --worktree).
  # worktree: false

# Per-executor settings: binary to launch, extra argv on every turn, default model...
executors:
  claude:
    # binary: /usr/local/bin/claude
    # extraArgs: ["--add-dir", "../shared"]
  codex:
    # model: gpt-5-codex
  # Any other agent CLI, driven by argv templates ({prompt}, {sessionId}, {instructionsFile}):
  # gemini:
  #   runArgs: ["gemini", "-p", "{prompt}"]

# Named bundles of executor settings, chosen with \`--mode <name>\` or \`genie.mode\` in an agent.
# An agent's own settings win over its mode's.
modes:
  # careful:
  #   model: opus
  #   permissionMode: plan

storage:
  # json: .genie/state/agents/sessions.json (read it with jq) | memory: this process only.
  adapter: json

stop:
  # How long \`genie stop\` waits after SIGTERM before SIGKILL.
  graceMs: 5000

hangGuard:
  # An agent CLI still running this long after its final result is ended.
  ms: 30000

hooks:
  # A hook still running this long is killed, with every process it started.
  timeoutMs: 30000
  # Commands run when any turn ends, each an argv (never a shell line): the session as JSON
  # on stdin, GENIE_SESSION_ID and GENIE_STATUS in the environment, run in the workspace.
  # A failing hook is recorded (genie view shows it) and never changes the session's outcome.
  turnEnd: []
  #  - ["./scripts/on-turn-end.sh"]

mcp:
  # Offer the built-in \`shell\` agent (runs arbitrary commands) to MCP clients.
  allowShell: false
`;

export const CLAUDE_EXAMPLE_AGENT = `---
name: claude-helper
description: General coding helper on Claude Code; edit this file to make it yours.
genie:
  executor: claude
  background: true
  permissionMode: default
---
You are a careful software engineer working in this repository.
Read the relevant code before changing it, keep changes small, and explain what you did.
`;

export const CODEX_EXAMPLE_AGENT = `---
name: codex-helper
description: General coding helper on OpenAI Codex; edit this file to make it yours.
genie:
  executor: codex
  background: true
  sandbox: workspace-write
---
You are a careful software engineer working in this repository.
Read the relevant code before changing it, keep changes small, and explain what you did.
`;

/** Written files, relative to `.genie/`, in the order they are created. */
export const INIT_FILES: ReadonlyArray<readonly [string, string]> = [
  ['config.yaml', CONFIG_TEMPLATE],
  ['agents/claude-helper.md', CLAUDE_EXAMPLE_AGENT],
  ['agents/codex-helper.md', CODEX_EXAMPLE_AGENT],
];
