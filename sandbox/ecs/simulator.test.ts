import { describe, expect, it } from "vitest";
import { createClock, type Clock } from "../clock";
import { createEcsSimulator, type EcsSimulator, type RolloutFinished } from "./index";

const START = Date.parse("2026-03-02T09:00:00Z");
const ECR = "123456789012.dkr.ecr.us-east-1.amazonaws.com";
const sha = (n: number): string => n.toString(16).padStart(40, "a");
const image = (n: number): string => `${ECR}/wumbo-backend:${sha(n)}`;

function setup(desiredCount = 2): { clock: Clock; ecs: EcsSimulator; finished: RolloutFinished[] } {
  const clock = createClock({ mode: "manual", startAt: START });
  const ecs = createEcsSimulator({ clock });
  const finished: RolloutFinished[] = [];
  ecs.onRolloutFinished((event) => finished.push(event));
  ecs.seedService({
    region: "us-east-1",
    cluster: "prod",
    service: "backend",
    family: "wumbo-backend",
    containers: [{ name: "app", image: image(3), environment: { NODE_ENV: "production" } }],
    desiredCount,
    history: [
      { image: image(1), registeredAt: START - 3 * 86_400_000, deployedAt: START - 3 * 86_400_000 + 60_000 },
      { image: image(2), registeredAt: START - 86_400_000, deployedAt: START - 86_400_000 + 60_000 },
    ],
    deployedAt: START - 3_600_000,
  });
  return { clock, ecs, finished };
}

describe("ECS simulator: seeding", () => {
  it("registers the history as revisions and leaves the service stable on the last", () => {
    const { ecs } = setup();
    const status = ecs.serviceStatus("us-east-1", "prod", "backend");
    expect(status).toMatchObject({
      state: "stable",
      desiredCount: 2,
      runningCount: 2,
      taskDefinitionArn: "arn:aws:ecs:us-east-1:123456789012:task-definition/wumbo-backend:3",
      images: { app: image(3) },
      runningImages: [{ container: "app", image: image(3), count: 2 }],
    });
    expect(ecs.findTaskDefinition("us-east-1", "wumbo-backend:1")?.containers[0]?.image).toBe(image(1));
    expect(ecs.findTaskDefinition("us-east-1", "wumbo-backend:1")?.registeredAt).toBe(START - 3 * 86_400_000);
    expect(ecs.findTaskDefinition("us-east-1", "wumbo-backend")?.revision).toBe(3);
    expect(ecs.serviceStatus("us-east-1", "prod", "nope")).toBeUndefined();
    expect(ecs.serviceStatus("eu-west-1", "prod", "backend")).toBeUndefined();
  });

  it("does not register the current images twice when the history ends with them", () => {
    const clock = createClock({ mode: "manual", startAt: START });
    const ecs = createEcsSimulator({ clock });
    const seeded = ecs.seedService({
      region: "us-east-1",
      cluster: "prod",
      service: "web",
      family: "web",
      containers: [{ name: "web", image: image(9) }],
      desiredCount: 1,
      history: [{ image: image(9), registeredAt: START - 1000, deployedAt: START - 500 }],
    });
    expect(seeded.taskDefinitionArns).toEqual(["arn:aws:ecs:us-east-1:123456789012:task-definition/web:1"]);
  });
});

