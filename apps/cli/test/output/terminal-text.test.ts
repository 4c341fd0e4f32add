import { createColors } from '../../src/output/colors';
import { terminalText } from '../../src/output/terminal-text';

describe('terminalText', () => {
  it.each([
    ['an OSC 52 clipboard write', 'a\u001b]52;c;ZWNobyBwd25lZA==\u0007b', 'ab'],
    ['a window title set, ended by ST', 'x\u001b]0;pwned\u001b\\y', 'xy'],
    ['clear screen and cursor moves', 'x\u001b[2J\u001b[H\u001b[10;5fy', 'xy'],
    ['8-bit CSI', 'x\u009b2Jy', 'xy'],
    ['a terminal reset', 'x\u001bcy', 'xy'],
    ['an unterminated OSC, which ends at the line', 'x\u001b]0;title\nnext', 'x\nnext'],
    ['colours that are not genie\'s own, and hidden text', '\u001b[8mhidden\u001b[0m', 'hidden'],
  ])('removes %s', (_kind, text, shown) => {
    expect(terminalText(text)).toBe(shown);
  });

  it('shows other control characters as visible stand-ins, and keeps tabs, newlines and any script', () => {
    expect(terminalText('bell\u0007 cr\rx del\u007f lone\u001b')).toBe('bell^G cr^Mx del^? lone^[');
    expect(terminalText('\u202eevil')).toBe('\ufffdevil');
    expect(terminalText('a\tb\r\nc ü 漢字 🙂')).toBe('a\tb\nc ü 漢字 🙂');
  });

  it("keeps genie's own styles", () => {
    const c = createColors(true);
    const styled = `${c.bold('name')} ${c.red('failed')} ${c.dim(c.green('ok'))} ${c.yellow('!')} ${c.cyan('→')} ${c.magenta('m')}`;
    expect(terminalText(styled)).toBe(styled);
  });
});
