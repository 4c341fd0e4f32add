import type yargsParser from 'yargs-parser';
import { PARSER_CONFIGURATION, type OptionDeclaration } from './command-declarations';

/**
 * The options yargs hands yargs-parser for a command whose options (its own and the
 * global ones) are `declarations`: the same types, aliases, defaults and configuration.
 * (Choices are not the parser's business: yargs checks them after parsing. `key`, every
 * declared name, is yargs' too, though yargs-parser's type declarations leave it out.)
 */
export function parserOptions(declarations: Readonly<Record<string, OptionDeclaration>>): yargsParser.Options & { key: Record<string, boolean> } {
  const alias: Record<string, string[]> = {};
  const array: string[] = [];
  const boolean: string[] = [];
  const string: string[] = [];
  const defaults: Record<string, unknown> = {};
  const narg: Record<string, number> = {};
  const key: Record<string, boolean> = {};
  for (const [name, option] of Object.entries(declarations)) {
    key[name] = true;
    if (option.alias !== undefined) alias[name] = [option.alias];
    if (option.array === true) array.push(name);
    if (option.type === 'boolean') boolean.push(name);
    if (option.type === 'string') string.push(name);
    if (option.default !== undefined) defaults[name] = option.default;
    // What yargs' requiresArg sets: one value, and an error without one.
    if (option.requiresArg === true) narg[name] = Number.NaN;
  }
  return { alias, array, boolean, string, default: defaults, narg, key, configuration: { ...PARSER_CONFIGURATION } };
}
