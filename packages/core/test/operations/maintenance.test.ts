import fs from 'node:fs';
import path from 'node:path';
import { closeTestGenies, openTestGenie } from '../helpers/test-genie';
import { makeWorkspace, removeTempDirs } from '../helpers/temp-workspace';

afterAll(async () => {
  await closeTestGenies();
  removeTempDirs();
});

const V1_STORE = {
  version: 1,
  agents: {
    implementor: { sessionId: 'abc-123', agent: 'implementor', created: '2025-10-17T15:30:00.000Z', executor: 'codex' },
    reviewer: { sessionId: 'def-456', created: '2025-10-17T16:00:00.000Z' },
  },
};

function sessionsFile(root: string): string {
  return path.join(root, '.genie', 'state', 'agents', 'sessions.json');
}

function databaseFile(root: string): string {
  return path.join(root, '.genie', 'state', 'genie.db');
}

/** A workspace that keeps the JSON store (`storage.adapter: json`). */
const JSON_CONFIG = { 'config.yaml': 'storage:\n  adapter: json\n' };

describe('migrate', () => {
  it('reports what a dry run would import without touching anything, then imports and lists every session', async () => {
    const root = makeWorkspace({ 'state/agents/sessions.json': JSON.stringify(V1_STORE) });
    const before = fs.readFileSync(sessionsFile(root));
    const genie = await openTestGenie(root);
    const dry = await genie.migrate({ dryRun: true });
    expect(dry).toMatchObject({
      file: databaseFile(root),
      source: sessionsFile(root),
      fromVersion: 1,
      toVersion: 2,
      migrated: true,
      dryRun: true,
      sessions: 2,
    });
    expect(fs.existsSync(databaseFile(root))).toBe(false);

    const report = await genie.migrate();
    expect(report).toMatchObject({ fromVersion: 1, migrated: true, dryRun: false, sessions: 2, backupFile: sessionsFile(root) });
    expect(fs.readFileSync(sessionsFile(root))).toEqual(before);
    const listed = await genie.listSessions();
    expect(listed.map((session) => session.sessionId).sort()).toEqual(['abc-123', 'def-456']);
    expect(listed.find((session) => session.sessionId === 'def-456')?.agent).toBe('reviewer');
    expect(await genie.migrate()).toMatchObject({ migrated: false, sessions: 2, source: null });
  });

  it('migrates a V1 file in place for a workspace that keeps the JSON store', async () => {
    const root = makeWorkspace({ ...JSON_CONFIG, 'state/agents/sessions.json': JSON.stringify(V1_STORE) });
    const before = fs.readFileSync(sessionsFile(root));
    const genie = await openTestGenie(root);
    expect(await genie.migrate({ dryRun: true })).toMatchObject({ file: sessionsFile(root), fromVersion: 1, toVersion: 2, migrated: true });
    const report = await genie.migrate();
    expect(fs.readFileSync(report.backupFile as string)).toEqual(before);
    expect(JSON.parse(fs.readFileSync(sessionsFile(root), 'utf8')).version).toBe(2);
  });

  it('reports nothing to do for a missing store', async () => {
    const genie = await openTestGenie(makeWorkspace());
    expect(await genie.migrate()).toMatchObject({ migrated: false, sessions: 0, backupFile: null });
  });
});

