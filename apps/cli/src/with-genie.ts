import { resolve } from 'node:path';
import { openGenie, type Genie } from '@genie/core';
import type { GlobalArgs } from './global-args';
import type { Terminal } from './output/terminal';

/**
 * Opens the library for one command and always closes it. Warnings the library raises
 * (migration notices, reconciled sessions) are diagnostics: they go to stderr.
 * Only command modules import this file, so @genie/core loads only for commands that use it.
 */
export async function withGenie<T>(args: GlobalArgs, terminal: Terminal, use: (genie: Genie) => Promise<T>): Promise<T> {
  const genie = await openGenie({
    cwd: args.cwd === undefined ? process.cwd() : resolve(args.cwd),
    env: process.env,
    onWarning: (message) => terminal.warn(message),
  });
  try {
    return await use(genie);
  } finally {
    await genie.close();
  }
}
