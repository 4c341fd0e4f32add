/** Values a `command` executor's argv template may refer to as `{name}`. */
export interface TemplateValues {
  prompt: string;
  sessionId: string;
  executorSessionId: string;
  instructionsFile: string;
  cwd: string;
}

const PLACEHOLDER = /\{(prompt|sessionId|executorSessionId|instructionsFile|cwd)\}/g;

/**
 * Substitutes placeholders inside each argv element. Each element stays exactly one argv
 * entry whatever the values contain (spaces, quotes, `$`), because nothing goes through
 * a shell. Unknown `{words}` are left as written.
 */
export function expandTemplate(template: readonly string[], values: TemplateValues): string[] {
  return template.map((element) => element.replace(PLACEHOLDER, (_match, name: keyof TemplateValues) => values[name]));
}
