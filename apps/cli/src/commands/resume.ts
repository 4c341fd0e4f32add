import { SESSION, defineCommand, withGenie } from '../command';
import { BUDGET_OPTION, NOTIFY_OPTION, budgetArgument } from '../turn-options';
import { PROMPT, TURN_OPTIONS, promptText, runTurn } from '../turn-runner';

export default defineCommand({
  command: 'resume <session> [prompt..]',
  describe: 'Continue a session with a new prompt (same session id, same agent conversation, same directory)',
  needs: 'a session',
  builder: (y) =>
    y
      .positional('session', SESSION)
      .positional('prompt', PROMPT)
      .options({
        ...TURN_OPTIONS,
        'max-budget-usd': { ...BUDGET_OPTION, describe: "Set the session's budget in USD from this turn on (e.g. to continue past it)" },
        notify: { ...NOTIFY_OPTION, describe: 'Notify when this turn ends (--no-notify: not); default: as the session was started' },
      })
      .example('$0 resume dry-run "now add tests" --no-background', 'Continue and watch the answer'),
  run: async (args, terminal) => {
    const budget = budgetArgument(args.maxBudgetUsd);
    const prompt = await promptText(args, 'resume');
    return withGenie(args, terminal, (genie) =>
      runTurn(
        terminal,
        (hooks) =>
          genie.resume({
            session: args.session,
            prompt,
            ...(args.background !== undefined ? { background: args.background } : {}),
            ...(budget !== undefined ? { maxBudgetUsd: budget } : {}),
            ...(args.notify !== undefined ? { notify: args.notify } : {}),
            ...hooks,
          }),
        (session) => genie.stop({ session, force: true }),
      ),
    );
  },
});
