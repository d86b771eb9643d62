// The LISTEN hub and the SSE stream against a real Postgres: a NOTIFY from any connection reaches
// every subscriber of this instance, framed as SSE, with heartbeats, until the client goes away.
import { afterAll, beforeAll, expect, test } from "vitest";
import { useTestDatabase as testDatabase } from "@/lib/testing/database";
import { createEventStream } from "./event-stream";
import { isLiveConnected, resetLiveHub, subscribeLive } from "./hub";
import { publishLiveEvent, type LiveEvent } from "./publish";

const database = testDatabase("file");

beforeAll(async () => {
  process.env.DATABASE_URL = database().url;
  await resetLiveHub({ databaseUrl: database().url });
});
afterAll(async () => {
  await resetLiveHub({ databaseUrl: null });
});

async function connected(): Promise<void> {
  await expect.poll(() => isLiveConnected(), { timeout: 5_000 }).toBe(true);
}

test("every subscriber hears every event; the connection closes with the last one", async () => {
  const a: LiveEvent[] = [];
  const b: string[] = [];
  const offA = subscribeLive({ onEvent: (event) => a.push(event) });
  const offB = subscribeLive({ onEvent: (_event, raw) => b.push(raw) });
  await connected();
  await publishLiveEvent({ type: "ecs.changed", application: "wumbo", environment: "staging" });
  await expect.poll(() => a.length, { timeout: 5_000 }).toBe(1);
  expect(a[0]).toEqual({ type: "ecs.changed", application: "wumbo", environment: "staging" });
  await expect.poll(() => b, { timeout: 5_000 }).toEqual(['{"type":"ecs.changed","application":"wumbo","environment":"staging"}']);
  // A NOTIFY that is not one of ours (hand-written) is ignored rather than crashing a subscriber.
  await database().prisma.$executeRaw`SELECT pg_notify('flightdeck_live', 'not json')`;
  offA();
  await publishLiveEvent({ type: "run.changed", application: "wumbo" });
  await expect.poll(() => b.length, { timeout: 5_000 }).toBe(2);
  expect(a).toHaveLength(1);
  offB();
  expect(isLiveConnected()).toBe(false);
});

test("the SSE stream sends retry, events and heartbeats, and ends when the client aborts", async () => {
  const abort = new AbortController();
  const reader = createEventStream(abort.signal, { heartbeatMs: 50 }).getReader();
  const decoder = new TextDecoder();
  let text = "";
  const readUntil = async (needle: string) => {
    while (!text.includes(needle)) {
      const { value, done } = await reader.read();
      if (done) throw new Error(`stream ended before ${needle}`);
      text += decoder.decode(value);
    }
  };
  await readUntil(": connected\n\n");
  expect(text.startsWith("retry: 3000\n\n")).toBe(true);
  await connected();
  await publishLiveEvent({ type: "approval.changed", application: "wumbo", environment: "production", data: { runId: 7 } });
  await readUntil('data: {"type":"approval.changed","application":"wumbo","environment":"production","data":{"runId":7}}\n\n');
  await readUntil(": heartbeat\n\n");
  abort.abort();
  // Drain: after abort the stream closes (done) rather than hanging the response.
  for (;;) {
    const { done } = await reader.read();
    if (done) break;
  }
  expect(isLiveConnected()).toBe(false);
});
