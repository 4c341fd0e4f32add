/**
 * The part of the yaml library genie uses, built into its own file (dist/yaml-parser.js)
 * that lazy-yaml requires on first use: inlined in the main bundle, its ~260 KB were
 * parsed by V8 on every start-up, even by commands that never read YAML.
 */
export { LineCounter, parseDocument } from 'yaml';
