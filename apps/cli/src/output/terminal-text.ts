/**
 * Text from agents, prompts and records, made safe to show on a terminal. An agent's
 * output or a prompt may hold escape sequences that write the clipboard (OSC 52), set the
 * window title, clear the screen, move the cursor, or hide text; shown raw they act on
 * the user's terminal. Every escape sequence is removed but genie's own styles (bold,
 * dim and the few colours in colors.ts, which at most colour text), and every other
 * control character is shown as a visible stand-in (`^G`, `^M`) instead of acting. Tabs
 * and newlines stay. `--json` output never passes through here: it keeps the exact text.
 */

/** The SGR sequences colors.ts writes. */
const OWN_STYLE = /^\u001b\[(?:1|2|22|31|32|33|35|36|39)m$/;

const ESCAPE_SEQUENCES = [
  // CSI: ESC [ (or the 8-bit CSI) parameters, intermediates, final byte.
  '(?:\\u001b\\[|\\u009b)[\\u0030-\\u003f]*[\\u0020-\\u002f]*[\\u0040-\\u007e]',
  // OSC, DCS, SOS, PM, APC strings, up to BEL or ST; an unterminated one ends at the line.
  '(?:\\u001b[\\]PX^_]|[\\u0090\\u0098\\u009d\\u009e\\u009f])[^\\u0007\\u001b\\u009c\\n]*(?:\\u0007|\\u001b\\\\|\\u009c)?',
  // Two-character and nF sequences: ESC c (reset), ESC 7, ESC ( B, ...
  '\\u001b[\\u0020-\\u002f]*[\\u0030-\\u007e]',
];

/** C0 controls but tab and newline, DEL, C1 controls, and the bidi overrides that reorder what is shown. */
const CONTROL = '[\\u0000-\\u0008\\u000b-\\u001f\\u007f-\\u009f\\u202a-\\u202e\\u2066-\\u2069]';

/** Sequences first, so their ESC is not taken for a lone control character. */
const UNSAFE = new RegExp([...ESCAPE_SEQUENCES, CONTROL].join('|'), 'g');

function visible(char: string): string {
  const code = char.charCodeAt(0);
  if (code < 0x20) return `^${String.fromCharCode(code + 0x40)}`;
  if (code === 0x7f) return '^?';
  return '\ufffd';
}

export function terminalText(text: string): string {
  return text.replace(/\r\n/g, '\n').replace(UNSAFE, (match) => {
    if (match.length === 1) return visible(match);
    return OWN_STYLE.test(match) ? match : '';
  });
}
