import { defineCommand, withGenie } from '../command';
import { BUDGET_OPTION, NOTIFY_OPTION, budgetArgument } from '../turn-options';
import { PROMPT, TURN_OPTIONS, promptText, runTurn } from '../turn-runner';

export default defineCommand({
  command: 'run <agent> [prompt..]',
  describe: 'Start an agent on a prompt; prints the session id and name at once',
  needs: 'an agent',
  builder: (y) =>
    y
      .positional('agent', { type: 'string', demandOption: true, describe: 'Agent id (qa/reviewer), unique basename or name; `shell` is built in' })
      .positional('prompt', PROMPT)
      .options({
        name: { type: 'string', requiresArg: true, describe: 'Friendly session name (must be unique)' },
        ...TURN_OPTIONS,
        executor: { type: 'string', requiresArg: true, describe: 'Override the agent executor (claude, codex, ...)' },
        model: { type: 'string', requiresArg: true, describe: "Override the agent's model" },
        mode: { type: 'string', requiresArg: true, describe: 'Use a named mode from .genie/config.yaml' },
        worktree: {
          type: 'boolean',
          describe: 'Run in a new git worktree on branch genie/<name> (--no-worktree: in the workspace); default from the agent, else the config',
        },
        base: { type: 'string', requiresArg: true, describe: 'With --worktree: the branch, tag or commit to start from (default HEAD)' },
        'max-budget-usd': { ...BUDGET_OPTION, describe: 'What the session may cost over all its turns, in USD' },
        notify: { ...NOTIFY_OPTION, describe: 'Show a desktop notification when each turn ends (where there is a notifier)' },
      })
      .example('$0 run shell "echo hello" --no-background', 'Run a shell command as a session and wait for it')
      .example('$0 run implementor "add a --dry-run flag" --name dry-run', 'Start a named session in the background')
      .example('$0 run implementor "fix the login bug" --worktree --max-budget-usd 5', 'In its own worktree and branch, at most $5')
      .example('$0 run reviewer -- --check the diff', 'Everything after -- is prompt, even words starting with -'),
  run: async (args, terminal) => {
    const budget = budgetArgument(args.maxBudgetUsd);
    const prompt = await promptText(args, 'run');
    return withGenie(args, terminal, (genie) =>
      runTurn(
        terminal,
        (hooks) =>
          genie.run({
            agent: args.agent,
            prompt,
            ...(args.name !== undefined ? { name: args.name } : {}),
            ...(args.background !== undefined ? { background: args.background } : {}),
            ...(args.executor !== undefined ? { executor: args.executor } : {}),
            ...(args.model !== undefined ? { model: args.model } : {}),
            ...(args.mode !== undefined ? { mode: args.mode } : {}),
            ...(args.worktree !== undefined ? { worktree: args.worktree } : {}),
            ...(args.base !== undefined ? { base: args.base } : {}),
            ...(budget !== undefined ? { maxBudgetUsd: budget } : {}),
            ...(args.notify === true ? { notify: true } : {}),
            ...hooks,
          }),
        (session) => genie.stop({ session, force: true }),
      ),
    );
  },
});
