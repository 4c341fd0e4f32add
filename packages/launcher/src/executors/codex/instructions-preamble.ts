/**
 * Codex has no flag for a system prompt, so agent instructions travel as a clearly
 * delimited preamble of the first prompt of a thread. Later turns do not repeat it:
 * the thread keeps it.
 */
export function withInstructionsPreamble(prompt: string, instructions: string | undefined): string {
  if (!instructions || instructions.trim() === '') return prompt;
  return `<instructions>\n${instructions}\n</instructions>\n\n${prompt}`;
}
