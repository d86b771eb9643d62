import "server-only";
import pg from "pg";

// Leader election: whoever holds a session-level advisory lock on its own connection polls; everyone
// else waits. Postgres releases the lock when that connection ends — a crashed or stopped instance
// hands over leadership without any lease bookkeeping. The lock lives on a dedicated client (not the
// Prisma pool), because a pooled connection would carry the lock to unrelated queries.

/** pg_try_advisory_lock key ("rfsh"); distinct from the audit (0x61756469) and Prisma (72707369) locks. */
export const REFRESHER_LOCK_KEY = 0x72667368;

export interface LeaderLock {
  /** Tries to become (or confirms being) the leader. Never throws: a lost database means "not leader". */
  tryAcquire(): Promise<boolean>;
  isLeader(): boolean;
  release(): Promise<void>;
}

export function createLeaderLock(databaseUrl: string, onLost: () => void = () => {}): LeaderLock {
  let client: pg.Client | null = null;
  let leader = false;

  const drop = () => {
    const was = leader;
    leader = false;
    const old = client;
    client = null;
    old?.end().catch(() => {});
    if (was) onLost();
  };

  return {
    async tryAcquire() {
      try {
        if (!client) {
          const next = new pg.Client({ connectionString: databaseUrl, connectionTimeoutMillis: 5_000, application_name: "flightdeck-refresher" });
          next.on("error", drop);
          next.on("end", () => {
            if (client === next) drop();
          });
          await next.connect();
          client = next;
        }
        if (leader) {
          // Still connected means still holding it; a cheap round trip proves the connection lives.
          await client.query("SELECT 1");
          return true;
        }
        const result = await client.query<{ locked: boolean }>("SELECT pg_try_advisory_lock($1) AS locked", [REFRESHER_LOCK_KEY]);
        leader = result.rows[0]?.locked === true;
        return leader;
      } catch {
        drop();
        return false;
      }
    },
    isLeader: () => leader,
    async release() {
      const current = client;
      client = null;
      const was = leader;
      leader = false;
      if (!current) return;
      if (was) await current.query("SELECT pg_advisory_unlock($1)", [REFRESHER_LOCK_KEY]).catch(() => {});
      await current.end().catch(() => {});
    },
  };
}
