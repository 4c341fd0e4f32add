/**
 * What the fake models answer, worked out from the conversation they are sent, never from
 * state of their own: a CLI that lost its conversation cannot recall an earlier word.
 *
 * Directives in the latest prompt steer the model:
 *   [tool:CMD]    first answer is a shell tool call running CMD; after its result, a reply quoting it
 *   [think]       a reasoning block comes before the answer
 *   [slow:MS]     wait MS before answering (stop tests)
 *   [status:CODE] answer every call of this turn with HTTP CODE (401, 500, ...)
 */
export interface Conversation {
  /** The user's prompts in order, without the text CLIs add around them. */
  prompts: string[];
  /** Tool outputs sent back since the latest prompt. */
  toolResults: string[];
}

export type Reply =
  | { kind: 'error'; status: number }
  | { kind: 'tool'; command: string; reasoning?: string; delayMs: number }
  | { kind: 'text'; text: string; reasoning?: string; delayMs: number };

const DIRECTIVE = /\[(tool|think|slow|status)(?::([^\]]*))?\]/g;

export function reply(conversation: Conversation): Reply {
  const latest = conversation.prompts.at(-1) ?? '';
  const directives = [...latest.matchAll(DIRECTIVE)].map(([, name, value = '']) => ({ name, value }));
  const value = (name: string): string | undefined => directives.find((directive) => directive.name === name)?.value;
  const status = Number(value('status'));
  if (status >= 400) return { kind: 'error', status };
  const delayMs = Number(value('slow')) || 0;
  const text = plain(latest);
  const reasoning = value('think') !== undefined ? `Weighing how to answer: ${text}` : undefined;
  const command = value('tool');
  if (command && conversation.toolResults.length === 0) return { kind: 'tool', command, delayMs, ...(reasoning ? { reasoning } : {}) };
  return { kind: 'text', text: answer(text, conversation), delayMs, ...(reasoning ? { reasoning } : {}) };
}

function plain(prompt: string): string {
  return prompt.replace(DIRECTIVE, ' ').replace(/\s+/g, ' ').trim();
}

function answer(text: string, conversation: Conversation): string {
  const lastOutput = conversation.toolResults.at(-1);
  if (lastOutput !== undefined) return `The tool said: ${lastOutput.trim().split('\n').at(-1) ?? ''}`;
  if (/what did i ask you to remember\??/i.test(text)) {
    const earlier = conversation.prompts.slice(0, -1).map(plain).reverse();
    const remembered = earlier.map((prompt) => /\bremember (.+?)\.?$/i.exec(prompt)?.[1]).find(Boolean);
    return remembered ? `You asked me to remember ${remembered}.` : "I don't know: nothing in this conversation asked me to remember anything.";
  }
  const remember = /^remember (.+?)\.?$/i.exec(text);
  if (remember) return `OK, I will remember ${remember[1]}.`;
  return `Done: ${text}`;
}

/** A stable, rough token count (about four characters a token), so usage is predictable. */
export function tokensOf(text: string): number {
  return Math.max(1, Math.ceil(text.length / 4));
}
