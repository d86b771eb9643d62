// The page cache in front of the overview and environment reads, against a real Postgres and the real
// LISTEN hub: viewers share one load; a NOTIFY from any connection (another instance) or a publish from
// this one drops it at once; without any event nothing older than the max age is served.
import { afterAll, beforeAll, expect, test } from "vitest";
import { isLiveConnected, resetLiveHub, subscribeLive } from "@/lib/live/hub";
import { PAGE_CACHE_MAX_AGE_MS, pageCacheLoads, resetPageCache } from "@/lib/live/page-cache";
import { publishLiveEvent } from "@/lib/live/publish";
import { useTestDatabase as testDatabase } from "@/lib/testing/database";
import { getEnvironmentPage, getOverview } from "./queries";

const database = testDatabase("file");
let clock = 0;

beforeAll(async () => {
  process.env.DATABASE_URL = database().url;
  process.env.SANDBOX_URL ??= "http://127.0.0.1:1";
  await resetLiveHub({ databaseUrl: database().url });
  resetPageCache({ now: () => clock });
});
afterAll(async () => {
  resetPageCache();
  await resetLiveHub({ databaseUrl: null });
});

const stagingLock = async () => (await getOverview()).applications.find((app) => app.slug === "wumbo")!.environments.find((env) => env.environment === "staging")!.lock;
const lockStaging = (reason: string) =>
  database().prisma.environmentLock.upsert({
    where: { application_environment: { application: "wumbo", environment: "staging" } },
    create: { application: "wumbo", environment: "staging", lockedBy: "oscar", reason },
    update: { reason },
  });

/** Sends a NOTIFY the way another instance would (not through this instance's publish) and waits until this instance heard it. */
async function notifyFromElsewhere(): Promise<void> {
  let heard = false;
  const off = subscribeLive({ onEvent: (event) => (heard ||= event.type === "test.elsewhere") });
  try {
    await database().prisma.$executeRaw`SELECT pg_notify('flightdeck_live', ${JSON.stringify({ type: "test.elsewhere", application: "wumbo", environment: "staging" })})`;
    await expect.poll(() => heard, { timeout: 5_000 }).toBe(true);
  } finally {
    off();
  }
}

test("fifty viewers share one load; a write no event announced stays unseen only within the max age", async () => {
  expect(await stagingLock()).toBeNull();
  await expect.poll(() => isLiveConnected(), { timeout: 5_000 }).toBe(true);
  // Connecting drops the cache (changes before LISTEN took effect): load once more, then share it.
  expect(await stagingLock()).toBeNull();
  const loads = pageCacheLoads();
  const pages = await Promise.all(Array.from({ length: 50 }, () => getOverview()));
  expect(new Set(pages).size).toBe(1);
  expect(pageCacheLoads()).toBe(loads);

  await lockStaging("no event for this one");
  clock += PAGE_CACHE_MAX_AGE_MS / 4;
  expect(await stagingLock()).toBeNull();
  clock += PAGE_CACHE_MAX_AGE_MS;
  expect(await stagingLock()).toMatchObject({ lockedBy: "oscar", reason: "no event for this one" });
});

test("a NOTIFY from another instance drops the cache before any page can read it again", async () => {
  expect((await stagingLock())?.reason).toBe("no event for this one");
  await lockStaging("announced elsewhere");
  expect((await stagingLock())?.reason).toBe("no event for this one");
  await notifyFromElsewhere();
  expect((await stagingLock())?.reason).toBe("announced elsewhere");
  const page = await getEnvironmentPage({ application: "wumbo", environment: "staging" });
  expect(page?.status.lock?.reason).toBe("announced elsewhere");
});

test("this instance's own publish drops the cache at once, before its NOTIFY comes back", async () => {
  expect((await getEnvironmentPage({ application: "wumbo", environment: "staging" }))?.status.lock?.reason).toBe("announced elsewhere");
  await database().prisma.environmentLock.delete({ where: { application_environment: { application: "wumbo", environment: "staging" } } });
  await publishLiveEvent({ type: "environment.unlocked", application: "wumbo", environment: "staging" });
  expect((await getEnvironmentPage({ application: "wumbo", environment: "staging" }))?.status.lock).toBeNull();
  expect(await stagingLock()).toBeNull();
  // Unknown environments are not found, and not cached.
  expect(await getEnvironmentPage({ application: "wumbo", environment: "nope" })).toBeNull();
});
