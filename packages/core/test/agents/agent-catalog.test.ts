import fs from 'node:fs';
import path from 'node:path';
import { GenieError } from '@genie/errors';
import { AgentCatalog } from '../../src/agents/agent-catalog';
import { makeWorkspace, removeTempDirs } from '../helpers/temp-workspace';
import { asUnprivileged, openPathTo } from '../../../../tooling/unprivileged';

/** Nine levels of nine-fold aliases: a billion strings once expanded. */
const ALIAS_BOMB = ['a: &a ["x","x","x","x","x","x","x","x","x"]', ...'bcdefghi'.split('').map((name, index) => {
  const previous = 'abcdefghi'[index] as string;
  return `${name}: &${name} [${Array(9).fill(`*${previous}`).join(',')}]`;
})].map((line) => `  ${line}\n`).join('');

afterAll(removeTempDirs);

function agentsDirOf(files: Record<string, string>): string {
  return path.join(makeWorkspace(files), '.genie', 'agents');
}

function catalogOf(files: Record<string, string>): { catalog: AgentCatalog; agentsDir: string } {
  const root = makeWorkspace(files);
  const agentsDir = path.join(root, '.genie', 'agents');
  return { catalog: AgentCatalog.load(agentsDir), agentsDir };
}

function errorOf(fn: () => unknown): GenieError {
  try {
    fn();
  } catch (error) {
    if (error instanceof GenieError) return error;
    throw error;
  }
  throw new Error('expected a GenieError');
}

const REVIEWER = `---
name: Code Reviewer
description: Reviews diffs
color: blue
genie:
  executor: codex
  model: gpt-5-codex
  sandbox: read-only
  background: false
  allowedTools: Read, Grep
---
Review the change carefully.
`;

