import pg from "pg";
import { GENESIS_HASH, hashRecord } from "./canonical";
import type { ActorType, AuditRecord, JsonValue, Outcome } from "./types";

// Walks the whole chain in id order with keyset batches, recomputing every hash. Plain `pg` rather than
// Prisma: this is the one hot loop in the audit module (≥100k events/s), and it must run from a CLI.
// The next batch is already being read by Postgres while this one is hashed.

const BATCH = 20_000;

const SELECT = `
  SELECT id::text, (extract(epoch from occurred_at) * 1000)::int8::text AS ms, actor_type, actor_id::text, actor_login,
         action, application, environment, target_type, target, outcome, correlation_id, ip, user_agent,
         payload, prev_hash, hash
  FROM audit_events a WHERE a.id > $1::int8 ORDER BY a.id LIMIT ${BATCH}`;

type Row = [string, string, string, string | null, string | null, string, string | null, string | null, string | null, string | null, string, string | null, string | null, string | null, JsonValue, string, string];

export type VerifyResult =
  | { ok: true; count: number; headId: string | null; headHash: string }
  | {
      ok: false;
      count: number;
      /** The first event that does not verify. */
      broken: { id: string; action: string; occurredAt: string; problem: "hash" | "prev_hash" | "time" };
      detail: string;
    };

function toRecord(row: Row): AuditRecord {
  return {
    id: BigInt(row[0]),
    occurredAt: new Date(Number(row[1])),
    actorType: row[2] as ActorType,
    actorId: row[3],
    actorLogin: row[4],
    action: row[5],
    application: row[6],
    environment: row[7],
    targetType: row[8],
    target: row[9],
    outcome: row[10] as Outcome,
    correlationId: row[11],
    ip: row[12],
    userAgent: row[13],
    payload: row[14],
    prevHash: row[15],
    hash: row[16],
  };
}

export async function verifyAuditChain(options: {
  databaseUrl: string;
  onProgress?: (count: number) => void;
}): Promise<VerifyResult> {
  const client = new pg.Client({ connectionString: options.databaseUrl });
  await client.connect();
  try {
    // One snapshot for the whole walk, so rows appended meanwhile cannot make it inconsistent.
    await client.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
    const fetch = (after: string) => client.query<Row>({ text: SELECT, values: [after], rowMode: "array" });
    let expectedPrev = GENESIS_HASH;
    let previousMs = -Infinity;
    let count = 0;
    let headId: string | null = null;
    let pending = fetch("0");
    for (;;) {
      const { rows } = await pending;
      if (rows.length === 0) break;
      const last = rows[rows.length - 1]!;
      if (rows.length === BATCH) pending = fetch(last[0]);
      for (const row of rows) {
        const record = toRecord(row);
        if (record.prevHash !== expectedPrev) {
          return {
            ok: false,
            count,
            broken: { id: row[0], action: record.action, occurredAt: record.occurredAt.toISOString(), problem: "prev_hash" },
            detail:
              count === 0
                ? `prev_hash is ${record.prevHash}, expected the genesis hash ${GENESIS_HASH}: events before it are missing`
                : `prev_hash is ${record.prevHash} but the previous event (id ${headId}) has hash ${expectedPrev}: an event was removed, inserted or re-hashed`,
          };
        }
        const computed = hashRecord(record);
        if (computed !== record.hash) {
          return {
            ok: false,
            count,
            broken: { id: row[0], action: record.action, occurredAt: record.occurredAt.toISOString(), problem: "hash" },
            detail: `stored hash ${record.hash} but its content hashes to ${computed}: the event was changed after it was written`,
          };
        }
        const ms = record.occurredAt.getTime();
        if (ms < previousMs) {
          return {
            ok: false,
            count,
            broken: { id: row[0], action: record.action, occurredAt: record.occurredAt.toISOString(), problem: "time" },
            detail: `occurred_at is earlier than the previous event's (${new Date(previousMs).toISOString()}): events are written in time order`,
          };
        }
        previousMs = ms;
        expectedPrev = record.hash;
        headId = row[0];
        count++;
      }
      options.onProgress?.(count);
      if (rows.length < BATCH) break;
    }
    return { ok: true, count, headId, headHash: expectedPrev };
  } finally {
    await client.query("ROLLBACK").catch(() => {});
    await client.end();
  }
}

export function formatVerifyResult(result: VerifyResult): string {
  if (result.ok) {
    const head = result.headId ? ` (head: event ${result.headId}, hash ${result.headHash})` : "";
    return `${result.count} events, chain intact${head}`;
  }
  const b = result.broken;
  return [
    `chain BROKEN at event ${b.id} (${b.action}, ${b.occurredAt}) after ${result.count} intact events`,
    `  ${result.detail}`,
  ].join("\n");
}
