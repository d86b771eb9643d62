// The migration runner: applies prisma/migrations/<timestamp>_<name>/migration.sql the way
// `prisma migrate deploy` does. Prisma 6.19.3's own migrate commands fail through the pg driver adapter
// (prisma/orm#27403) and its native engines cannot be downloaded here (see shared/PRISMA.md), so this
// writes `_prisma_migrations` rows exactly as Prisma's schema engine does: either tool can take over a
// database. The command line is scripts/migrate.ts.
import { createHash, randomUUID } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";

export const MIGRATIONS_DIR = fileURLToPath(new URL("../../prisma/migrations", import.meta.url));

// The key Prisma's schema engine locks on Postgres, so our runner and Prisma exclude each other too.
const PRISMA_ADVISORY_LOCK = 72707369;

// Verbatim from Prisma's schema engine (sql-schema-connector, postgres flavour).
const CREATE_MIGRATIONS_TABLE = `
CREATE TABLE _prisma_migrations (
    id                      VARCHAR(36) PRIMARY KEY NOT NULL,
    checksum                VARCHAR(64) NOT NULL,
    finished_at             TIMESTAMPTZ,
    migration_name          VARCHAR(255) NOT NULL,
    logs                    TEXT,
    rolled_back_at          TIMESTAMPTZ,
    started_at              TIMESTAMPTZ NOT NULL DEFAULT now(),
    applied_steps_count     INTEGER NOT NULL DEFAULT 0
);`;

export interface MigrateOptions {
  databaseUrl: string;
  migrationsDir?: string;
  log?: (line: string) => void;
}

/** Prisma's error codes where one exists, so messages can be looked up in Prisma's docs. */
export type MigrationErrorCode = "P3005" | "P3008" | "P3009" | "P3012" | "P3017" | "P3018" | "P3019" | "EDITED";

export class MigrationError extends Error {
  constructor(
    message: string,
    readonly code: MigrationErrorCode,
  ) {
    super(message);
    this.name = "MigrationError";
  }
}

export interface LocalMigration {
  name: string;
  script: string;
}

interface MigrationRow {
  id: string;
  checksum: string;
  finished_at: Date | null;
  migration_name: string;
  logs: string | null;
  rolled_back_at: Date | null;
  started_at: Date;
  applied_steps_count: number;
}

export interface MigrationStatus {
  applied: string[];
  pending: string[];
  failed: string[];
  /** Applied, but migration.sql changed since. */
  edited: string[];
  /** Recorded in the database, absent from the migrations directory. */
  unknown: string[];
}

export const RESOLVE_HINT =
  "Fix the database by hand if the failed migration left anything behind, then either\n" +
  "  npx tsx scripts/migrate.ts resolve --rolled-back <name>   (it will be applied again), or\n" +
  "  npx tsx scripts/migrate.ts resolve --applied <name>       (you completed it by hand).\n" +
  "See https://pris.ly/d/migrate-resolve";

/** Applies every pending migration, each in one transaction; stops at the first failure. */
export async function migrate({ databaseUrl, migrationsDir = MIGRATIONS_DIR, log = console.log }: MigrateOptions) {
  const local = readMigrations(migrationsDir);
  return withLockedClient(databaseUrl, async (client) => {
    await ensureMigrationsTable(client);
    const rows = await loadRows(client);
    const status = compare(local, rows);
    if (status.failed.length > 0) {
      const details = rows
        .filter(isFailed)
        .map((row) => `The \`${row.migration_name}\` migration started at ${row.started_at.toISOString()} failed${row.logs?.trim() ? ` with the following logs:\n${row.logs.trim()}` : ""}`)
        .join("\n");
      throw new MigrationError(`Found failed migrations in the target database; new migrations will not be applied.\n${details}\n\n${RESOLVE_HINT}`, "P3009");
    }
    if (status.edited.length > 0) {
      throw new MigrationError(
        `These migrations were changed after they were applied: ${status.edited.join(", ")}.\n` +
          "Restore their migration.sql (git checkout) and put the change in a new migration instead.",
        "EDITED",
      );
    }
    for (const name of status.unknown) log(`warning: \`${name}\` is recorded in the database but missing from ${migrationsDir}`);

    const pending = local.filter((migration) => status.pending.includes(migration.name));
    if (pending.length === 0) log("No pending migrations to apply.");
    for (const migration of pending) {
      log(`Applying migration \`${migration.name}\``);
      await applyOne(client, migration);
    }
    if (pending.length > 0) log(`All migrations have been successfully applied (${pending.length}).`);
    return { applied: pending.map((migration) => migration.name) };
  });
}

