import { existsSync } from 'node:fs';
import { isAbsolute } from 'node:path';
import type { DoctorReport } from '@genie/core';
import { EXIT_CODES } from '@genie/errors';
import { defineCommand, withGenie } from '../command';
import type { Colors } from '../output/colors';
import { plural } from '../output/format';

function renderDoctor(report: DoctorReport, storeExists: boolean, c: Colors): string {
  const ok = c.green('✔');
  const bad = c.red('✘');
  const lines = [`${c.bold('workspace')}  ${report.workspace}`, '', c.bold('executors')];
  for (const executor of report.executors) {
    const detail = executor.installed
      ? `${executor.path ?? executor.command}${executor.version ? c.dim(` (${executor.version})`) : ''}`
      : c.dim(executor.error ?? `\`${executor.command}\` not found on PATH`);
    lines.push(`  ${executor.installed ? ok : bad} ${executor.id.padEnd(8)} ${detail}`);
  }
  const store = report.store;
  lines.push('', c.bold('store'));
  // An unreadable store has no known session count; a missing one is simply not created yet.
  const usable = store.healthy || store.repaired;
  const count = !usable ? '' : storeExists ? ` · ${plural(store.sessions, 'session')}` : c.dim(' · no store yet (the first run creates it)');
  lines.push(`  ${usable ? ok : bad} ${store.location}${count}`);
  if (store.problem) lines.push(`    ${c.red(store.problem)}`);
  if (store.repaired) lines.push(`    ${ok} ${store.repairSummary ?? 'repaired'}`);
  else if (!usable && store.problemCode === 'STORE_VERSION_UNSUPPORTED') {
    // Not damaged: a newer genie wrote it. Its older backup would lose what that genie recorded.
    lines.push(`    ${c.yellow('a newer genie wrote this store: upgrade genie to use it (it is not damaged, so --repair would not help)')}`);
  } else if (!usable && store.sessionsOnlyInLogs > 0) {
    // Counted only for a sound store: nothing is damaged, and a repair only adds the missing records.
    lines.push(`    ${c.yellow('run `genie doctor --repair` to bring them back from their logs')}`);
  } else if (!usable && store.backupAvailable) lines.push(`    ${c.yellow('run `genie doctor --repair` to restore it (the damaged file is kept beside it)')}`);
  else if (!usable) {
    lines.push(
      `    ${c.yellow(
        'no previous version is kept, so --repair has nothing to restore: fix the file by hand, or move it away to start an empty store (genie never overwrites it)',
      )}`,
    );
  }
  const containment = report.containment;
  lines.push('', c.bold('process containment') + c.dim(' (what `stop` can reach)'));
  for (const option of containment.options) {
    const chosen = option.kind === containment.kind;
    const mark = option.available ? (chosen ? ok : c.dim('·')) : c.dim('✘');
    const label = chosen ? c.bold(option.kind.padEnd(14)) : option.kind.padEnd(14);
    lines.push(`  ${mark} ${label} ${c.dim(option.detail)}${chosen ? (containment.forced ? '  ← used (GENIE_CONTAINMENT)' : '  ← used') : ''}`);
  }
  if (containment.problem) lines.push(`    ${c.red(containment.problem)}`);
  if (report.reconciled.length > 0) {
    lines.push('', c.bold('reconciled sessions'));
    for (const entry of report.reconciled) {
      lines.push(`  ${entry.name ?? entry.sessionId}: ${entry.from} → ${entry.to}`);
    }
  }
  return lines.join('\n');
}

/** Exits 4 while the store is unhealthy, so scripts can gate on `genie doctor`. */
export default defineCommand({
  command: 'doctor',
  describe: 'Check executors, the session store and reconcile sessions whose runner died',
  builder: (y) => y.options({ repair: { type: 'boolean', default: false, describe: 'Restore a corrupt store from its kept previous version' } }),
  run: (args, terminal) =>
    withGenie(args, terminal, async (genie) => {
      const report = await genie.doctor({ repair: args.repair });
      // Only a file store can be missing; a memory store is `memory`, not a path.
      const storeExists = !isAbsolute(report.store.location) || existsSync(report.store.location);
      if (terminal.json) terminal.printJson(report);
      else terminal.print(renderDoctor(report, storeExists, terminal.out));
      return report.store.healthy || report.store.repaired ? EXIT_CODES.OK : EXIT_CODES.STORE_OR_CONFIG;
    }),
});
