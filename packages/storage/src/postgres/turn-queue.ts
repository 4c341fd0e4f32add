import { GenieError } from '@genie/errors';
import type PgBoss from 'pg-boss';
import { PostgresConnection } from './postgres-connection';
import type { SqlExecutor } from './team-session-storage';

type PgBossClass = typeof PgBoss;

/** What a queued turn carries to the worker that takes it. */
export interface QueuedTurnJob {
  /** The pg-boss job id; the record names it (`queuedTurn.jobId`) so only this job can claim the turn. */
  id: string;
  queue: string;
  data: Record<string, unknown>;
}

/** pg-boss's own tables live in a schema of their own, beside genie's. */
const BOSS_SCHEMA = 'genie_queue';

/**
 * A job that a worker fetched but neither completed nor failed (the worker died while
 * claiming it) is handed out again after this long. Claiming takes a moment, and a job
 * handed out twice cannot run twice: the claim needs the record to be `queued` for it.
 */
const JOB_EXPIRY_SECONDS = 60;

/** Loads pg-boss when team-mode code first needs the queue, so the default install never does. */
async function loadPgBoss(): Promise<PgBossClass> {
  try {
    const loaded = (await import('pg-boss')) as unknown as PgBossClass & { default?: PgBossClass };
    return loaded.default ?? loaded;
  } catch (error) {
    throw new GenieError('CONFIG_INVALID', 'Queueing turns for `genie worker` needs the `pg-boss` package (10.x), which is not installed.', {
      hint: 'Install it beside genie (npm install pg-boss@10), or set storage.dispatch to here.',
      details: { cause: error instanceof Error ? error.message : String(error) },
    });
  }
}

/** One part of a queue name, encoded so that no project, host or label can make another's name. */
function part(text: string): string {
  return encodeURIComponent(text);
}

/**
 * Queue names of one project. First turns go to a shared queue per set of required labels
 * (a worker takes from every set its own labels cover); a resume goes to the queue of the
 * host that owns the conversation. pg-boss keeps each queue in a table named by a hash of
 * its name, so a name may be long and hold any character.
 */
export class TurnQueueNames {
  private readonly prefix: string;

  constructor(project: string) {
    this.prefix = `genie/${part(project)}`;
  }

  /** The queue of first turns that need `labels` (sorted, without repeats). */
  shared(labels: readonly string[]): string {
    const words = [...new Set(labels)].sort().map(part);
    return words.length === 0 ? `${this.prefix}/any` : `${this.prefix}/labels/${words.join('+')}`;
  }

  /** The queue of turns that must run on `host`. */
  host(host: string): string {
    return `${this.prefix}/host/${part(host)}`;
  }

  /** The queues a worker of `host` with `labels` takes from, its own host's first. */
  forWorker(host: string, labels: readonly string[]): string[] {
    const sorted = [...new Set(labels)].sort();
    const subsets: string[][] = [[]];
    for (const label of sorted) subsets.push(...subsets.map((subset) => [...subset, label]));
    // Turns that need the most labels first: a worker that has them is rarer.
    subsets.sort((a, b) => b.length - a.length);
    return [this.host(host), ...subsets.map((subset) => this.shared(subset))];
  }
}

/** How many labels a worker may have: it takes from a queue per subset of them. */
export const MAX_WORKER_LABELS = 8;

export interface TurnQueueOptions {
  /** A worker maintains the queue (expires jobs of dead workers); a process that only enqueues does not. */
  maintain?: boolean;
}

/**
 * The turn queue of a team database, on pg-boss: jobs live in PostgreSQL beside the
 * session records, are taken with SELECT ... FOR UPDATE SKIP LOCKED, and a job is sent in
 * the same transaction as the record that says `queued`.
 */
export class TurnQueue {
  private boss: Promise<PgBoss> | undefined;
  private readonly created = new Set<string>();
  readonly location: string;

  /** pg-boss runs its statements here rather than on a pool of its own (see start). */
  private readonly connection: PostgresConnection;

