/**
 * string-width, loaded the first time yargs measures text with it: like cliui (see
 * lazy-cliui.ts), yargs measures text only to lay out help or a usage error.
 */
type StringWidth = (text: string) => number;

function lazyStringWidth(text: string): number {
  return (require('string-width') as StringWidth)(text);
}

export = lazyStringWidth;
