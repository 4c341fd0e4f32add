export interface PostgresCluster {
  dir: string;
  host: string;
  port: number;
  /** postgres://genie@127.0.0.1:<port>/postgres, a superuser with trust authentication. */
  url: string;
  log(): string;
  start(): void;
  stop(mode?: 'smart' | 'fast' | 'immediate'): void;
  restart(mode?: 'smart' | 'fast' | 'immediate'): void;
  destroy(): void;
}

export function startPostgresCluster(options?: { port?: number; listen?: string }): Promise<PostgresCluster>;
export function findServerBinaries(): string;
