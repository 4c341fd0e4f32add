import { GenieError } from '@genie/errors';

/**
 * The prompt of a run or resume, checked before anything is recorded: a turn that could
 * never start must be refused, not kept as a failed session.
 */
export function requirePrompt(prompt: string | undefined): string {
  if (typeof prompt !== 'string' || prompt.trim() === '') {
    throw new GenieError('INVALID_INPUT', 'No prompt given.', {
      hint: 'Say what the agent should do, e.g. `genie run shell "ls -la"`.',
    });
  }
  const nul = prompt.indexOf('\u0000');
  if (nul !== -1) {
    // Programs receive their arguments and read text as C strings, which end at a NUL.
    throw new GenieError('INVALID_INPUT', `The prompt contains a NUL character (at character ${nul + 1}), which no agent CLI can receive.`, {
      hint: "Remove the NUL characters from the prompt (`tr -d '\\000'` does it for a file); nothing was started.",
      details: { position: nul },
    });
  }
  return prompt;
}
