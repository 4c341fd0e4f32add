import fs from 'node:fs';
import path from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { cleanUpWorkspaces, TestWorkspace } from './support/workspace';

afterAll(() => cleanUpWorkspaces());

const REPO = path.resolve(__dirname, '../../../..');
const MAIN_README = fs.readFileSync(path.join(REPO, 'README.md'), 'utf8');
const MCP_README = fs.readFileSync(path.join(REPO, 'apps/mcp/README.md'), 'utf8');

interface Registration {
  where: string;
  argv: string[];
}

/** Shell words of a documented command line (the docs quote nothing in these lines). */
function words(line: string): string[] {
  return line.trim().split(/\s+/);
}

/** The server command of every `claude mcp add ... genie -- <command>` line. */
function claudeCodeRegistrations(text: string, where: string): Registration[] {
  return text
    .split('\n')
    .filter((line) => /^\s*claude mcp add\b/.test(line) && line.includes(' -- '))
    .map((line) => ({ where: `${where}: ${line.trim()}`, argv: words(line.slice(line.indexOf(' -- ') + 4)) }));
}

function claudeDesktopRegistration(): Registration {
  const json = /\*\*Claude Desktop\*\*[\s\S]*?```json\n([\s\S]*?)```/.exec(MCP_README)?.[1];
  if (!json) throw new Error('apps/mcp/README.md has no Claude Desktop JSON block');
  const server = (JSON.parse(json) as { mcpServers: { genie: { command: string; args: string[] } } }).mcpServers.genie;
  return { where: 'Claude Desktop config', argv: [server.command, ...server.args] };
}

function codexRegistration(): Registration {
  const toml = /\*\*Codex\*\*[\s\S]*?```toml\n([\s\S]*?)```/.exec(MCP_README)?.[1] ?? '';
  const command = /^command = (".*")$/m.exec(toml)?.[1];
  const args = /^args = (\[.*\])$/m.exec(toml)?.[1];
  if (!command || !args) throw new Error('apps/mcp/README.md has no Codex config.toml block with command and args');
  return { where: 'Codex config.toml', argv: [JSON.parse(command) as string, ...(JSON.parse(args) as string[])] };
}

const REGISTRATIONS: Registration[] = [
  claudeDesktopRegistration(),
  codexRegistration(),
  ...claudeCodeRegistrations(MCP_README, 'apps/mcp/README.md'),
  ...claudeCodeRegistrations(MAIN_README, 'README.md'),
];

describe('the documented MCP registrations', () => {
  it('cover Claude Desktop, Codex and Claude Code in both READMEs', () => {
    expect(REGISTRATIONS.map((registration) => registration.where.split(':')[0])).toEqual(
      expect.arrayContaining(['Claude Desktop config', 'Codex config.toml', 'apps/mcp/README.md', 'README.md']),
    );
  });

  // `npx genie` outside this repository runs the unrelated npm package called `genie`.
  it.each(REGISTRATIONS)('never start `npx genie`: $where', ({ argv }) => {
    if (argv[0] !== 'npx') return;
    const packageWords = argv.slice(1).filter((word) => word !== '-y' && word !== '--yes');
    expect(['@genie/cli', '-p']).toContain(packageWords[0]);
  });

  it.each(REGISTRATIONS)('start genie’s MCP server from a clone: $where', async ({ argv }) => {
    const workspace = new TestWorkspace();
    workspace.writeAgent('coder', 'claude');
    const [command, ...args] = argv.map((word) =>
      word.replace('/path/to/genie', REPO).replace('/absolute/path/to/your/project', workspace.dir),
    );
    const transport = new StdioClientTransport({
      command: command === 'node' ? process.execPath : (command ?? ''),
      args,
      cwd: workspace.dir,
      env: workspace.env as Record<string, string>,
      stderr: 'pipe',
    });
    const client = new Client({ name: 'genie-docs-e2e', version: '0.0.0' });
    await client.connect(transport);
    try {
      expect(client.getServerVersion()?.name).toBe('genie');
      const result = await client.callTool({ name: 'list_agents', arguments: {} });
      expect(JSON.stringify(result.structuredContent)).toContain('"id":"coder"');
    } finally {
      await client.close();
    }
  });
});
