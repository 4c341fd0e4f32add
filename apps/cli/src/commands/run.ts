import type { ExitCode } from '@genie/errors';
import type { GlobalArgs } from '../global-args';
import type { Terminal } from '../output/terminal';
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
}

export async function runCommand(args: RunArgs, terminal: Terminal): Promise<ExitCode> {
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
        ...hooks,
      }),
      (session) => genie.stop({ session, force: true }),
    ),
  );
}
