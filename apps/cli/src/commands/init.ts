import path from 'node:path';
import { EXIT_CODES } from '@genie/errors';
import { defineCommand, withGenie } from '../command';

export default defineCommand({
  command: 'init',
  describe: 'Create .genie/ with a commented config.yaml and example agents: in the enclosing workspace if there is one, else here; never overwrites',
  builder: (y) => y,
  run: (args, terminal) =>
    withGenie(args, terminal, async (genie) => {
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
    }),
});
