'use strict';

/**
 * A small re-implementation of the commander.js parsing rules the real `claude` CLI
 * inherits, so the double rejects exactly what the real one rejects:
 * - an argument starting with `-` (longer than one char) is an option; unknown ones fail;
 * - a required value takes the next argument whatever it looks like;
 * - an optional value takes the next argument only when it does not look like an option;
 * - a variadic option (`<tools...>`) keeps taking arguments until one looks like an option,
 *   so a prompt placed right after `--allowedTools a` would be eaten as a tool name;
 * - `--` ends option parsing: everything after it is an operand;
 * - `--name=value` and combined short flags (`-pc`) work;
 * - an operand equal to a subcommand name dispatches to that subcommand, even after `--`.
 */
class CommanderError extends Error {}

/**
 * @param {string[]} args
 * @param {Array<{ short?: string, long: string, aliases?: string[], value?: 'required' | 'optional' | 'variadic', choices?: string[], flags: string }>} options
 * @returns {{ values: Record<string, unknown>, operands: string[] }}
 */
function parseCommander(args, options) {
  const values = {};
  const operands = [];
  const queue = [...args];
  const looksLikeOption = (arg) => arg.length > 1 && arg[0] === '-';
  const find = (flag) =>
    options.find((option) => option.long === flag || option.short === flag || (option.aliases || []).includes(flag));
  const set = (option, value) => {
    if (option.choices && !option.choices.includes(value)) {
      throw new CommanderError(
        `error: option '${option.flags}' argument '${value}' is invalid. Allowed choices are ${option.choices.join(', ')}.`,
      );
    }
    if (option.value === 'variadic') {
      values[option.long] = [...(values[option.long] || []), value];
    } else {
      values[option.long] = value;
    }
  };
  let variadic = null;
  while (queue.length > 0) {
    const arg = queue.shift();
    if (arg === '--') {
      operands.push(...queue);
      break;
    }
    if (variadic && !looksLikeOption(arg)) {
      set(variadic, arg);
      continue;
    }
    variadic = null;
    if (looksLikeOption(arg)) {
      const option = find(arg);
      if (option) {
        if (option.value === 'required' || option.value === 'variadic') {
          const value = queue.shift();
          if (value === undefined) throw new CommanderError(`error: option '${option.flags}' argument missing`);
          set(option, value);
          if (option.value === 'variadic') variadic = option;
        } else if (option.value === 'optional') {
          const next = queue[0];
          if (next !== undefined && !looksLikeOption(next)) set(option, queue.shift());
          else values[option.long] = true;
        } else {
          values[option.long] = true;
        }
        continue;
      }
    }
    if (arg.length > 2 && arg[0] === '-' && arg[1] !== '-') {
      const option = find(`-${arg[1]}`);
      if (option) {
        if (option.value) set(option, arg.slice(2));
        else {
          values[option.long] = true;
          queue.unshift(`-${arg.slice(2)}`);
        }
        continue;
      }
    }
    if (/^--[^=]+=/.test(arg)) {
      const index = arg.indexOf('=');
      const option = find(arg.slice(0, index));
      if (option && option.value) {
        set(option, arg.slice(index + 1));
        continue;
      }
    }
    if (looksLikeOption(arg)) throw new CommanderError(`error: unknown option '${arg}'`);
    operands.push(arg);
  }
  return { values, operands };
}

module.exports = { parseCommander, CommanderError };
