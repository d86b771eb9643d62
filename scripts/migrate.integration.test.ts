// The migration runner against a real Postgres: every test gets its own empty database on the server
// that DATABASE_URL points at (`npm run test:integration` provides one).
import { execFile } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import pg from "pg";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { MIGRATIONS_DIR, migrate, migrationStatus, readMigrations, resolveMigration } from "./migrate";

const ROOT = path.resolve(import.meta.dirname, "..");
const quiet = () => {};

let databaseUrl: string;
let dropDatabase: () => Promise<void>;
const fixtures: string[] = [];

beforeEach(async () => {
  ({ databaseUrl, drop: dropDatabase } = await createEmptyDatabase());
});
afterEach(async () => {
  await dropDatabase();
  for (const dir of fixtures.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

describe("deploy", () => {
  test("applies the project's migrations and records them exactly as Prisma does", async () => {
    const expected = readMigrations(MIGRATIONS_DIR).map((migration) => migration.name);
    expect(expected.length).toBeGreaterThan(0);

    const result = await migrate({ databaseUrl, log: quiet });

    expect(result.applied).toEqual(expected);
    expect(await query("SELECT to_regclass('users')::text AS users, to_regclass('role_bindings')::text AS bindings")).toEqual([
      { users: "users", bindings: "role_bindings" },
    ]);
    // The table Prisma's schema engine creates, column for column.
    expect(
      await query(`SELECT column_name, data_type, character_maximum_length AS length, is_nullable, column_default
                   FROM information_schema.columns WHERE table_name = '_prisma_migrations' ORDER BY ordinal_position`),
    ).toEqual([
      { column_name: "id", data_type: "character varying", length: 36, is_nullable: "NO", column_default: null },
      { column_name: "checksum", data_type: "character varying", length: 64, is_nullable: "NO", column_default: null },
      { column_name: "finished_at", data_type: "timestamp with time zone", length: null, is_nullable: "YES", column_default: null },
      { column_name: "migration_name", data_type: "character varying", length: 255, is_nullable: "NO", column_default: null },
      { column_name: "logs", data_type: "text", length: null, is_nullable: "YES", column_default: null },
      { column_name: "rolled_back_at", data_type: "timestamp with time zone", length: null, is_nullable: "YES", column_default: null },
      { column_name: "started_at", data_type: "timestamp with time zone", length: null, is_nullable: "NO", column_default: "now()" },
      { column_name: "applied_steps_count", data_type: "integer", length: null, is_nullable: "NO", column_default: "0" },
    ]);
    expect(await query("SELECT constraint_type FROM information_schema.table_constraints WHERE table_name = '_prisma_migrations'")).toContainEqual({
      constraint_type: "PRIMARY KEY",
    });

    const rows = await query("SELECT * FROM _prisma_migrations ORDER BY started_at");
    expect(rows.map((row) => row.migration_name)).toEqual(expected);
    for (const row of rows) {
      const file = fs.readFileSync(path.join(MIGRATIONS_DIR, row.migration_name, "migration.sql"));
      expect(row).toMatchObject({
        id: expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/),
        checksum: createHash("sha256").update(file).digest("hex"),
        logs: null,
        rolled_back_at: null,
        applied_steps_count: 1,
      });
      expect(row.finished_at.getTime()).toBeGreaterThanOrEqual(row.started_at.getTime());
    }
  });

  test("a second run applies nothing and leaves the history as it was", async () => {
    await migrate({ databaseUrl, log: quiet });
    const before = await query("SELECT * FROM _prisma_migrations");

    const lines: string[] = [];
    const again = await migrate({ databaseUrl, log: (line) => lines.push(line) });

    expect(again.applied).toEqual([]);
    expect(lines).toContain("No pending migrations to apply.");
    expect(await query("SELECT * FROM _prisma_migrations")).toEqual(before);
  });

  test("concurrent runs apply each migration once (Prisma's advisory lock)", async () => {
    const count = readMigrations(MIGRATIONS_DIR).length;
    const results = await Promise.all([migrate({ databaseUrl, log: quiet }), migrate({ databaseUrl, log: quiet })]);
    expect(results.flatMap((result) => result.applied)).toHaveLength(count);
    expect(await query("SELECT count(*)::int AS n FROM _prisma_migrations")).toEqual([{ n: count }]);
  });

  test("Prisma's own `migrate status` sees the database as up to date", async () => {
    await migrate({ databaseUrl, log: quiet });
    const { stdout } = await promisify(execFile)(path.join(ROOT, "node_modules/.bin/prisma"), ["migrate", "status"], {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: databaseUrl, CHECKPOINT_DISABLE: "1" },
    });
    expect(stdout).toContain("Database schema is up to date!");
  });

  test("refuses a database that has tables but no migration history", async () => {
    await query("CREATE TABLE made_by_hand (id int)");
    await expect(migrate({ databaseUrl, log: quiet })).rejects.toMatchObject({ code: "P3005" });
    expect(await query("SELECT to_regclass('_prisma_migrations')::text AS t")).toEqual([{ t: null }]);
  });
});

describe("a failing migration", () => {
  test("is rolled back and recorded with its error; deploys stop until it is resolved", async () => {
    const dir = migrationsFixture({
      "20260101000000_first": "CREATE TABLE first (id int);",
      "20260102000000_broken": "CREATE TABLE half (id int);\nSELECT * FROM no_such_table;",
      "20260103000000_later": "CREATE TABLE later (id int);",
    });

    await expect(migrate({ databaseUrl, migrationsDir: dir, log: quiet })).rejects.toMatchObject({ code: "P3018" });

    expect(await query("SELECT to_regclass('first')::text AS first, to_regclass('half')::text AS half, to_regclass('later')::text AS later")).toEqual([
      { first: "first", half: null, later: null },
    ]);
    const [broken] = await query("SELECT * FROM _prisma_migrations WHERE migration_name = '20260102000000_broken'");
    expect(broken).toMatchObject({ finished_at: null, rolled_back_at: null, applied_steps_count: 0 });
    expect(broken.logs).toContain("Migration name: 20260102000000_broken");
    expect(broken.logs).toContain("Database error code: 42P01");
    expect(broken.logs).toContain('relation "no_such_table" does not exist');

    // Fixing the file is not enough: the failure must be resolved first (Prisma's P3009), also from the CLI.
    fs.writeFileSync(path.join(dir, "20260102000000_broken", "migration.sql"), "CREATE TABLE half (id int);");
    await expect(migrate({ databaseUrl, migrationsDir: dir, log: quiet })).rejects.toMatchObject({ code: "P3009" });
    const deploy = await cli(["deploy", "--dir", dir]);
    expect(deploy.code).toBe(1);
    expect(deploy.stderr).toContain("P3009");
    expect(await migrationStatus({ databaseUrl, migrationsDir: dir })).toMatchObject({ failed: ["20260102000000_broken"] });
    expect((await cli(["status", "--dir", dir])).code).toBe(1);

    const resolve = await cli(["resolve", "--rolled-back", "20260102000000_broken", "--dir", dir]);
    expect(resolve.code).toBe(0);
    expect((await migrate({ databaseUrl, migrationsDir: dir, log: quiet })).applied).toEqual(["20260102000000_broken", "20260103000000_later"]);

    expect(
      await query("SELECT rolled_back_at IS NOT NULL AS rolled_back, finished_at IS NOT NULL AS finished FROM _prisma_migrations WHERE migration_name = '20260102000000_broken' ORDER BY started_at"),
    ).toEqual([
      { rolled_back: true, finished: false },
      { rolled_back: false, finished: true },
    ]);
    expect((await cli(["status", "--dir", dir])).code).toBe(0);
    await expect(resolveMigration({ databaseUrl, migrationsDir: dir, name: "20260103000000_later", as: "rolled-back", log: quiet })).rejects.toMatchObject({
      code: "P3012",
    });
  });

  test("can instead be resolved as applied by hand, recorded as Prisma records it", async () => {
    const dir = migrationsFixture({ "20260101000000_broken": "SELECT * FROM no_such_table;" });
    await expect(migrate({ databaseUrl, migrationsDir: dir, log: quiet })).rejects.toMatchObject({ code: "P3018" });

    await resolveMigration({ databaseUrl, migrationsDir: dir, name: "20260101000000_broken", as: "applied", log: quiet });

    expect(await query("SELECT logs, rolled_back_at IS NOT NULL AS rolled_back, finished_at IS NOT NULL AS finished, applied_steps_count FROM _prisma_migrations ORDER BY started_at")).toEqual([
      { logs: expect.stringContaining("no_such_table"), rolled_back: true, finished: false, applied_steps_count: 0 },
      { logs: "", rolled_back: false, finished: true, applied_steps_count: 0 },
    ]);
    expect((await migrate({ databaseUrl, migrationsDir: dir, log: quiet })).applied).toEqual([]);
  });
});

describe("an applied migration that changed", () => {
  test("is refused, while a change of line endings alone is accepted (as Prisma does)", async () => {
    const dir = migrationsFixture({ "20260101000000_first": "CREATE TABLE first (id int);\nCREATE TABLE second (id int);\n" });
    await migrate({ databaseUrl, migrationsDir: dir, log: quiet });
    const file = path.join(dir, "20260101000000_first", "migration.sql");

    fs.writeFileSync(file, "CREATE TABLE first (id int);\r\nCREATE TABLE second (id int);\r\n");
    expect((await migrate({ databaseUrl, migrationsDir: dir, log: quiet })).applied).toEqual([]);

    fs.writeFileSync(file, "CREATE TABLE first (id bigint);\nCREATE TABLE second (id int);\n");
    await expect(migrate({ databaseUrl, migrationsDir: dir, log: quiet })).rejects.toMatchObject({ code: "EDITED" });
    expect(await migrationStatus({ databaseUrl, migrationsDir: dir })).toMatchObject({ edited: ["20260101000000_first"] });
  });
});

async function createEmptyDatabase() {
  const base = process.env.DATABASE_URL;
  if (!base) throw new Error("DATABASE_URL is not set: run with `npm run test:integration`");
  const name = `flightdeck_t_${randomBytes(6).toString("hex")}`;
  const admin = new URL(base);
  admin.pathname = "/postgres";
  await withClient(admin.toString(), (client) => client.query(`CREATE DATABASE ${name}`));
  const url = new URL(base);
  url.pathname = `/${name}`;
  return {
    databaseUrl: url.toString(),
    drop: async () => {
      await withClient(admin.toString(), (client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
    },
  };
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- rows of ad-hoc queries
async function query(sql: string): Promise<any[]> {
  return withClient(databaseUrl, async (client) => (await client.query(sql)).rows);
}

async function withClient<T>(url: string, body: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await body(client);
  } finally {
    await client.end();
  }
}

function migrationsFixture(migrations: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "flightdeck-migrations-"));
  fixtures.push(dir);
  fs.writeFileSync(path.join(dir, "migration_lock.toml"), 'provider = "postgresql"\n');
  for (const [name, sql] of Object.entries(migrations)) {
    fs.mkdirSync(path.join(dir, name));
    fs.writeFileSync(path.join(dir, name, "migration.sql"), sql);
  }
  return dir;
}

/** The command-line runner, for its exit codes. */
async function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await promisify(execFile)(path.join(ROOT, "node_modules/.bin/tsx"), ["scripts/migrate.ts", ...args], {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: databaseUrl },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}
