import type { WorkerTurn } from '@genie/core';
import { EXIT_CODES } from '@genie/errors';
import { defineCommand, withGenie } from '../command';

/**
 * `genie worker`: runs the team's queued turns on this host until SIGTERM or Ctrl-C. The
 * first signal stops it taking turns; turns it started keep running under their own
 * supervisors (detached, renewing their leases), so a worker can be restarted or upgraded
 * without ending any turn. A second signal exits at once.
 */
export default defineCommand({
  command: 'worker',
  describe: 'Take queued turns from the team database and run them on this host (storage.adapter: postgres)',
  builder: (y) =>
    y
      .options({
        concurrency: { type: 'number', default: 2, requiresArg: true, describe: 'At most this many turns of this worker run at once' },
        label: {
          type: 'string',
          array: true,
          requiresArg: true,
          describe: 'A label this host offers (repeatable); agents with genie.labels go only to workers with all of them',
        },
        'poll-ms': { type: 'number', hidden: true, requiresArg: true, describe: 'How often an idle worker looks for turns' },
      })
      .example('$0 worker --concurrency 4', 'Run up to 4 turns at once on this host')
      .example('$0 worker --label gpu', 'Also take turns of agents that require the gpu label'),
  run: (args, terminal) =>
    withGenie(args, terminal, async (genie) => {
      const controller = new AbortController();
      let signals = 0;
      const onSignal = (signal: NodeJS.Signals): void => {
        signals += 1;
        if (signals > 1) {
          terminal.diag(terminal.err.yellow(`${signal} again: exiting now; turns already started go on under their supervisors.`));
          process.exit(signal === 'SIGINT' ? EXIT_CODES.INTERRUPTED : EXIT_CODES.OK);
        }
        terminal.diag(terminal.err.yellow(`${signal}: taking no more turns; turns already started go on under their supervisors. (Again to exit at once.)`));
        controller.abort();
      };
      process.on('SIGTERM', onSignal);
      process.on('SIGINT', onSignal);
      try {
        const report = await genie.work({
          ...(args.concurrency !== undefined ? { concurrency: args.concurrency } : {}),
          ...(args.label !== undefined ? { labels: args.label.map(String) } : {}),
          ...(args.pollMs !== undefined ? { pollMs: args.pollMs } : {}),
          signal: controller.signal,
          onReady: (ready) => {
            const labels = ready.labels.length > 0 ? `, labels ${ready.labels.join(', ')}` : '';
            terminal.diag(`genie worker on ${ready.host}: taking turns from ${ready.location} (concurrency ${ready.concurrency}${labels})`);
          },
          onTurn: (turn: WorkerTurn) => {
            if (terminal.json) return;
            terminal.print(`${turn.sessionId} ${turn.name ?? ''} turn ${turn.turn} ${turn.status}`.trimEnd());
          },
        });
        if (terminal.json) terminal.printJson(report);
        else terminal.diag(`genie worker on ${report.host} stopped: ${report.started} turns started, ${report.stillRunning} still running under their supervisors.`);
        return EXIT_CODES.OK;
      } finally {
        process.off('SIGTERM', onSignal);
        process.off('SIGINT', onSignal);
      }
    }),
});
