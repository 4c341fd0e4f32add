'use strict';

/**
 * The clap (Rust) parsing rules the real `codex` CLI inherits, for the subset of its
 * grammar genie uses. Usage errors exit 2, as clap does.
 * - options belong to the command they are declared on: an `exec` option placed after
 *   the `resume` subcommand is an unexpected argument;
 * - the first positional naming a subcommand (`resume`) starts it, unless it follows `--`;
 * - an option value may not start with `-`;
 * - `--` ends option parsing; more positionals than declared is an error.
 */
class ClapError extends Error {
  constructor(message, usage) {
    super(`error: ${message}\n\nUsage: ${usage}\n\nFor more information, try '--help'.`);
    this.exitCode = 2;
  }
}

/**
 * @param {string[]} args
 * @param {{ usage: string, options: Array<{ short?: string, long: string, aliases?: string[], value?: 'one' | 'many', valueName?: string, choices?: string[] }>, positionals: string[], subcommands?: string[] }} spec
 * @returns {{ values: Record<string, unknown>, positionals: string[], subcommand: string | null, rest: string[] }}
 */
function parseClap(args, spec) {
  const values = {};
  const positionals = [];
  const queue = [...args];
  const fail = (message) => {
    throw new ClapError(message, spec.usage);
  };
  const find = (flag) =>
    spec.options.find((option) => option.long === flag || option.short === flag || (option.aliases || []).includes(flag));
  const describe = (option) => `${option.long} <${option.valueName || 'VALUE'}>`;
  const take = (option, value) => {
    if (value === undefined || (value.startsWith('-') && value !== '-')) {
      fail(`a value is required for '${describe(option)}' but none was supplied`);
    }
    if (option.choices && !option.choices.includes(value)) {
      fail(`invalid value '${value}' for '${describe(option)}'\n  [possible values: ${option.choices.join(', ')}]`);
    }
    if (option.value === 'many') values[option.long] = [...(values[option.long] || []), value];
    else values[option.long] = value;
  };
  const addPositional = (arg) => {
    if (positionals.length >= spec.positionals.length) fail(`unexpected argument '${arg}' found`);
    positionals.push(arg);
  };
  while (queue.length > 0) {
    const arg = queue.shift();
    if (arg === '--') {
      for (const rest of queue) addPositional(rest);
      break;
    }
    if (arg.startsWith('--') && arg.length > 2) {
      const [flag, inline] = arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
      const option = find(flag);
      if (!option) fail(`unexpected argument '${flag}' found\n\n  tip: to pass '${flag}' as a value, use '-- ${flag}'`);
      if (option.value) take(option, inline !== undefined ? inline : queue.shift());
      else if (inline !== undefined) fail(`unexpected value '${inline}' for '${flag}' found; no more were expected`);
      else values[option.long] = true;
      continue;
    }
    if (arg.startsWith('-') && arg.length > 1) {
      const option = find(arg.slice(0, 2));
      if (!option) fail(`unexpected argument '${arg.slice(0, 2)}' found\n\n  tip: to pass '${arg}' as a value, use '-- ${arg}'`);
      if (option.value) take(option, arg.length > 2 ? arg.slice(2) : queue.shift());
      else if (arg.length > 2) fail(`unexpected argument '${arg}' found`);
      else values[option.long] = true;
      continue;
    }
    if (positionals.length === 0 && (spec.subcommands || []).includes(arg)) {
      return { values, positionals, subcommand: arg, rest: queue };
    }
    addPositional(arg);
  }
  return { values, positionals, subcommand: null, rest: [] };
}

module.exports = { parseClap, ClapError };
