// Types for with-db.mjs, for TypeScript callers of ensureDatabase (see the comment atop with-db.mjs).
export interface Database {
  databaseUrl: string;
  /** False when DATABASE_URL was set: that database is used as it is, and stop() does nothing. */
  embedded: boolean;
  /** Drops a fresh copy, then stops Postgres (fast shutdown) unless another process owns it. */
  stop(): Promise<void>;
}

export function ensureDatabase(options?: {
  instance?: "dev" | "test";
  port?: number;
  migrate?: boolean;
  /** A throwaway copy of the migrated database for this caller; default true for "test". */
  fresh?: boolean;
  handleSignals?: boolean;
}): Promise<Database>;
