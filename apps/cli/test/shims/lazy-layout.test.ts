import lazyCliui = require('../../src/shims/lazy-cliui');
import lazyStringWidth = require('../../src/shims/lazy-string-width');

type Layout = { div: (...columns: Array<string | { text: string; width?: number; padding?: number[] }>) => void; toString: () => string };
const cliui = require('cliui') as (options?: unknown) => Layout;
const stringWidth = require('string-width') as (text: string) => number;

/** What yargs does with cliui to lay out a command list. */
function layOut(make: (options?: unknown) => unknown): string {
  const ui = make({ width: 40, wrap: true }) as Layout;
  ui.div({ text: 'genie run <agent> [prompt..]', width: 20, padding: [0, 2, 0, 0] }, 'Start an agent on a prompt; prints the session id at once');
  ui.div('done');
  return ui.toString();
}

describe('the help layout stand-ins yargs gets in the bundle', () => {
  it('lay out text exactly as cliui does', () => {
    expect(layOut(lazyCliui)).toBe(layOut(cliui));
    expect(layOut(lazyCliui).split('\n').length).toBeGreaterThan(2);
  });

  it.each(['plain', '', '\u001b[31mred\u001b[39m', '日本語', 'café', '👍 ok'])('measure %j as string-width does', (text) => {
    expect(lazyStringWidth(text)).toBe(stringWidth(text));
  });
});
