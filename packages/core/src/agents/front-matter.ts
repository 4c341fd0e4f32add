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

/**
 * Splits an agent file into front matter and body. The opening fence may follow a few
 * lines such as `**Last Updated:** ...`: the predecessor required it on line 1 and
 * silently ignored every such agent's settings. Those preamble lines are document
 * metadata, so they are not part of the instructions.
 */
export function splitFrontMatter(text: string): SplitMarkdown {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const opening = lines.slice(0, OPENING_SEARCH_LINES).findIndex((line) => FENCE.test(line));
  if (opening !== -1) {
    const closingOffset = lines.slice(opening + 1).findIndex((line) => FENCE.test(line) || /^\.\.\.\s*$/.test(line));
    if (closingOffset !== -1) {
      const closing = opening + 1 + closingOffset;
      return {
        yaml: lines.slice(opening + 1, closing).join('\n'),
        yamlLine: opening + 2,
        body: lines.slice(closing + 1).join('\n').trim(),
      };
    }
  }
  return { yaml: null, yamlLine: 0, body: lines.join('\n').trim() };
}
