import { Client } from 'pg';

/**
 * Ends, with SIGKILL, every supervisor and agent process group a team database records: what
 * turns of the test's "hosts" left running. A database that cannot be reached has nothing to end.
 */
export async function killRecordedTurns(databaseUrl: string): Promise<void> {
  const client = new Client({ connectionString: databaseUrl });
  const rows = await client
    .connect()
    .then(() =>
      client.query<{ runner: number | null; executor: number | null }>(
        "SELECT (record::json->>'runnerPid')::int AS runner, (record::json->>'executorPid')::int AS executor FROM genie_sessions",
      ),
    )
    .then((result) => result.rows)
    .catch(() => []);
  await client.end().catch(() => undefined);
  for (const { runner, executor } of rows) {
    for (const target of [runner, executor === null ? null : -executor]) {
      if (target === null) continue;
      try {
        process.kill(target, 'SIGKILL');
      } catch {
        // already gone
      }
    }
  }
}
