import { GenieError } from '@genie/errors';
import type { AgentDefinition } from '../../src/agents/agent-definition';
import { DEFAULT_CONFIG, type GenieConfig } from '../../src/config/genie-config';
import { effectiveExecutor } from '../../src/operations/turn-settings';

function agent(fields: Partial<AgentDefinition> = {}): AgentDefinition {
  return {
    id: 'a', name: 'a', description: null, color: null, parent: null, hidden: false, disabled: false,
    builtin: false, file: null, settings: {}, instructions: '', ...fields,
  };
}

const CONFIG: GenieConfig = {
  ...DEFAULT_CONFIG,
  executors: {
    claude: { binary: '/opt/claude', model: 'haiku', permissionMode: 'default' },
    gemini: { runArgs: ['gemini', '-p', '{prompt}'] },
  },
  modes: { careful: { model: 'opus', permissionMode: 'plan', background: false }, codex: { executor: 'codex', sandbox: 'read-only' } },
};

describe('effectiveExecutor', () => {
  it('layers config < mode < agent < caller', () => {
    const result = effectiveExecutor(CONFIG, agent({ mode: 'careful', settings: { permissionMode: 'acceptEdits' } }), { model: 'sonnet' });
    expect(result).toEqual({
      executor: 'claude',
      launcherExecutor: 'claude',
      mode: 'careful',
      settings: { binary: '/opt/claude', model: 'sonnet', permissionMode: 'acceptEdits' },
      background: false,
    });
  });

  it('takes the executor from the caller, then the agent, then the mode, then the default', () => {
    expect(effectiveExecutor(CONFIG, agent(), {}).executor).toBe('claude');
    expect(effectiveExecutor(CONFIG, agent({ mode: 'codex' }), {}).executor).toBe('codex');
    expect(effectiveExecutor(CONFIG, agent({ mode: 'codex', executor: 'claude' }), {}).executor).toBe('claude');
    expect(effectiveExecutor(CONFIG, agent({ executor: 'claude' }), { executor: 'codex' }).executor).toBe('codex');
  });

  it('drives a configured custom CLI with the command executor', () => {
    const result = effectiveExecutor(CONFIG, agent({ executor: 'gemini' }), {});
    expect(result.executor).toBe('gemini');
    expect(result.launcherExecutor).toBe('command');
    expect(result.settings.runArgs).toEqual(['gemini', '-p', '{prompt}']);
  });

  it('refuses an unknown executor or mode, naming the known ones', () => {
    expect(() => effectiveExecutor(CONFIG, agent({ executor: 'gpt' }), {})).toThrow(/Executor "gpt" is unknown/);
    try {
      effectiveExecutor(CONFIG, agent(), { mode: 'fast' });
      throw new Error('expected an error');
    } catch (error) {
      expect((error as GenieError).code).toBe('INVALID_INPUT');
      expect((error as GenieError).hint).toContain('careful, codex');
    }
  });

  it('accepts the predecessor mode name "default" without a definition', () => {
    expect(effectiveExecutor(CONFIG, agent({ mode: 'default' }), {}).mode).toBe('default');
  });

  it('uses the config background default when nobody chooses', () => {
    expect(effectiveExecutor({ ...CONFIG, defaults: { executor: 'claude', background: false } }, agent(), {}).background).toBe(false);
    expect(effectiveExecutor(CONFIG, agent({ background: false }), { background: true }).background).toBe(true);
  });
});
