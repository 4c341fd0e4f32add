import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';

type Structured = Record<string, any>;

async function call(client: Client, name: string, args: Record<string, unknown>): Promise<Structured> {
  const result = (await client.callTool({ name, arguments: args })) as CallToolResult;
  if (result.isError) throw new Error(`${name} failed: ${JSON.stringify(result.content)}`);
  return result.structuredContent as Structured;
}

/**
 * The flow an AI client follows, through a real transport: run → list_sessions → wait →
 * view → resume → view full → stop. Asserts what a user relies on, above all that the
 * second turn reached the first turn's conversation.
 */
export async function walkSession(client: Client, agent: string): Promise<void> {
  const started = await call(client, 'run', { agent, prompt: 'remember the green lamp' });
  const { sessionId, name } = started;
  expect(sessionId).toMatch(/^[0-9a-f-]{36}$/);

  const listed = await call(client, 'list_sessions', {});
  expect(listed.sessions.map((session: Structured) => session.sessionId)).toContain(sessionId);

  const waited = await call(client, 'wait', { sessionId, timeoutSeconds: 60 });
  expect(waited).toMatchObject({ finished: true, status: 'completed', answer: 'OK, I will remember the green lamp.' });

  const viewed = await call(client, 'view', { sessionId: name });
  expect(viewed).toMatchObject({ sessionId, status: 'completed', turns: 1 });

  const resumed = await call(client, 'resume', { sessionId: name, prompt: 'what did I ask you to remember?', background: false });
  expect(resumed).toMatchObject({ sessionId, status: 'completed', answer: 'You asked me to remember the green lamp.' });

  const full = await call(client, 'view', { sessionId, full: true });
  expect(full.transcript.map((turn: Structured) => turn.answer)).toEqual([
    'OK, I will remember the green lamp.',
    'You asked me to remember the green lamp.',
  ]);

  await call(client, 'resume', { sessionId, prompt: '[sleep:30000] take your time' });
  const stopped = await call(client, 'stop', { sessionId });
  expect(stopped).toMatchObject({ sessionId, status: 'stopped', turns: 3 });
}
