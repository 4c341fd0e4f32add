'use strict';

/**
 * Test directives embedded in a prompt, e.g. "[sleep:200] remember blue". They steer the
 * double's behaviour (timing, failures, tools, processes) and are removed from the text
 * the brain answers.
 */
const DIRECTIVE = /\[(sleep|hang|fail|apierror|tool|grandchild|fork|crash|stream)(?::([^\]]*))?\]/g;

/**
 * @param {string} prompt
 * @returns {{ text: string, sleepMs: number, hang: boolean, fail: boolean, apiError: boolean, tools: string[],
 *   grandchild: boolean, fork: boolean, crash: boolean, stream: number }}
 */
function parseDirectives(prompt) {
  const found = {
    text: '',
    sleepMs: 0,
    hang: false,
    fail: false,
    apiError: false,
    tools: [],
    grandchild: false,
    fork: false,
    crash: false,
    stream: 0,
  };
  for (const match of prompt.matchAll(DIRECTIVE)) {
    const [, name, value = ''] = match;
    if (name === 'sleep') found.sleepMs += Number(value) || 0;
    else if (name === 'tool') found.tools.push(value);
    else if (name === 'stream') found.stream = Number(value) || 0;
    else if (name === 'apierror') found.apiError = true;
    else found[name] = true;
  }
  found.text = prompt.replace(DIRECTIVE, ' ').replace(/\s+/g, ' ').trim();
  return found;
}

module.exports = { parseDirectives };
