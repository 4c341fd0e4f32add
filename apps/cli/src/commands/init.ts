import path from 'node:path';
import { EXIT_CODES, type ExitCode } from '@genie/errors';
import type { GlobalArgs } from '../global-args';
import type { Terminal } from '../output/terminal';
import { withGenie } from '../with-genie';

export async function initCommand(args: GlobalArgs, terminal: Terminal): Promise<ExitCode> {
  return withGenie(args, terminal, async (genie) => {
    const report = await genie.init();
    if (terminal.json) {
      terminal.printJson(report);
      return EXIT_CODES.OK;
    }
    const c = terminal.out;
    const relative = (file: string): string => path.relative(report.workspace, file) || file;
    terminal.print(`${c.bold('workspace')} ${report.workspace}`);
    for (const file of report.created) terminal.print(`  ${c.green('created')} ${relative(file)}`);
    for (const file of report.skipped) terminal.print(`  ${c.dim(`kept    ${relative(file)}`)}`);
    terminal.print(c.dim('\nnext: genie list agents, then genie run <agent> "<prompt>"'));
    return EXIT_CODES.OK;
  });
}
