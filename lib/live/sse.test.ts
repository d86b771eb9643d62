import { expect, test } from "vitest";
import { sseComment, sseEvent, sseRetry } from "./sse";

test("an event is data lines ended by a blank line", () => {
  expect(sseEvent('{"type":"ecs.changed"}')).toBe('data: {"type":"ecs.changed"}\n\n');
  expect(sseEvent("x", { event: "resync", id: "7" })).toBe("id: 7\nevent: resync\ndata: x\n\n");
});

test("newlines in data become several data lines, never a frame break", () => {
  expect(sseEvent("a\nb\r\nc")).toBe("data: a\ndata: b\ndata: c\n\n");
  expect(sseEvent("x", { event: "evil\n\ndata: injected" })).toBe("event: evildata: injected\ndata: x\n\n");
});

test("comments and retry", () => {
  expect(sseComment("heartbeat")).toBe(": heartbeat\n\n");
  expect(sseRetry(2500)).toBe("retry: 2500\n\n");
});
