'use strict';

/**
 * The deterministic "model" both doubles share. It answers only from what it is given
 * (the conversation so far and the system prompt), so a test can prove that a resume
 * really reached the earlier conversation.
 */
const RECALL = /what did i ask you to remember/i;
const REMEMBER = /^remember\s+(.+?)[.!]?$/i;
const INSTRUCTIONS = /what are your instructions/i;

/**
 * @param {{ prompt: string, history: Array<{ role: 'user' | 'assistant', text: string }>,
 *   instructions: string | null }} input  prompt without directives; history of earlier turns
 * @returns {string}
 */
function answer({ prompt, history, instructions }) {
  if (RECALL.test(prompt)) {
    const remembered = history
      .filter((entry) => entry.role === 'user')
      .map((entry) => REMEMBER.exec(entry.text.trim()))
      .filter(Boolean)
      .map((match) => match[1]);
    const last = remembered[remembered.length - 1];
    return last === undefined ? "I don't know." : `You asked me to remember ${last}.`;
  }
  const remember = REMEMBER.exec(prompt.trim());
  if (remember) return `OK, I will remember ${remember[1]}.`;
  if (INSTRUCTIONS.test(prompt)) {
    return instructions ? `My instructions are: ${instructions}` : 'I have no instructions.';
  }
  return `Done: ${prompt}`;
}

/** Token counts the doubles report, derived from text length so they are stable. */
function countTokens(text) {
  return Math.max(1, Math.ceil(text.length / 4));
}

module.exports = { answer, countTokens };
