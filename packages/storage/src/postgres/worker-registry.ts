import { PostgresConnection } from './postgres-connection';
import { DEFAULT_PROJECT } from './postgres-storage';

/** One running `genie worker`, as other hosts see it. */
export interface WorkerInfo {
  workerId: string;
  host: string;
  labels: readonly string[];
  concurrency: number;
  pid: number;
}

/**
 * The `genie worker`s of a project, each renewing its row while it lives. Liveness is
 * judged by the database's clock (`now()`), so hosts whose clocks disagree still agree on
 * which workers are alive.
 */
export interface WorkerRegistry {
  readonly location: string;
  /** Records (or renews) the worker's row. */
  heartbeat(worker: WorkerInfo): Promise<void>;
  /** Removes the rows of workers that died without removing theirs, once nobody renewed them for `olderThanMs`. */
  forgetStale(olderThanMs: number): Promise<void>;
  /** Removes the worker's row: it takes no more turns. */
  remove(workerId: string): Promise<void>;
  /** Whether some worker of `host` renewed its row in the last `withinMs`. */
  hasLiveWorker(host: string, withinMs: number): Promise<boolean>;
  close(): Promise<void>;
}

class PostgresWorkerRegistry implements WorkerRegistry {
  private readonly connection: PostgresConnection;

  constructor(
    url: string,
    private readonly project: string,
  ) {
    this.connection = new PostgresConnection(url, { poolSize: 1 });
  }

  get location(): string {
    return this.connection.location;
  }

  async heartbeat(worker: WorkerInfo): Promise<void> {
    await this.connection.query(
      `INSERT INTO genie_workers (project, worker_id, host, labels, concurrency, pid)
       VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (project, worker_id) DO UPDATE SET heartbeat_at = now(), labels = EXCLUDED.labels, concurrency = EXCLUDED.concurrency`,
      [this.project, worker.workerId, worker.host, [...worker.labels], worker.concurrency, worker.pid],
    );
  }

  async forgetStale(olderThanMs: number): Promise<void> {
    await this.connection.query('DELETE FROM genie_workers WHERE project = $1 AND heartbeat_at < now() - make_interval(secs => $2::double precision / 1000)', [
      this.project,
      olderThanMs,
    ]);
  }

  async remove(workerId: string): Promise<void> {
    await this.connection.query('DELETE FROM genie_workers WHERE project = $1 AND worker_id = $2', [this.project, workerId]);
  }

  async hasLiveWorker(host: string, withinMs: number): Promise<boolean> {
    const rows = await this.connection.query(
      `SELECT 1 FROM genie_workers WHERE project = $1 AND host = $2 AND heartbeat_at > now() - make_interval(secs => $3::double precision / 1000) LIMIT 1`,
      [this.project, host, withinMs],
    );
    return rows.length > 0;
  }

  close(): Promise<void> {
    return this.connection.close();
  }
}

export function openWorkerRegistry(url: string, project: string = DEFAULT_PROJECT): WorkerRegistry {
  return new PostgresWorkerRegistry(url, project);
}