describe('AgentCatalog', () => {
  it('reads agents from nested folders with ids relative to agents/', () => {
    const { catalog, agentsDir } = catalogOf({
      'agents/qa/reviewer.md': REVIEWER,
      'agents/implementor.md': 'Implement things.',
      'agents/README.md': '# About these agents',
    });
    expect(catalog.list().map((agent) => agent.id)).toEqual(['implementor', 'qa/reviewer', 'shell']);
    const reviewer = catalog.resolve('qa/reviewer');
    expect(reviewer).toMatchObject({
      id: 'qa/reviewer',
      name: 'Code Reviewer',
      description: 'Reviews diffs',
      color: 'blue',
      executor: 'codex',
      background: false,
      builtin: false,
      file: path.join(agentsDir, 'qa', 'reviewer.md'),
      instructions: 'Review the change carefully.',
    });
    expect(reviewer.settings).toEqual({ model: 'gpt-5-codex', sandbox: 'read-only', allowedTools: ['Read', 'Grep'] });
    const plain = catalog.resolve('implementor');
    expect(plain.name).toBe('implementor');
    expect(plain.instructions).toBe('Implement things.');
    expect(plain.executor).toBeUndefined();
  });

  it('keeps front matter that follows a preamble line (the predecessor lost it)', () => {
    const { catalog } = catalogOf({
      'agents/implementor.md': '**Last Updated:** 2025-10-17\n\n---\nname: implementor\ngenie:\n  executor: codex\n  model: o4\n---\nWrite code.\n',
    });
    const agent = catalog.resolve('implementor');
    expect(agent.executor).toBe('codex');
    expect(agent.settings.model).toBe('o4');
    expect(agent.instructions).toBe('Write code.');
  });

  it('finds an agent by id, by unique basename and by name', () => {
    const { catalog } = catalogOf({ 'agents/qa/reviewer.md': REVIEWER });
    expect(catalog.resolve('qa/reviewer').id).toBe('qa/reviewer');
    expect(catalog.resolve('reviewer').id).toBe('qa/reviewer');
    expect(catalog.resolve('Code Reviewer').id).toBe('qa/reviewer');
    expect(catalog.resolve('qa/reviewer.md').id).toBe('qa/reviewer');
  });

  it('lists the candidates when a basename is ambiguous', () => {
    const { catalog } = catalogOf({ 'agents/qa/reviewer.md': 'a', 'agents/docs/reviewer.md': 'b' });
    const error = errorOf(() => catalog.resolve('reviewer'));
    expect(error.code).toBe('AGENT_AMBIGUOUS');
    expect(error.message).toContain('docs/reviewer, qa/reviewer');
    expect(error.details.candidates).toEqual(['docs/reviewer', 'qa/reviewer']);
  });

  it('names the closest ids for an unknown agent', () => {
    const { catalog } = catalogOf({ 'agents/implementor.md': 'x', 'agents/qa/reviewer.md': 'y', 'agents/planner.md': 'z' });
    const error = errorOf(() => catalog.resolve('implementer'));
    expect(error.code).toBe('AGENT_NOT_FOUND');
    expect(error.message).toContain('Closest: implementor');
    expect(error.hint).toContain('genie list agents');
    expect((error.details.closest as string[])[0]).toBe('implementor');
  });

  it.each(['../secrets', 'qa/../../x', '/etc/passwd', 'C:\\agents\\x', 'qa\\reviewer', ''])('refuses the reference %j', (reference) => {
    const { catalog } = catalogOf({ 'agents/a.md': 'x' });
    expect(errorOf(() => catalog.resolve(reference)).code).toBe('INVALID_INPUT');
  });

  it('leaves out an agent file with broken YAML with one warning, and names file and problem when it is resolved', () => {
    const warnings: string[] = [];
    const root = makeWorkspace({ 'agents/broken.md': '---\nname: [broken\n---\nbody', 'agents/good.md': 'Do good.' });
    const agentsDir = path.join(root, '.genie', 'agents');
    const catalog = AgentCatalog.load(agentsDir, (message) => warnings.push(message));
    expect(catalog.list().map((agent) => agent.id)).toEqual(['good', 'shell']);
    const file = path.join(agentsDir, 'broken.md');
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain(file);
    expect(warnings[0]).toContain('YAML syntax error at line 2');
    expect(catalog.resolve('good').instructions).toBe('Do good.');
    warnings.length = 0;
    const error = errorOf(() => catalog.resolve('broken'));
    expect(error.code).toBe('AGENT_INVALID');
    expect(error.message).toContain(file);
    expect(error.message).toContain('YAML syntax error at line 2');
    expect(error.hint).toContain('Fix the YAML front matter');
    expect(errorOf(() => catalog.resolveRunnable('broken.md')).code).toBe('AGENT_INVALID');
    expect(warnings).toEqual([]);
  });

  it.each([['an alias bomb', `---\nname: bomb\ngenie:\n${ALIAS_BOMB}---\nboom`, 'cannot be expanded']])(
    'leaves out an agent file holding %s, names it, and keeps every other agent usable',
    (_kind, text, problem) => {
      const warnings: string[] = [];
      const root = makeWorkspace({ 'agents/bad.md': text, 'agents/good.md': 'Do good.' });
      const agentsDir = path.join(root, '.genie', 'agents');
      const catalog = AgentCatalog.load(agentsDir, (message) => warnings.push(message));
      expect(catalog.list().map((agent) => agent.id)).toEqual(['good', 'shell']);
      expect(catalog.resolveRunnable('good').instructions).toBe('Do good.');
      expect(warnings[0]).toContain(path.join(agentsDir, 'bad.md'));
      const error = errorOf(() => catalog.resolve('bad'));
      expect(error.code).toBe('AGENT_INVALID');
      expect(error.message).toContain(path.join(agentsDir, 'bad.md'));
      expect(error.message).toContain(problem);
    },
  );

  it('names the file and key of a front matter value of the wrong type', () => {
    const { catalog, agentsDir } = catalogOf({ 'agents/typed.md': '---\ngenie:\n  background: sometimes\n---\nbody' });
    const error = errorOf(() => catalog.resolve('typed'));
    expect(error.code).toBe('AGENT_INVALID');
    expect(error.message).toContain(path.join(agentsDir, 'typed.md'));
    expect(error.message).toContain('genie.background must be boolean');
  });

  it('does not fall back to a built-in agent whose replacement file is broken', () => {
    const { catalog } = catalogOf({ 'agents/shell.md': '---\ngenie: [\n---\nx' });
    expect(catalog.list().map((agent) => agent.id)).toEqual([]);
    expect(errorOf(() => catalog.resolve('shell')).code).toBe('AGENT_INVALID');
  });

  it('counts a broken file when a basename is ambiguous', () => {
    const { catalog } = catalogOf({ 'agents/qa/reviewer.md': 'a', 'agents/docs/reviewer.md': '---\nname: [x\n---' });
    expect(errorOf(() => catalog.resolve('reviewer')).message).toContain('docs/reviewer, qa/reviewer');
    expect(errorOf(() => catalog.resolve('docs/reviewer')).code).toBe('AGENT_INVALID');
  });

  it('reads a plain Markdown agent that uses --- as horizontal rules', () => {
    const body = '# Planner\n\nPlan the work.\n\n---\n\nThen write it down.\n\n---\n\nDone.';
    const { catalog } = catalogOf({ 'agents/planner.md': `${body}\n` });
    const planner = catalog.resolve('planner');
    expect(planner.instructions).toBe(body);
    expect(planner.name).toBe('planner');
  });

  it('hides hidden agents unless asked and never lists or runs disabled ones', () => {
    const { catalog } = catalogOf({
      'agents/secret.md': '---\nhidden: true\n---\nx',
      'agents/retired.md': '---\ndisabled: true\n---\nx',
    });
    expect(catalog.list().map((agent) => agent.id)).toEqual(['shell']);
    expect(catalog.list({ includeHidden: true }).map((agent) => agent.id)).toEqual(['secret', 'shell']);
    expect(catalog.resolveRunnable('secret').id).toBe('secret');
    expect(errorOf(() => catalog.resolveRunnable('retired')).message).toContain('disabled');
  });

  it('offers the built-in shell agent without any .genie/ folder, and lets a file replace it', () => {
    const bare = AgentCatalog.load(path.join(makeWorkspace(), 'nowhere', 'agents'));
    const shell = bare.resolve('shell');
    expect(shell.builtin).toBe(true);
    expect(shell.executor).toBe('command');
    const { catalog } = catalogOf({ 'agents/shell.md': '---\ndescription: my shell\n---\nx' });
    expect(catalog.resolve('shell')).toMatchObject({ builtin: false, description: 'my shell' });
  });
});