describe('doctor', () => {
  it('finds the executors on the PATH genie was opened with, and reports a healthy empty store', async () => {
    const genie = await openTestGenie(makeWorkspace());
    const report = await genie.doctor();
    expect(report.workspace).toBe(genie.workspace);
    expect(report.executors.map((executor) => [executor.id, executor.installed])).toEqual([
      ['claude', true],
      ['codex', true],
    ]);
    expect(report.executors[0]?.version).toMatch(/\d+\.\d+\.\d+/);
    expect(report.store).toMatchObject({ location: databaseFile(genie.workspace), healthy: true, sessions: 0, repaired: false });
  });

  it('reports a corrupt JSON store and leaves it untouched; --repair restores the kept previous version', async () => {
    const root = makeWorkspace(JSON_CONFIG);
    const genie = await openTestGenie(root);
    await genie.run({ agent: 'shell', prompt: 'true', background: false });
    await genie.run({ agent: 'shell', prompt: 'true', background: false });
    await genie.close();
    fs.writeFileSync(sessionsFile(root), '{"version":2,"sessions":{');
    const corrupt = fs.readFileSync(sessionsFile(root));

    const reopened = await openTestGenie(root);
    const report = await reopened.doctor();
    expect(report.store.healthy).toBe(false);
    expect(report.store.problem).not.toBeNull();
    expect(report.store.problemCode).toBe('STORE_CORRUPT');
    expect(report.store.backupAvailable).toBe(true);
    expect(fs.readFileSync(sessionsFile(root))).toEqual(corrupt);
    await expect(reopened.listSessions()).rejects.toMatchObject({ code: 'STORE_CORRUPT' });

    const repaired = await reopened.doctor({ repair: true });
    expect(repaired.store).toMatchObject({ healthy: true, repaired: true, problemCode: null });
    expect(repaired.store.sessions).toBeGreaterThanOrEqual(1);
  });

  it('reports a JSON store of a newer version as such, and --repair refuses to replace it with the older backup', async () => {
    const root = makeWorkspace(JSON_CONFIG);
    const genie = await openTestGenie(root);
    await genie.run({ agent: 'shell', prompt: 'true', background: false });
    await genie.run({ agent: 'shell', prompt: 'true', background: false });
    await genie.close();
    const newer = JSON.stringify({ version: 99, sessions: {}, somethingNew: true });
    fs.writeFileSync(sessionsFile(root), newer);

    const reopened = await openTestGenie(root);
    const report = await reopened.doctor();
    expect(report.store).toMatchObject({ healthy: false, problemCode: 'STORE_VERSION_UNSUPPORTED', backupAvailable: true });
    await expect(reopened.doctor({ repair: true })).rejects.toMatchObject({
      code: 'STORE_VERSION_UNSUPPORTED',
      message: expect.stringContaining('version 99'),
      hint: expect.stringContaining('Upgrade genie'),
    });
    expect(fs.readFileSync(sessionsFile(root), 'utf8')).toBe(newer);
  });

  it.each([
    ['an emptied', 'sqlite', (root: string) => fs.writeFileSync(databaseFile(root), '')],
    ['a deleted', 'sqlite', (root: string) => fs.rmSync(databaseFile(root))],
    ['an emptied', 'json', (root: string) => fs.writeFileSync(sessionsFile(root), '{"version":2,"sessions":{}}')],
  ])('reports sessions whose event log outlived their record (%s %s store), and --repair brings them back from their logs', async (_what, adapter, damage) => {
    const root = makeWorkspace(adapter === 'json' ? JSON_CONFIG : {});
    const genie = await openTestGenie(root);
    const first = await genie.run({ agent: 'shell', prompt: 'echo one', name: 'keeper', background: false });
    await genie.resume({ session: first.sessionId, prompt: 'echo two', background: false });
    const second = await genie.run({ agent: 'shell', prompt: 'echo three', background: false });
    await genie.close();
    damage(root);

    const reopened = await openTestGenie(root);
    const report = await reopened.doctor();
    expect(report.store).toMatchObject({ healthy: false, problemCode: 'STORE_CORRUPT', backupAvailable: true, repaired: false });
    expect(report.store.problem).toContain('2 sessions');
    expect(report.store.problem).toContain('repair');

    const repaired = await reopened.doctor({ repair: true });
    expect(repaired.store).toMatchObject({ healthy: true, repaired: true, problemCode: null, sessions: 2 });
    const view = await reopened.view({ session: 'keeper' });
    expect(view).toMatchObject({ sessionId: first.sessionId, status: 'completed', turns: 2, answer: 'two', agent: 'shell' });
    expect((await reopened.view({ session: second.sessionId })).answer).toBe('three');
    const resumed = await reopened.resume({ session: first.sessionId, prompt: 'echo four', background: false });
    expect(resumed).toMatchObject({ status: 'completed', turns: 3, answer: 'four' });
    expect((await reopened.doctor()).store).toMatchObject({ healthy: true, sessions: 2 });
  });
});