  constructor(
    url: string,
    private readonly options: TurnQueueOptions = {},
  ) {
    this.connection = new PostgresConnection(url, { poolSize: 2 });
    this.location = this.connection.location;
  }

  /** Makes sure `queue` exists (pg-boss 10 sends only to queues that do). */
  async ensureQueue(queue: string): Promise<void> {
    if (this.created.has(queue)) return;
    const boss = await this.started();
    await this.translated(() => boss.createQueue(queue, { name: queue, retryLimit: 5, retryDelay: 1, expireInSeconds: JOB_EXPIRY_SECONDS }));
    this.created.add(queue);
  }

  /** Sends the job on `sql` (the transaction that writes its record); rejects when it was not stored. */
  async send(job: QueuedTurnJob, sql: SqlExecutor): Promise<void> {
    const boss = await this.started();
    const id = await boss.send(job.queue, job.data, { id: job.id, db: sql as PgBoss.Db });
    if (id === null) {
      throw new GenieError('STORE_IO', `The turn queue ${job.queue} at ${this.location} did not take the turn.`, {
        hint: 'Try again; if it goes on, check the database (genie doctor).',
        details: { queue: job.queue },
      });
    }
  }

  /** Takes up to `count` jobs of `queue` (none while the database cannot be reached). */
  async fetch(queue: string, count: number): Promise<QueuedTurnJob[]> {
    const boss = await this.started();
    const jobs = await boss.fetch<Record<string, unknown>>(queue, { batchSize: count });
    return jobs.map((job) => ({ id: job.id, queue, data: job.data ?? {} }));
  }

  async complete(job: Pick<QueuedTurnJob, 'id' | 'queue'>): Promise<void> {
    const boss = await this.started();
    await this.translated(() => boss.complete(job.queue, job.id));
  }

  /** Gives the job back for another try (after a failure that may pass, e.g. the database away). */
  async fail(job: Pick<QueuedTurnJob, 'id' | 'queue'>, reason: string): Promise<void> {
    const boss = await this.started();
    await this.translated(() => boss.fail(job.queue, job.id, { reason }));
  }

  async cancel(job: Pick<QueuedTurnJob, 'id' | 'queue'>): Promise<void> {
    const boss = await this.started();
    await this.translated(() => boss.cancel(job.queue, job.id));
  }

  async close(): Promise<void> {
    const boss = this.boss;
    this.boss = undefined;
    if (boss) await boss.then((opened) => opened.stop({ graceful: false, wait: true, timeout: 1_000 })).catch(() => undefined);
    await this.connection.close();
  }

  private started(): Promise<PgBoss> {
    this.boss ??= this.start().catch((error: unknown) => {
      this.boss = undefined;
      throw error;
    });
    return this.boss;
  }

  private async start(): Promise<PgBoss> {
    const PgBossClass = await loadPgBoss();
    const maintain = this.options.maintain === true;
    const boss = new PgBossClass({
      // Its own pool would listen to a connection in use for one error only: a second one, as
      // a server shutting down sends, would end the worker (see PostgresConnection.openPool).
      db: { executeSql: (text: string, values?: unknown[]) => this.connection.execute(text, values) },
      schema: BOSS_SCHEMA,
      supervise: maintain,
      schedule: false,
      ...(maintain ? { maintenanceIntervalSeconds: 30 } : {}),
    });
    // Errors of its background work (maintenance while the database restarts) are retried by
    // pg-boss itself; unheard, the event would end the process.
    boss.on('error', () => undefined);
    await this.translated(() => boss.start());
    return boss;
  }

  private async translated<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      if (error instanceof GenieError) throw error;
      throw new GenieError('STORE_IO', `The turn queue at ${this.location} failed: ${error instanceof Error ? error.message : String(error)}.`, {
        hint: 'Check that the server is running and reachable from this host, and the storage URL (storage.url in config.yaml, or GENIE_DATABASE_URL).',
        details: { location: this.location },
        cause: error,
      });
    }
  }
}