async function applyOne(client: pg.Client, migration: LocalMigration) {
  // The row is written before the script runs, outside its transaction, as Prisma does: after a crash
  // or an error it stays behind unfinished and blocks further deploys until resolved.
  const id = randomUUID();
  await client.query("INSERT INTO _prisma_migrations (id, checksum, started_at, migration_name) VALUES ($1, $2, now(), $3)", [
    id,
    checksum(migration.script),
    migration.name,
  ]);
  try {
    // One transaction per file (Prisma sends the file as one multi-statement query, which Postgres
    // also runs atomically). So a migration cannot use CREATE INDEX CONCURRENTLY.
    await client.query("BEGIN");
    await client.query(migration.script);
    await client.query("UPDATE _prisma_migrations SET applied_steps_count = applied_steps_count + 1, finished_at = clock_timestamp() WHERE id = $1", [id]);
    await client.query("COMMIT");
  } catch (error) {
    await client.query("ROLLBACK").catch(() => undefined);
    const logs = describeFailure(migration.name, error);
    await client.query("UPDATE _prisma_migrations SET logs = $1 WHERE id = $2", [logs, id]);
    throw new MigrationError(`${logs}\n${RESOLVE_HINT.replaceAll("<name>", migration.name)}`, "P3018");
  }
}

/** Same wording as Prisma's P3018, which is what Prisma stores in `logs`. */
function describeFailure(name: string, error: unknown): string {
  const db = error as Partial<pg.DatabaseError> & Error;
  const extra = [db.detail && `DETAIL: ${db.detail}`, db.hint && `HINT: ${db.hint}`, db.position && `POSITION: ${db.position}`, db.where && `CONTEXT: ${db.where}`];
  return [
    "A migration failed to apply. New migrations cannot be applied before the error is recovered from. Read more about how to resolve migration issues in a production database: https://pris.ly/d/migrate-resolve",
    `Migration name: ${name}`,
    `Database error code: ${db.code ?? "unknown"}`,
    `Database error:\n${db.severity ?? "ERROR"}: ${db.message}${extra.filter(Boolean).map((line) => `\n${line}`).join("")}`,
  ].join("\n\n");
}

export async function migrationStatus({ databaseUrl, migrationsDir = MIGRATIONS_DIR }: MigrateOptions): Promise<MigrationStatus> {
  const local = readMigrations(migrationsDir);
  return withClient(databaseUrl, async (client) => compare(local, (await tableExists(client)) ? await loadRows(client) : []));
}

/** `prisma migrate resolve`: close a failed migration as rolled back, or record one as applied. */
export async function resolveMigration({
  databaseUrl,
  migrationsDir = MIGRATIONS_DIR,
  name,
  as,
  log = console.log,
}: MigrateOptions & { name: string; as: "rolled-back" | "applied" }) {
  const local = readMigrations(migrationsDir).find((migration) => migration.name === name);
  return withLockedClient(databaseUrl, async (client) => {
    await ensureMigrationsTable(client);
    const rows = (await loadRows(client)).filter((row) => row.migration_name === name);
    const failedIds = rows.filter(isFailed).map((row) => row.id);
    if (as === "rolled-back") {
      if (failedIds.length === 0) throw new MigrationError(`Migration \`${name}\` cannot be rolled back because it is not in a failed state.`, "P3012");
      await client.query("UPDATE _prisma_migrations SET rolled_back_at = now() WHERE id = ANY($1)", [failedIds]);
      log(`Migration \`${name}\` marked as rolled back; the next deploy applies it again.`);
      return;
    }
    if (!local) throw new MigrationError(`Migration \`${name}\` could not be found in ${migrationsDir}.`, "P3017");
    if (rows.some((row) => row.finished_at && !row.rolled_back_at)) {
      throw new MigrationError(`Migration \`${name}\` is already recorded as applied in the database.`, "P3008");
    }
    // Like Prisma: a failed attempt is closed as rolled back, then an applied row is recorded
    // (logs "" and started_at = finished_at are what Prisma writes for a manually resolved migration).
    await client.query("UPDATE _prisma_migrations SET rolled_back_at = now() WHERE id = ANY($1)", [failedIds]);
    await client.query(
      "INSERT INTO _prisma_migrations (id, checksum, logs, started_at, finished_at, migration_name) VALUES ($1, $2, '', now(), now(), $3)",
      [randomUUID(), checksum(local.script), name],
    );
    log(`Migration \`${name}\` marked as applied.`);
  });
}