describe("ECS simulator: rollouts on the virtual clock", () => {
  it("rolls out new images one task per step, drains the old deployment, then completes", () => {
    const { clock, ecs, finished } = setup(2);
    const { taskDefinitionArn, deploymentId } = ecs.deployImages({ region: "us-east-1", cluster: "prod", service: "backend", images: { app: image(4) }, startedBy: "run-42" });
    expect(taskDefinitionArn).toBe("arn:aws:ecs:us-east-1:123456789012:task-definition/wumbo-backend:4");
    expect(deploymentId).toMatch(/^ecs-svc\/\d{19}$/);

    const snapshot = () => {
      const status = ecs.serviceStatus("us-east-1", "prod", "backend");
      return { state: status?.state, deployments: status?.deployments.map((d) => [d.status, d.rolloutState, d.runningCount]) };
    };
    expect(snapshot()).toEqual({ state: "rolling", deployments: [["PRIMARY", "IN_PROGRESS", 0], ["ACTIVE", "COMPLETED", 2]] });
    clock.advance(5_000);
    expect(snapshot()).toEqual({ state: "rolling", deployments: [["PRIMARY", "IN_PROGRESS", 1], ["ACTIVE", "COMPLETED", 1]] });
    clock.advance(5_000);
    expect(snapshot()).toEqual({ state: "rolling", deployments: [["PRIMARY", "IN_PROGRESS", 2], ["ACTIVE", "COMPLETED", 0]] });
    expect(finished).toEqual([]);
    clock.advance(5_000);
    expect(snapshot()).toEqual({ state: "stable", deployments: [["PRIMARY", "COMPLETED", 2]] });
    expect(finished).toEqual([
      expect.objectContaining({ outcome: "COMPLETED", deploymentId, taskDefinitionArn, images: { app: image(4) }, startedBy: "run-42", rollback: false, at: START + 15_000 }),
    ]);
    expect(ecs.serviceStatus("us-east-1", "prod", "backend")?.lastRollout).toMatchObject({ deploymentId, outcome: "COMPLETED", finishedAt: START + 15_000 });
  });

  it("computes the same state lazily when read late (no advance in between)", () => {
    const clock = createClock({ mode: "realtime", speed: 1_000_000, startAt: START, tickMs: 60_000 });
    try {
      const ecs = createEcsSimulator({ clock });
      ecs.seedService({ region: "us-east-1", cluster: "prod", service: "api", family: "api", containers: [{ name: "api", image: image(1) }], desiredCount: 3 });
      ecs.deployImages({ region: "us-east-1", cluster: "prod", service: "api", images: { api: image(2) } });
      // The realtime ticker is slowed to a minute, so only the lazy catch-up can have run the steps.
      const started = Date.now();
      while (Date.now() - started < 5) {
        // a few real ms = thousands of virtual seconds at this speed
      }
      expect(ecs.serviceStatus("us-east-1", "prod", "api")).toMatchObject({ state: "stable", runningImages: [{ image: image(2), count: 3 }] });
    } finally {
      clock.dispose();
    }
  });

  it("fails a rollout marked to fail: failed tasks, circuit breaker, rollback to the previous task definition", () => {
    const { clock, ecs, finished } = setup(2);
    ecs.failNextRollout({ service: "backend" });
    const { deploymentId } = ecs.deployImages({ region: "us-east-1", cluster: "prod", service: "backend", images: { app: image(5) } });
    clock.advance(10_000);
    expect(ecs.serviceStatus("us-east-1", "prod", "backend")?.deployments[0]).toMatchObject({ id: deploymentId, rolloutState: "IN_PROGRESS", failedTasks: 2, runningCount: 0 });
    // The old tasks keep serving while the new ones fail.
    expect(ecs.serviceStatus("us-east-1", "prod", "backend")?.runningImages).toEqual([{ container: "app", image: image(3), count: 2 }]);
    clock.advance(5_000);
    const failedStatus = ecs.serviceStatus("us-east-1", "prod", "backend");
    expect(failedStatus?.state).toBe("failed");
    expect(failedStatus?.taskDefinitionArn).toBe("arn:aws:ecs:us-east-1:123456789012:task-definition/wumbo-backend:3");
    expect(failedStatus?.deployments.map((d) => [d.status, d.rolloutState])).toEqual([
      ["PRIMARY", "IN_PROGRESS"],
      ["ACTIVE", "FAILED"],
      ["ACTIVE", "COMPLETED"],
    ]);
    expect(finished).toEqual([
      expect.objectContaining({ outcome: "FAILED", deploymentId, reason: "ECS deployment circuit breaker: tasks failed to start.", rolledBackTo: expect.objectContaining({ taskDefinitionArn: expect.stringMatching(/wumbo-backend:3$/) }) }),
    ]);
    expect(failedStatus?.lastRollout).toMatchObject({ deploymentId, outcome: "FAILED" });

    clock.advance(60_000);
    const after = ecs.serviceStatus("us-east-1", "prod", "backend");
    expect(after).toMatchObject({ state: "stable", images: { app: image(3) }, runningImages: [{ image: image(3), count: 2 }] });
    expect(finished.map((event) => [event.outcome, event.rollback])).toEqual([
      ["FAILED", false],
      ["COMPLETED", true],
    ]);
    // Only one rollout was marked: the next one succeeds.
    ecs.deployImages({ region: "us-east-1", cluster: "prod", service: "backend", images: { app: image(6) } });
    clock.advance(60_000);
    expect(ecs.serviceStatus("us-east-1", "prod", "backend")).toMatchObject({ state: "stable", images: { app: image(6) } });
  });

  it("applies failNextRollout only to the matching service", () => {
    const { clock, ecs, finished } = setup(1);
    ecs.seedService({ region: "us-east-1", cluster: "prod", service: "other", family: "other", containers: [{ name: "o", image: image(1) }], desiredCount: 1 });
    ecs.failNextRollout({ cluster: "prod", service: "other" });
    ecs.deployImages({ region: "us-east-1", cluster: "prod", service: "backend", images: { app: image(7) } });
    clock.advance(60_000);
    expect(finished.map((event) => [event.service, event.outcome])).toEqual([["backend", "COMPLETED"]]);
    expect(ecs.pendingRolloutFailures()).toEqual([{ id: 1, cluster: "prod", service: "other" }]);
  });

  it("supersedes a rollout in progress with a newer one", () => {
    const { clock, ecs, finished } = setup(2);
    ecs.deployImages({ region: "us-east-1", cluster: "prod", service: "backend", images: { app: image(4) } });
    clock.advance(5_000);
    const second = ecs.deployImages({ region: "us-east-1", cluster: "prod", service: "backend", images: { app: image(5) } });
    clock.advance(120_000);
    expect(ecs.serviceStatus("us-east-1", "prod", "backend")).toMatchObject({ state: "stable", deployments: [{ id: second.deploymentId }], runningImages: [{ image: image(5), count: 2 }] });
    expect(finished.map((event) => event.deploymentId)).toEqual([second.deploymentId]);
  });

  it("scales with UpdateService desiredCount without a new deployment", () => {
    const { clock, ecs } = setup(2);
    const before = ecs.serviceStatus("us-east-1", "prod", "backend")?.deployments[0]?.id;
    ecs.updateService("us-east-1", { cluster: "prod", service: "backend", desiredCount: 4 });
    clock.advance(60_000);
    expect(ecs.serviceStatus("us-east-1", "prod", "backend")).toMatchObject({ state: "stable", runningCount: 4, deployments: [{ id: before }] });
    ecs.updateService("us-east-1", { cluster: "prod", service: "backend", desiredCount: 1 });
    clock.advance(60_000);
    expect(ecs.serviceStatus("us-east-1", "prod", "backend")).toMatchObject({ state: "stable", runningCount: 1 });
  });

  it("keeps running scheduled steps with nobody reading, so listeners hear on time", () => {
    const { clock, ecs, finished } = setup(1);
    ecs.deployImages({ region: "us-east-1", cluster: "prod", service: "backend", images: { app: image(8) } });
    expect(clock.pending()).toBeGreaterThan(0);
    clock.advance(10_000);
    expect(finished).toHaveLength(1);
    expect(finished[0]?.at).toBe(START + 10_000);
    expect(clock.pending()).toBe(0);
  });

  it("rejects unknown containers and services", () => {
    const { ecs } = setup();
    expect(() => ecs.deployImages({ region: "us-east-1", cluster: "prod", service: "backend", images: { nope: image(1) } })).toThrow(/no container "nope"/);
    expect(() => ecs.deployImages({ region: "us-east-1", cluster: "prod", service: "missing", images: {} })).toThrow(/Service not found/);
    expect(() => ecs.deployImages({ region: "us-east-1", cluster: "staging", service: "backend", images: {} })).toThrow(/Cluster not found/);
  });

  it("reset() forgets everything and cancels scheduled steps; listeners stay", () => {
    const { clock, ecs, finished } = setup();
    ecs.deployImages({ region: "us-east-1", cluster: "prod", service: "backend", images: { app: image(4) } });
    ecs.failNextRollout();
    ecs.faults.add({ throttle: true });
    ecs.reset();
    expect(clock.pending()).toBe(0);
    expect(ecs.listServices()).toEqual([]);
    expect(ecs.pendingRolloutFailures()).toEqual([]);
    expect(ecs.faults.list()).toEqual([]);
    ecs.seedService({ region: "us-east-1", cluster: "prod", service: "backend", family: "wumbo-backend", containers: [{ name: "app", image: image(1) }], desiredCount: 1 });
    ecs.deployImages({ region: "us-east-1", cluster: "prod", service: "backend", images: { app: image(2) } });
    clock.advance(60_000);
    expect(finished).toHaveLength(1);
  });
});
