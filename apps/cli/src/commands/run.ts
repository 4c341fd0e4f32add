import type { ExitCode } from '@genie/errors';
import type { GlobalArgs } from '../global-args';
import type { Terminal } from '../output/terminal';
import { budgetArgument } from '../budget-argument';
import { promptText } from '../prompt-text';
import { runTurn } from '../turn-runner';
import { withGenie } from '../with-genie';

export interface RunArgs extends GlobalArgs {
  agent: string;
  prompt?: Array<string | number>;
  /** Words after `--`: prompt text even when they start with `-`. */
  '--'?: Array<string | number>;
  /** Set by a lone `-`: the prompt (or the rest of it) comes from stdin. */
  stdin?: boolean;
  name?: string;
  background?: boolean;
  executor?: string;
  model?: string;
  mode?: string;
  worktree?: boolean;
  base?: string;
  /** As typed; checked to be a positive amount here. */
  maxBudgetUsd?: number | string;
  notify?: boolean;
}

export async function runCommand(args: RunArgs, terminal: Terminal): Promise<ExitCode> {
  const budget = budgetArgument(args.maxBudgetUsd);
  const prompt = await promptText([...(args.prompt ?? []), ...(args['--'] ?? [])], 'run', args.stdin === true);
  return withGenie(args, terminal, (genie) =>
    runTurn(terminal, (hooks) =>
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
        ...(args.notify ? { notify: true } : {}),
        ...hooks,
      }),
      (session) => genie.stop({ session, force: true }),
    ),
  );
}