/** Every migration directory, in the order Prisma's CLI lists them (localeCompare of the names). */
export function readMigrations(migrationsDir: string): LocalMigration[] {
  const lockfile = readIfExists(path.join(migrationsDir, "migration_lock.toml"));
  const provider = lockfile?.split("\n").find((line) => line.startsWith("provider"))?.replace(/^provider = /, "").replaceAll('"', "");
  if (lockfile !== null && provider !== "postgresql") {
    throw new MigrationError(`migration_lock.toml names provider "${provider}", but this database is postgresql.`, "P3019");
  }
  if (!fs.existsSync(migrationsDir)) return [];
  return fs
    .readdirSync(migrationsDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort((a, b) => a.localeCompare(b))
    .map((name) => {
      const script = readIfExists(path.join(migrationsDir, name, "migration.sql"));
      if (script === null) throw new Error(`${path.join(migrationsDir, name)} has no migration.sql`);
      return { name, script };
    });
}

/** SHA-256 of the script, lowercase hex: Prisma's checksum. */
export function checksum(script: string): string {
  return createHash("sha256").update(script, "utf8").digest("hex");
}

// Prisma accepts a checksum computed with either line ending, since git may convert them on checkout.
function matchesChecksum(script: string, expected: string): boolean {
  return [script, script.replaceAll("\r\n", "\n"), script.replaceAll("\n", "\r\n")].some((variant) => checksum(variant) === expected);
}

function compare(local: LocalMigration[], rows: MigrationRow[]): MigrationStatus {
  const live = rows.filter((row) => !row.rolled_back_at);
  const localNames = new Set(local.map((migration) => migration.name));
  const finished = (name: string) => live.find((row) => row.migration_name === name && row.finished_at);
  return {
    applied: local.filter((migration) => finished(migration.name)).map((migration) => migration.name),
    pending: local.filter((migration) => !live.some((row) => row.migration_name === migration.name)).map((migration) => migration.name),
    failed: [...new Set(rows.filter(isFailed).map((row) => row.migration_name))],
    edited: local.filter((migration) => {
      const row = finished(migration.name);
      return row && !matchesChecksum(migration.script, row.checksum);
    }).map((migration) => migration.name),
    unknown: [...new Set(live.map((row) => row.migration_name).filter((name) => !localNames.has(name)))],
  };
}

function isFailed(row: MigrationRow): boolean {
  return !row.finished_at && !row.rolled_back_at;
}

async function ensureMigrationsTable(client: pg.Client) {
  if (await tableExists(client)) return;
  // Like Prisma (P3005): a database with tables but no history was not made by migrations; applying
  // the first migration on top would fail halfway or, worse, half succeed.
  const { rows } = await client.query<{ tablename: string }>("SELECT tablename FROM pg_tables WHERE schemaname = current_schema()");
  if (rows.length > 0) {
    throw new MigrationError(
      `The database schema is not empty (tables: ${rows.map((row) => row.tablename).join(", ")}) and has no migration history. ` +
        "Baseline it first: https://pris.ly/d/migrate-baseline",
      "P3005",
    );
  }
  await client.query(CREATE_MIGRATIONS_TABLE);
}

async function tableExists(client: pg.Client): Promise<boolean> {
  const { rows } = await client.query<{ found: string | null }>("SELECT to_regclass('_prisma_migrations')::text AS found");
  return rows[0]?.found != null;
}

async function loadRows(client: pg.Client): Promise<MigrationRow[]> {
  const { rows } = await client.query<MigrationRow>("SELECT * FROM _prisma_migrations ORDER BY started_at ASC");
  return rows;
}

async function withClient<T>(databaseUrl: string, body: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    return await body(client);
  } finally {
    await client.end();
  }
}

/** Holds Prisma's advisory lock for the whole run; ending the session releases it even after a crash. */
function withLockedClient<T>(databaseUrl: string, body: (client: pg.Client) => Promise<T>): Promise<T> {
  return withClient(databaseUrl, async (client) => {
    await client.query("SELECT pg_advisory_lock($1)", [PRISMA_ADVISORY_LOCK]);
    return body(client);
  });
}

function readIfExists(file: string): string | null {
  try {
    return fs.readFileSync(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw error;
  }
}
