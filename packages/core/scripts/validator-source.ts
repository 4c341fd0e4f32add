import type { StandaloneValidators } from '../../../tooling/generate-standalone-validators';
import agentSchema from '../src/agents/agent-front-matter.schema.json';
import configSchema from '../src/config/genie-config.schema.json';

/**
 * The config and agent front-matter schemas, precompiled so opening genie never loads
 * ajv. `verbose` keeps each error's schema, from which the config error lists the keys
 * allowed where an unknown one was found.
 */
export const CORE_VALIDATORS: StandaloneValidators = {
  validators: { validateConfig: configSchema, validateAgentFrontMatter: agentSchema },
  outputPath: 'src/generated/validators.ts',
  schemasFrom: 'the *.schema.json files in src/',
  verbose: true,
};
