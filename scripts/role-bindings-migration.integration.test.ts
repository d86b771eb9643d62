// The scoped role-bindings migration carries bindings made before it: each (login, role) becomes a
// user binding everywhere, stored lower-case, and the new constraints hold afterwards.
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, expect, test } from "vitest";
import { MIGRATIONS_DIR, migrate, readMigrations } from "./lib/migration-runner";

const MIGRATION = "20261122063633_scoped_role_bindings";
const quiet = () => {};
let databaseUrl: string;
let admin: string;
let name: string;
let earlier: string | undefined;

beforeAll(async () => {
  const base = process.env.DATABASE_URL;
  if (!base) throw new Error("DATABASE_URL is not set: run with `npm run test:integration`");
  name = `flightdeck_t_${randomBytes(6).toString("hex")}`;
  const url = new URL(base);
  url.pathname = "/postgres";
  admin = url.toString();
  await sql(admin, `CREATE DATABASE ${name}`);
  url.pathname = `/${name}`;
  databaseUrl = url.toString();
});
afterAll(async () => {
  await sql(admin, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  if (earlier) fs.rmSync(earlier, { recursive: true, force: true });
});

test("bindings made before it survive as user bindings everywhere, lower-cased and de-duplicated", async () => {
  const names = readMigrations(MIGRATIONS_DIR).map((migration) => migration.name);
  expect(names).toContain(MIGRATION);
  earlier = fs.mkdtempSync(path.join(os.tmpdir(), "flightdeck-migrations-"));
  for (const dir of names.slice(0, names.indexOf(MIGRATION))) fs.cpSync(path.join(MIGRATIONS_DIR, dir), path.join(earlier, dir), { recursive: true });
  await migrate({ databaseUrl, migrationsDir: earlier, log: quiet });

  await sql(
    databaseUrl,
    `INSERT INTO role_bindings (id, login, role, granted_by, created_at) VALUES
       (gen_random_uuid(), 'Dana', 'oncall', 'ada', '2026-01-01'),
       (gen_random_uuid(), 'dana', 'oncall', 'ada', '2026-02-01'),
       (gen_random_uuid(), 'ravi', 'admin', 'ada', '2026-01-02')`,
  );
  expect((await migrate({ databaseUrl, log: quiet })).applied).toContain(MIGRATION);

  const rows = await sql(databaseUrl, "SELECT subject_type, subject, role, application, environment, granted_by, created_at FROM role_bindings ORDER BY subject");
  expect(rows).toEqual([
    { subject_type: "user", subject: "dana", role: "oncall", application: null, environment: null, granted_by: "ada", created_at: new Date("2026-01-01T00:00:00Z") },
    { subject_type: "user", subject: "ravi", role: "admin", application: null, environment: null, granted_by: "ada", created_at: new Date("2026-01-02T00:00:00Z") },
  ]);

  // One binding per subject, role and scope, the global scope included; half a scope is refused.
  const insert = (values: string) => sql(databaseUrl, `INSERT INTO role_bindings (id, subject_type, subject, role, application, environment, granted_by) VALUES (gen_random_uuid(), ${values}, 'ada')`);
  await expect(insert("'user', 'dana', 'oncall', NULL, NULL")).rejects.toMatchObject({ code: "23505" });
  await insert("'user', 'dana', 'oncall', 'wumbo', 'staging'");
  await expect(insert("'user', 'dana', 'oncall', 'wumbo', 'staging'")).rejects.toMatchObject({ code: "23505" });
  await expect(insert("'user', 'dana', 'deployer', 'wumbo', NULL")).rejects.toMatchObject({ code: "23514" });
  await expect(insert("'group', 'x', 'deployer', NULL, NULL")).rejects.toMatchObject({ code: "23514" });
  await expect(insert("'user', 'Vera', 'deployer', NULL, NULL")).rejects.toMatchObject({ code: "23514" });
});

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- rows of ad-hoc queries
async function sql(url: string, text: string): Promise<any[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(text)).rows;
  } finally {
    await client.end();
  }
}
