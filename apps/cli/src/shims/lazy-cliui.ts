/**
 * cliui, loaded the first time yargs lays out text with it.
 *
 * yargs loads cliui as soon as yargs itself loads, and cliui loads string-width, strip-ansi,
 * wrap-ansi, ansi-styles and color-convert, whose set-up (colour tables, an emoji pattern)
 * every command would pay for at start-up. But yargs lays out text only to show help or a
 * usage error, which a command that runs never does (see skipHelpCaching in main.ts), so
 * the bundle hands yargs this function in cliui's place (see tsup.config.ts).
 */
type Cliui = (options?: unknown) => unknown;

function lazyCliui(options?: unknown): unknown {
  return (require('cliui') as Cliui)(options);
}

export = lazyCliui;