describe('AgentCatalog with files it cannot read', () => {
  it('leaves out an unreadable agent file with a warning and names it, with a fix, when resolved', () => {
    const root = makeWorkspace({ 'agents/secret.md': 'x', 'agents/open.md': 'Open.' });
    const agentsDir = path.join(root, '.genie', 'agents');
    openPathTo(root, agentsDir);
    const secret = path.join(agentsDir, 'secret.md');
    fs.chmodSync(secret, 0o000);
    const warnings: string[] = [];
    const { ids, error } = asUnprivileged(() => {
      const catalog = AgentCatalog.load(agentsDir, (message) => warnings.push(message));
      return { ids: catalog.list().map((agent) => agent.id), error: errorOf(() => catalog.resolve('secret')) };
    });
    expect(ids).toEqual(['open', 'shell']);
    expect(warnings).toEqual([expect.stringContaining(`${secret}: permission denied`)]);
    expect(error.code).toBe('AGENT_INVALID');
    expect(error.message).toBe(`Agent file ${secret} cannot be read: permission denied.`);
    expect(error.hint).toContain(`chmod u+r "${secret}"`);
  });

  it('leaves out an unreadable folder with a warning, and says an agent not found may be in it', () => {
    const root = makeWorkspace({ 'agents/private/hidden-agent.md': 'x', 'agents/open.md': 'Open.' });
    const agentsDir = path.join(root, '.genie', 'agents');
    openPathTo(root, agentsDir);
    const privateDir = path.join(agentsDir, 'private');
    fs.chmodSync(privateDir, 0o000);
    const warnings: string[] = [];
    const { ids, error } = asUnprivileged(() => {
      const catalog = AgentCatalog.load(agentsDir, (message) => warnings.push(message));
      return { ids: catalog.list().map((agent) => agent.id), error: errorOf(() => catalog.resolve('hidden-agent')) };
    });
    expect(ids).toEqual(['open', 'shell']);
    expect(warnings[0]).toContain(`${privateDir}: permission denied`);
    expect(error.code).toBe('AGENT_INVALID');
    expect(error.message).toContain(`${privateDir} cannot be read (permission denied)`);
    expect(error.hint).toContain(`chmod u+rx "${privateDir}"`);
  });

  it('reports an agents "folder" that is a file, keeping the built-in agents', () => {
    const root = makeWorkspace({ agents: 'not a folder' });
    const warnings: string[] = [];
    const catalog = AgentCatalog.load(path.join(root, '.genie', 'agents'), (message) => warnings.push(message));
    expect(catalog.list().map((agent) => agent.id)).toEqual(['shell']);
    expect(warnings).toEqual([expect.stringContaining('it is not a folder')]);
    expect(errorOf(() => catalog.resolve('helper')).code).toBe('AGENT_INVALID');
  });
});
