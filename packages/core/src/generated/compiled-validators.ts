import type { CompiledValidator } from '@genie/session-schema';
import * as generated from './validators';

/**
 * The config and agent front-matter schemas, compiled by ajv ahead of time
 * (`npm run generate`), so opening genie never loads ajv or compiles; a test keeps the
 * generated code in step with the schema files.
 */
export const compiledValidators: { config: CompiledValidator; agentFrontMatter: CompiledValidator } = {
  config: generated.validateConfig as CompiledValidator,
  agentFrontMatter: generated.validateAgentFrontMatter as CompiledValidator,
};
