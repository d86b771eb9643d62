import { expect, test } from "vitest";
import { finalStatus } from "./outcomes";

test("the final status is the newest success, failure or error, even under a later inactive", () => {
  expect(finalStatus([{ state: "inactive", created_at: "2026-03-02T10:00:00Z" }, { state: "success", created_at: "2026-03-01T10:05:00Z" }, { state: "in_progress", created_at: "2026-03-01T10:00:00Z" }])).toEqual({
    state: "success",
    at: new Date("2026-03-01T10:05:00Z"),
  });
  expect(finalStatus([{ state: "failure", created_at: "2026-03-01T10:05:00Z" }])).toMatchObject({ state: "failure" });
  expect(finalStatus([{ state: "in_progress", created_at: "2026-03-01T10:00:00Z" }, { state: "queued", created_at: "2026-03-01T09:59:00Z" }])).toBeNull();
  expect(finalStatus([])).toBeNull();
});
