/**
 * The top-level commands of `genie` (`ls` is `list`). Kept apart from the parser
 * (main.ts) so that the entry file can find the command without loading the parser; a
 * test checks the two agree.
 */
export const COMMAND_NAMES: ReadonlySet<string> = new Set(['run', 'resume', 'view', 'stop', 'list', 'ls', 'migrate', 'doctor', 'init', 'mcp', 'completion']);

/** Where the command is in the arguments: global options (`--cwd dir`) may come before it. */
export function commandIndex(argv: readonly string[]): number {
  return argv.findIndex((arg) => COMMAND_NAMES.has(arg));
}

/**
 * Which code-cache entry a run uses: its command, so each kind of run reuses the code it
 * compiles (see loadBundle). A fixed set, so odd arguments never add entries.
 */
export function compileCacheFlavor(argv: readonly string[]): string {
  const command = argv[commandIndex(argv)];
  if (command === undefined) return 'other';
  return command === 'ls' ? 'list' : command;
}
