import type { Document, LineCounter } from 'yaml';
import { yaml } from './lazy-yaml';

export type YamlReading =
  | { ok: true; data: unknown; doc: Document; lines: LineCounter }
  | {
      ok: false;
      /** 1-based line in the file, when the problem has one. */
      line: number | null;
      problem: string;
    };

function reason(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Parses the YAML of a user's file to plain data and answers with a problem, never an
 * exception, whatever the text holds: a syntax error, an alias bomb the library refuses to
 * expand ("excessive alias count"), or nesting too deep to convert. Callers turn the
 * problem into their file's own error, so it names the file and carries a stable code.
 *
 * @param firstLine line of the file where `text` starts (front matter starts below `---`)
 */
export function readYamlText(text: string, options: { uniqueKeys?: boolean } = {}, firstLine = 1): YamlReading {
  const { LineCounter, parseDocument } = yaml();
  const lines = new LineCounter();
  let doc: Document;
  try {
    doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, ...options });
  } catch (error) {
    return { ok: false, line: null, problem: `its YAML cannot be parsed (${reason(error)})` };
  }
  const syntax = doc.errors[0];
  if (syntax) {
    const line = firstLine + lines.linePos(syntax.pos[0]).line - 1;
    return { ok: false, line, problem: `YAML syntax error at line ${line}: ${syntax.message}` };
  }
  try {
    return { ok: true, data: doc.toJS() ?? {}, doc, lines };
  } catch (error) {
    return { ok: false, line: null, problem: `its YAML cannot be expanded (${reason(error)})` };
  }
}
