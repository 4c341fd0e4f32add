type YamlParser = typeof import('./yaml-parser');

let loaded: YamlParser | undefined;

/**
 * The yaml parser, loaded on first use. Commands in a workspace without config.yaml or
 * agent files never parse YAML, and loading the library costs several ms of every
 * start-up; it is synchronous because config and agent loading are.
 */
export function yaml(): YamlParser {
  loaded ??= require('./yaml-parser') as YamlParser;
  return loaded;
}
