import type * as Yaml from 'yaml';

let loaded: typeof Yaml | undefined;

/**
 * The yaml library, loaded on first use. Commands in a workspace without config.yaml or
 * agent files never parse YAML, and evaluating the library costs several ms of every
 * start-up; it is synchronous because config and agent loading are.
 */
export function yaml(): typeof Yaml {
  loaded ??= require('yaml') as typeof Yaml;
  return loaded;
}
