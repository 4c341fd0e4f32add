import { GenieError } from '@genie/errors';

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk));
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * The prompt is every word after the agent or session, joined with spaces, so quoting is
 * optional. A single `-` reads the prompt from stdin (`cat task.md | genie run impl -`).
 */
export async function promptText(words: ReadonlyArray<string | number> | undefined, command: string): Promise<string> {
  const parts = (words ?? []).map(String);
  const text = parts.length === 1 && parts[0] === '-' ? (await readStdin()).trim() : parts.join(' ');
  if (text.trim() === '') {
    throw new GenieError('INVALID_INPUT', `\`genie ${command}\` needs a prompt.`, {
      hint: `Pass it after the ${command === 'run' ? 'agent' : 'session'}: genie ${command} <${command === 'run' ? 'agent' : 'session'}> "what to do" (or \`-\` to read it from stdin).`,
    });
  }
  return text;
}
