// TEST-ONLY: isolated, migrated databases for integration tests (*.integration.test.ts). Never import
// this from application code; it creates and drops databases.
//
// DATABASE_URL must point at a migrated database to copy; `npm run test:integration` (which runs
// scripts/with-db.mjs) starts the embedded test Postgres and migrates `flightdeck_test` for this. Each
// copy is made with CREATE DATABASE … TEMPLATE, so it starts with the full schema and no rows from
// other tests, and nothing needs cleaning up by hand:
//
//   const db = useTestDatabase();         // one database for this file (beforeAll / afterAll)
//   const db = useTestDatabase("each");   // a fresh database for every test
//   test("…", async () => { await db().prisma.user.create({ data: … }) });
//
// DATABASE_URL's own database is the template and must have no connections while copies are made,
// so when it is with-db's throwaway copy (flightdeck_t_…) it is closed to connections here: a test that
// connects to it directly fails at once instead of breaking other workers' copies. Code under test that
// calls db() from "@/lib/db" reads process.env.DATABASE_URL at its first call: set that to db().url.
import { randomBytes } from "node:crypto";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { afterAll, afterEach, beforeAll, beforeEach } from "vitest";
import { PrismaClient } from "@/lib/generated/prisma/client";

export interface TestDatabase {
  /** Connection string of this test's own database. */
  url: string;
  prisma: PrismaClient;
  /** Disconnects and drops the database. */
  drop(): Promise<void>;
}

// Read once: tests may repoint DATABASE_URL at their copy, and copies must still come from the template.
const templateUrl = process.env.DATABASE_URL;

/** A new database copied from the migrated one at DATABASE_URL. */
export async function createTestDatabase(): Promise<TestDatabase> {
  if (process.env.NODE_ENV === "production") throw new Error("lib/testing/database is for tests only");
  if (!templateUrl) {
    throw new Error("DATABASE_URL is not set: run integration tests with `npm run test:integration`, which starts a migrated test database");
  }
  const template = new URL(templateUrl);
  const templateName = decodeURIComponent(template.pathname.slice(1));
  const name = `flightdeck_t_${randomBytes(6).toString("hex")}`;
  await admin(template, async (client) => {
    // Copies are made one at a time across every test worker: two ALTER DATABASE of the same template at
    // once fail with "tuple concurrently updated" (seen in CI when two files start together).
    await client.query("SELECT pg_advisory_lock($1)", [COPY_LOCK_KEY]);
    try {
      // Only with-db's copies: a database someone named in DATABASE_URL themselves is left as it is.
      if (templateName.startsWith("flightdeck_t_")) {
        await client.query(`ALTER DATABASE ${client.escapeIdentifier(templateName)} WITH ALLOW_CONNECTIONS false`);
      }
      await client.query(`CREATE DATABASE ${client.escapeIdentifier(name)} TEMPLATE ${client.escapeIdentifier(templateName)}`);
    } finally {
      await client.query("SELECT pg_advisory_unlock($1)", [COPY_LOCK_KEY]);
    }
  });

  const url = new URL(template);
  url.pathname = `/${name}`;
  const prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: url.toString() }) });
  return {
    url: url.toString(),
    prisma,
    async drop() {
      await prisma.$disconnect();
      await admin(template, (client) => client.query(`DROP DATABASE IF EXISTS ${client.escapeIdentifier(name)} WITH (FORCE)`));
    },
  };
}

/** Registers Vitest hooks that give the file (or each test) its own database; call the result inside tests. */
export function useTestDatabase(scope: "file" | "each" = "file"): () => TestDatabase {
  let current: TestDatabase | undefined;
  const [before, after] = scope === "file" ? [beforeAll, afterAll] : [beforeEach, afterEach];
  before(async () => {
    current = await createTestDatabase();
  });
  after(async () => {
    await current?.drop();
    current = undefined;
  });
  return () => {
    if (!current) throw new Error("the test database exists only inside tests and hooks");
    return current;
  };
}

/** Serializes template copies (an advisory lock on the maintenance database; any number fits a bigint). */
const COPY_LOCK_KEY = 0x74706c63;

/** Runs statements from the server's maintenance database, never from the template. */
async function admin(template: URL, body: (client: pg.Client) => Promise<unknown>) {
  const url = new URL(template);
  url.pathname = "/postgres";
  const client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  try {
    await body(client);
  } finally {
    await client.end();
  }
}
