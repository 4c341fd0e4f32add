import type { SessionSummary } from '@genie/core';
import { EXIT_CODES, GenieError } from '@genie/errors';
import type { Argv } from 'yargs';
import { defineCommand, withGenie, type GlobalArgs } from '../command';
import { formatAgo, formatBudgetUsd, formatUsd, oneLine } from '../output/format';
import { colorStatus } from '../output/render-status';
import { renderTable } from '../output/table';
import type { Terminal } from '../output/terminal';

const SESSION_STATUSES = ['queued', 'starting', 'running', 'completed', 'failed', 'stopped', 'lost'] as const;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-/i;

/** A UUID is shown by its first 8 characters (any 6+ character prefix finds it); other ids in full. */
function shortId(sessionId: string): string {
  return UUID.test(sessionId) ? sessionId.slice(0, 8) : sessionId;
}

const listAgents = defineCommand({
  command: 'agents',
  describe: 'List the agents of this workspace (and the built-in ones)',
  builder: (y) => y.options({ all: { type: 'boolean', default: false, describe: 'Include hidden agents' } }),
  run: (args, terminal) =>
    withGenie(args, terminal, async (genie) => {
      const agents = await genie.listAgents({ includeHidden: args.all });
      if (terminal.json) {
        // Broken agent files are on stderr as warnings too; here a script can read them.
        const problems = await genie.agentProblems();
        terminal.printJson(problems.length > 0 ? { agents, problems } : { agents });
        return EXIT_CODES.OK;
      }
      const c = terminal.out;
      terminal.print(
        renderTable(
          agents,
          [
            { header: 'ID', value: (agent) => agent.id, style: (text) => c.bold(text) },
            // The name is usually the id's basename: the first to go on a narrow terminal.
            { header: 'NAME', value: (agent) => agent.name, dropOrder: 1 },
            { header: 'EXECUTOR', value: (agent) => `${agent.executor}${agent.model ? ` (${agent.model})` : ''}`, dropOrder: 2 },
            { header: 'DESCRIPTION', value: (agent) => oneLine(agent.description ?? (agent.builtin ? 'built-in' : ''), 200) },
          ],
          terminal.columns,
          c.dim,
        ),
      );
      if (!agents.some((agent) => !agent.builtin)) {
        terminal.print(c.dim('\nNo agents of your own yet: `genie init` adds examples to .genie/agents/.'));
      }
      return EXIT_CODES.OK;
    }),
});

/** `$0.0123`, or `$0.0123/$2.00` against the session's budget; `-` where the CLI reports no money. */
function costOf(session: SessionSummary): string {
  const budget = session.maxBudgetUsd !== null ? `/${formatBudgetUsd(session.maxBudgetUsd)}` : '';
  if (session.costUsd === null) return budget ? `$0${budget}` : '-';
  return `${formatUsd(session.costUsd)}${budget}`;
}

function renderSessions(sessions: SessionSummary[], terminal: Terminal): string {
  const c = terminal.out;
  const now = Date.now();
  // Columns nobody's sessions use stay out of the table.
  const costs = sessions.some((s) => s.costUsd !== null || s.maxBudgetUsd !== null);
  const branches = sessions.some((s) => s.worktree !== null);
  return renderTable(
    sessions,
    [
      { header: 'ID', value: (s) => shortId(s.sessionId), style: (text) => c.dim(text) },
      { header: 'NAME', value: (s) => s.name ?? '-', style: (text) => c.bold(text) },
      // Default names start with the agent, so AGENT goes early on a narrow terminal.
      { header: 'AGENT', value: (s) => s.agent, dropOrder: 2 },
      { header: 'STATUS', value: (s) => s.status, style: (text, s) => text.replace(s.status, colorStatus(s.status, c)) },
      { header: 'TURNS', value: (s) => String(s.turns), dropOrder: 1 },
      ...(costs ? [{ header: 'COST', value: costOf, dropOrder: 2.5 }] : []),
      ...(branches ? [{ header: 'BRANCH', value: (s: SessionSummary) => s.worktree?.branch ?? '-', dropOrder: 1.5 }] : []),
      { header: 'LAST USED', value: (s) => formatAgo(s.lastUsed ?? s.created, now), dropOrder: 4 },
      { header: 'LAST PROMPT', value: (s) => oneLine(s.lastPrompt ?? '', 200), dropOrder: 3 },
    ],
    terminal.columns,
    c.dim,
  );
}

/** `--limit` as a number; yargs' own number type would turn `--limit ten` into NaN and lose what was typed. */
function limitNumber(value: string): number {
  const limit = Number(value);
  if (value.trim() === '' || !Number.isInteger(limit) || limit < 1) {
    throw new GenieError('INVALID_INPUT', `--limit must be a positive whole number, got ${JSON.stringify(String(value))}.`, {
      hint: 'For example: genie list sessions --limit 20',
    });
  }
  return limit;
}

/** `--status lost --agent qa/reviewer`: the filters as typed, to say what matched nothing. */
function describeFilters(args: { status?: readonly string[] | undefined; agent?: string | undefined }): string {
  const words = (args.status ?? []).map((status) => `--status ${status}`);
  if (args.agent !== undefined) words.push(`--agent ${args.agent}`);
  return words.join(' ');
}

const listSessions = defineCommand({
  command: 'sessions',
  describe: 'List sessions of every status, newest first',
  builder: (y) =>
    y.options({
      status: { type: 'string', array: true, requiresArg: true, choices: SESSION_STATUSES, describe: 'Only sessions with this status (repeatable)' },
      agent: { type: 'string', requiresArg: true, describe: 'Only sessions of this agent' },
      limit: { type: 'string', requiresArg: true, coerce: limitNumber, describe: 'At most this many sessions (the newest)' },
    }),
  run: (args, terminal) => {
    const options = {
      ...(args.status && args.status.length > 0 ? { status: [...args.status] } : {}),
      ...(args.agent !== undefined ? { agent: args.agent } : {}),
      ...(args.limit !== undefined ? { limit: args.limit } : {}),
    };
    return withGenie(args, terminal, async (genie) => {
      if (terminal.json) {
        terminal.printJsonText(await genie.listSessionsJson(options));
        return EXIT_CODES.OK;
      }
      const sessions = await genie.listSessions(options);
      const filters = describeFilters(args);
      if (sessions.length === 0 && filters !== '') {
        terminal.print(terminal.out.dim(`No sessions match ${filters}. \`genie list sessions\` shows them all.`));
      } else if (sessions.length === 0) {
        terminal.print(terminal.out.dim('No sessions. Start one with: genie run <agent> "<prompt>"  (genie list agents shows the agents)'));
      } else {
        terminal.print(renderSessions(sessions, terminal));
      }
      return EXIT_CODES.OK;
    });
  },
});

/** `list` (or `ls`) only groups its subcommands. */
export default defineCommand({
  command: 'list',
  aliases: ['ls'],
  describe: 'List agents or sessions',
  builder: (y: Argv<GlobalArgs>) =>
    y.command(listAgents).command(listSessions).demandCommand(1, 'Say what to list: `genie list agents` or `genie list sessions`.'),
});
