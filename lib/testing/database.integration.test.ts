// The test-database helper: copies are migrated, isolated from each other, and gone after drop().
import pg from "pg";
import { describe, expect, test } from "vitest";
import { createTestDatabase, useTestDatabase } from "./database";

const user = (githubId: number) => ({ githubId: BigInt(githubId), login: `user-${githubId}` });

test("each copy has the migrated schema and its own rows", async () => {
  const [a, b] = await Promise.all([createTestDatabase(), createTestDatabase()]);
  try {
    await a.prisma.user.create({ data: user(1) });
    expect(await a.prisma.user.count()).toBe(1);
    expect(await b.prisma.user.count()).toBe(0);
  } finally {
    await Promise.all([a.drop(), b.drop()]);
  }
});

test("drop() removes the database", async () => {
  const copy = await createTestDatabase();
  const name = new URL(copy.url).pathname.slice(1);
  await copy.drop();

  const { rowCount } = await onServer((client) => client.query("SELECT 1 FROM pg_database WHERE datname = $1", [name]));
  expect(rowCount).toBe(0);
});

test("the template at DATABASE_URL refuses connections, so no test can write into every later copy", async () => {
  await createTestDatabase().then((copy) => copy.drop());
  const direct = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await expect(direct.connect()).rejects.toThrow(/not currently accepting connections/);
});

describe('useTestDatabase("each")', () => {
  const db = useTestDatabase("each");

  test("a test writes", async () => {
    await db().prisma.user.create({ data: user(2) });
    expect(await db().prisma.user.count()).toBe(1);
  });

  test("the next test starts empty", async () => {
    expect(await db().prisma.user.count()).toBe(0);
  });
});

async function onServer<T>(body: (client: pg.Client) => Promise<T>): Promise<T> {
  const url = new URL(process.env.DATABASE_URL!);
  url.pathname = "/postgres";
  const client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  try {
    return await body(client);
  } finally {
    await client.end();
  }
}
