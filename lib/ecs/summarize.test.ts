import { describe, expect, test } from "vitest";
import { chunk, parseTaskDefinitionArn, summarizeService } from "./summarize";

const arn = (revision: number) => `arn:aws:ecs:us-east-1:123456789012:task-definition/wumbo-backend:${revision}`;

describe("summarizeService", () => {
  test("a completed PRIMARY alone is stable", () => {
    const summary = summarizeService({ deployments: [{ status: "PRIMARY", taskDefinition: arn(3), rolloutState: "COMPLETED", runningCount: 2, desiredCount: 2, pendingCount: 0, failedTasks: 0, createdAt: new Date(5_000) }] });
    expect(summary).toEqual({ taskDefinitionArn: arn(3), rollout: { state: "stable", running: 2, desired: 2, pending: 0, failedTasks: 0, reason: null }, primarySince: new Date(5_000) });
  });

  test("an old deployment still draining means rolling, even without a rolloutState", () => {
    const summary = summarizeService({ deployments: [{ status: "PRIMARY", taskDefinition: arn(4) }, { status: "ACTIVE", taskDefinition: arn(3) }] });
    expect(summary.rollout.state).toBe("rolling");
    expect(summary.taskDefinitionArn).toBe(arn(4));
  });

  test("a FAILED rollout carries its reason", () => {
    const summary = summarizeService({ deployments: [{ status: "PRIMARY", taskDefinition: arn(4), rolloutState: "FAILED", rolloutStateReason: "circuit breaker", failedTasks: 3 }] });
    expect(summary.rollout).toMatchObject({ state: "failed", failedTasks: 3, reason: "circuit breaker" });
  });

  test("no deployments at all is unknown", () => {
    expect(summarizeService({}).rollout.state).toBe("unknown");
  });
});

test("chunk keeps DescribeServices batches at 10 or fewer", () => {
  const batches = chunk(Array.from({ length: 23 }, (_, i) => i), 10);
  expect(batches.map((batch) => batch.length)).toEqual([10, 10, 3]);
});

test("parseTaskDefinitionArn reads family and revision", () => {
  expect(parseTaskDefinitionArn(arn(12))).toEqual({ family: "wumbo-backend", revision: 12 });
  expect(parseTaskDefinitionArn("nonsense")).toBeNull();
});
