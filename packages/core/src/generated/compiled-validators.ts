import type { CompiledValidator } from '@genie/session-schema';

type GeneratedValidators = typeof import('./validators');

let generated: GeneratedValidators | undefined;

/** The generated code, evaluated on the first validation: a workspace without config.yaml or agent files never pays for it. */
function validators(): GeneratedValidators {
  generated ??= require('./validators') as GeneratedValidators;
  return generated;
}

/**
 * The config and agent front-matter schemas, compiled by ajv ahead of time
 * (`npm run generate`), so opening genie never loads ajv or compiles; a test keeps the
 * generated code in step with the schema files.
 */
export const compiledValidators: { readonly config: CompiledValidator; readonly agentFrontMatter: CompiledValidator } = {
  get config() {
    return validators().validateConfig as CompiledValidator;
  },
  get agentFrontMatter() {
    return validators().validateAgentFrontMatter as CompiledValidator;
  },
};
