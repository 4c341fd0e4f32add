import { GenieError } from '@genie/errors';

export function requirePrompt(prompt: string | undefined): string {
  if (typeof prompt !== 'string' || prompt.trim() === '') {
    throw new GenieError('INVALID_INPUT', 'No prompt given.', {
      hint: 'Say what the agent should do, e.g. `genie run shell "ls -la"`.',
    });
  }
  return prompt;
}
