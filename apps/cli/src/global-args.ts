/** Options every command accepts. */
export interface GlobalArgs {
  /** Directory to find the workspace from (default: the current directory). */
  cwd?: string;
  /** Print exactly one JSON document on stdout. */
  json: boolean;
}
