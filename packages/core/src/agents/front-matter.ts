/** How far down the opening `---` may sit; real predecessor files put a few lines above it. */
const OPENING_SEARCH_LINES = 10;

export interface SplitMarkdown {
  /** The YAML between the fences; null when the file has no front matter. */
  yaml: string | null;
  /** 1-based line of the first YAML line, to report positions in the file. */
  yamlLine: number;
  body: string;
}

const FENCE = /^---\s*$/;
const CLOSING_FENCE = /^(---|\.\.\.)\s*$/;

/** A top-level line setting one of the keys an agent's front matter uses. */
const FRONT_MATTER_KEY = /^(name|description|color|parent|hidden|disabled|genie)\s*:/;

/**
 * Whether a fenced block below other lines is front matter rather than Markdown between
 * two horizontal rules. Prose rarely starts a line with a lowercase front matter key, and
 * a block that does is meant as front matter even when its YAML is broken, so the error
 * is reported instead of the settings being dropped.
 */
function looksLikeFrontMatter(block: string[]): boolean {
  return block.some((line) => FRONT_MATTER_KEY.test(line));
}

/**
 * Splits an agent file into front matter and body. A `---` on the first non-blank line
 * opens front matter, as everywhere else. Further down (within a few lines) it opens
 * front matter only when the block sets front matter keys: the predecessor required the
 * fence on line 1 and silently ignored every agent with a `**Last Updated:** ...` line
 * above it, while a plain Markdown agent may use `---` as a horizontal rule. Preamble
 * lines above front matter are document metadata, not part of the instructions.
 */
export function splitFrontMatter(text: string): SplitMarkdown {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const noFrontMatter: SplitMarkdown = { yaml: null, yamlLine: 0, body: lines.join('\n').trim() };
  const opening = lines.slice(0, OPENING_SEARCH_LINES).findIndex((line) => FENCE.test(line));
  if (opening === -1) return noFrontMatter;
  const closingOffset = lines.slice(opening + 1).findIndex((line) => CLOSING_FENCE.test(line));
  if (closingOffset === -1) return noFrontMatter;
  const closing = opening + 1 + closingOffset;
  const block = lines.slice(opening + 1, closing);
  const onFirstLine = lines.slice(0, opening).every((line) => line.trim() === '');
  if (!onFirstLine && !looksLikeFrontMatter(block)) return noFrontMatter;
  return { yaml: block.join('\n'), yamlLine: opening + 2, body: lines.slice(closing + 1).join('\n').trim() };
}
