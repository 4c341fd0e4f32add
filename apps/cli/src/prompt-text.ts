import { GenieError } from '@genie/errors';

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk));
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * The prompt is every word after the agent or session, joined with spaces, so quoting is
 * optional. A lone `-` adds stdin to the prompt (`cat task.md | genie run impl -`).
 */
export async function promptText(words: ReadonlyArray<string | number>, command: string, fromStdin = false): Promise<string> {
  const typed = words.map(String).join(' ');
  const text = fromStdin ? [typed, (await readStdin()).trim()].filter((part) => part !== '').join('\n\n') : typed;
  if (text.trim() === '') {
    throw new GenieError('INVALID_INPUT', `\`genie ${command}\` needs a prompt.`, {
      hint: `Pass it after the ${command === 'run' ? 'agent' : 'session'}: genie ${command} <${command === 'run' ? 'agent' : 'session'}> "what to do" (or \`-\` to read it from stdin).`,
    });
  }
  return text;
}
