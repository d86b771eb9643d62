// Types for embedded-postgres.mjs (kept as plain JS so `node scripts/*.mjs` can import it directly).
export type Instance = "dev" | "test";

export const DATABASE_NAMES: Record<Instance, string>;

export function defaultInstance(env?: Record<string, string | undefined>): Instance;

export interface EmbeddedPostgres {
  port: number;
  dataDir: string;
  /** True when another live process owns the server; stop() then leaves it running. */
  attached: boolean;
  databaseUrl(databaseName: string): string;
  ensureDatabase(databaseName: string): Promise<void>;
  stop(): Promise<void>;
}

export function startEmbeddedPostgres(options: {
  instance: Instance;
  port?: number;
  rootDir?: string;
  /** Stop Postgres and exit on SIGINT/SIGTERM/SIGHUP (default true). Pass false to coordinate yourself. */
  handleSignals?: boolean;
  log?: (line: string) => void;
}): Promise<EmbeddedPostgres>;
