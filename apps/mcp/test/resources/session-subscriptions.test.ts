import { ResourceUpdatedNotificationSchema } from '@modelcontextprotocol/sdk/types.js';
import { openGenie } from '@genie/core';
import { connect, type Connected } from '../helpers/connect';

/** Polls `check` until it holds; generous, so a loaded machine only makes it slower. */
async function until(check: () => boolean | Promise<boolean>, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('resource subscriptions', () => {
  let mcp: Connected;
  afterEach(async () => mcp.close());

  it('advertises subscribe, and notifies a subscriber when the detached supervisor ends the turn', async () => {
    mcp = await connect();
    expect(mcp.client.getServerCapabilities()?.resources?.subscribe).toBe(true);
    const updated: string[] = [];
    mcp.client.setNotificationHandler(ResourceUpdatedNotificationSchema, (notification) => {
      updated.push(notification.params.uri);
    });
    const run = await mcp.call('run', { agent: 'coder', prompt: '[sleep:1500] remember teal' });
    const uri = `genie://sessions/${run.structuredContent?.sessionId}`;
    await mcp.client.subscribeResource({ uri });
    await until(() => updated.length > 0 && updated.every((u) => u === uri));
    await until(async () => (await mcp.genie.view({ session: uri.slice('genie://sessions/'.length) })).status === 'completed');
    const read = await mcp.client.readResource({ uri });
    expect(JSON.parse((read.contents[0] as { text: string }).text)).toMatchObject({ status: 'completed' });
  });

  it('notifies about a resume made by another process and stops after unsubscribe', async () => {
    mcp = await connect();
    const updated: string[] = [];
    mcp.client.setNotificationHandler(ResourceUpdatedNotificationSchema, (notification) => {
      updated.push(notification.params.uri);
    });
    const run = await mcp.call('run', { agent: 'coder', prompt: 'remember amber', background: false });
    const name = run.structuredContent?.name as string;
    const uri = `genie://sessions/${name}`;
    await mcp.client.subscribeResource({ uri });
    expect(updated).toEqual([]);

    // Another genie (as the CLI would be) resumes the session: this server never sees the call.
    const other = await openGenie({ cwd: mcp.workspace.dir, env: mcp.workspace.env });
    try {
      await other.resume({ session: name, prompt: 'what did I ask you to remember?', background: false });
      await until(() => updated.length > 0);
      expect(new Set(updated)).toEqual(new Set([uri]));

      await mcp.client.unsubscribeResource({ uri });
      const seen = updated.length;
      await other.resume({ session: name, prompt: 'remember more', background: false });
      // A poll interval or two passes without a notification.
      await new Promise((resolve) => setTimeout(resolve, 1500));
      expect(updated).toHaveLength(seen);
    } finally {
      await other.close();
    }
  });

  it('refuses to subscribe to a session that does not exist or a URI it does not serve', async () => {
    mcp = await connect();
    await expect(mcp.client.subscribeResource({ uri: 'genie://sessions/nobody-here' })).rejects.toThrow(/SESSION_NOT_FOUND/);
    await expect(mcp.client.subscribeResource({ uri: 'genie://sessions/nobody-here' })).rejects.toThrow(/list_sessions/);
    await expect(mcp.client.subscribeResource({ uri: 'genie://sessions/nobody-here' })).rejects.not.toThrow(/`genie /);
    await expect(mcp.client.subscribeResource({ uri: 'genie://agents/coder' })).rejects.toThrow(/only genie:\/\/sessions/);
  });
});
