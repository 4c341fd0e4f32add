import { EXIT_CODES } from '@genie/errors';
import { defineCommand, withGenie } from '../command';

export default defineCommand({
  command: 'export',
  describe: "Print every session record in a file format (v2-json: the predecessor's sessions.json)",
  builder: (y) =>
    y.options({
      format: { type: 'string', choices: ['v2-json'] as const, default: 'v2-json' as const, describe: 'The format to write' },
    }),
  run: (args, terminal) =>
    withGenie(args, terminal, async (genie) => {
      // The export is the data, whatever --json says: one document on stdout.
      terminal.print((await genie.exportSessions({ format: args.format })).toString('utf8').trimEnd());
      return EXIT_CODES.OK;
    }),
});
