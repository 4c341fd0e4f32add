import { colorEnabled, createColors, type Colors } from './colors';
import { Spinner } from './spinner';
import { terminalText } from './terminal-text';

/**
 * Where the CLI writes. stdout carries data (human output or exactly one JSON document),
 * stderr carries diagnostics: warnings, notices and the progress indicator. Human text
 * holds what agents and prompts wrote, so it is made safe for a terminal on its way out
 * (terminalText); JSON documents are written exactly.
 */
export class Terminal {
  /** Styles for text written to stdout. */
  readonly out: Colors;
  /** Styles for text written to stderr. */
  readonly err: Colors;
  private spinner: Spinner | undefined;

  constructor(
    readonly json: boolean,
    private readonly env: NodeJS.ProcessEnv = process.env,
    private readonly stdout: NodeJS.WriteStream = process.stdout,
    private readonly stderr: NodeJS.WriteStream = process.stderr,
  ) {
    this.out = createColors(colorEnabled(stdout, env));
    this.err = createColors(colorEnabled(stderr, env));
  }

  /** Width to fit tables into; unlimited when stdout is not a terminal. */
  get columns(): number | undefined {
    return this.stdout.isTTY ? this.stdout.columns : undefined;
  }

  print(text = ''): void {
    this.spinner?.clear();
    this.stdout.write(`${terminalText(text)}\n`);
  }

  /** Indented for a person on a terminal; compact in a pipe, where a program reads it. */
  printJson(document: unknown): void {
    this.spinner?.clear();
    const text = this.stdout.isTTY ? JSON.stringify(document, null, 2) : JSON.stringify(document);
    this.stdout.write(`${text}\n`);
  }

  /**
   * A JSON document already serialised compactly, in parts (see listSessionsJson), as
   * printJson would print it: as it is in a pipe, indented on a terminal. When the reader has
   * gone (`| head`), the parts left are neither rendered nor written.
   */
  printJsonText(parts: Iterable<string>): void {
    if (this.stdout.isTTY) {
      this.printJson(JSON.parse([...parts].join('')));
      return;
    }
    this.spinner?.clear();
    for (const part of parts) {
      if (this.stdout.destroyed) return;
      this.stdout.write(part);
    }
    this.stdout.write('\n');
  }

  diag(text: string): void {
    this.spinner?.clear();
    this.stderr.write(`${terminalText(text)}\n`);
  }

  warn(message: string): void {
    this.diag(`${this.err.yellow('warning:')} ${message}`);
  }

  /** Shows a progress indicator on a terminal only; a no-op in pipes and with --json. */
  startProgress(text: string): void {
    if (this.json || this.stderr.isTTY !== true || this.env.CI) return;
    const label = terminalText(text).replace(/\s+/g, ' ');
    if (this.spinner) {
      this.spinner.setLabel(label);
      return;
    }
    this.spinner = new Spinner(this.stderr, label);
    this.spinner.start();
  }

  stopProgress(): void {
    this.spinner?.stop();
    this.spinner = undefined;
  }
}
