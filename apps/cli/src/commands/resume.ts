import type { ExitCode } from '@genie/errors';
import type { GlobalArgs } from '../global-args';
import type { Terminal } from '../output/terminal';
import { budgetArgument } from '../budget-argument';
import { promptText } from '../prompt-text';
import { runTurn } from '../turn-runner';
import { withGenie } from '../with-genie';

export interface ResumeArgs extends GlobalArgs {
  session: string;
  prompt?: Array<string | number>;
  /** Words after `--`: prompt text even when they start with `-`. */
  '--'?: Array<string | number>;
  /** Set by a lone `-`: the prompt (or the rest of it) comes from stdin. */
  stdin?: boolean;
  background?: boolean;
  maxBudgetUsd?: number | string;
  notify?: boolean;
}

export async function resumeCommand(args: ResumeArgs, terminal: Terminal): Promise<ExitCode> {
  const budget = budgetArgument(args.maxBudgetUsd);
  const prompt = await promptText([...(args.prompt ?? []), ...(args['--'] ?? [])], 'resume', args.stdin === true);
  return withGenie(args, terminal, (genie) =>
    runTurn(terminal, (hooks) =>
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
}
