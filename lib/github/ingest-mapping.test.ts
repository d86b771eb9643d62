import { expect, test } from "vitest";
import type { ApplicationConfig } from "@/lib/config";
import { applicationForRepo, environmentForRun, githubEnvironmentName, isStaleRun, runIdFromDeployment } from "./ingest-mapping";

const env = (name: string, workflow: string, ref: string, githubEnvironment?: string) => ({
  name, workflow, ref, githubEnvironment, protected: false, requiredApprovals: 1, preventSelfReview: true,
  ecs: { region: "us-east-1", cluster: "c", services: { api: "api" } }, healthChecks: [],
});
const beacon: ApplicationConfig = {
  slug: "beacon", name: "Beacon", repo: "skyward/beacon", defaultBranch: "main",
  environments: [env("development", "deploy.yml", "develop"), env("staging", "deploy.yml", "main"), env("production", "deploy.yml", "main", "prod")],
};

test("a run's environment is guessed only when one environment matches workflow and branch", () => {
  expect(environmentForRun(beacon, ".github/workflows/deploy.yml", "develop", "push")).toBe("development");
  expect(environmentForRun(beacon, ".github/workflows/deploy.yml", "main", "workflow_dispatch")).toBeNull();
  expect(environmentForRun(beacon, ".github/workflows/ci.yml", "develop", "push")).toBeNull();
  expect(environmentForRun(beacon, ".github/workflows/deploy.yml", "develop", "pull_request")).toBeNull();
});

test("GitHub environment names map to ours", () => {
  expect(githubEnvironmentName(beacon, "PROD")).toBe("production");
  expect(githubEnvironmentName(beacon, "staging")).toBe("staging");
  expect(githubEnvironmentName(beacon, "qa")).toBeNull();
});

test("the run behind a deployment comes from its payload or its status URL", () => {
  expect(runIdFromDeployment({ run_id: 42 })).toBe(42n);
  expect(runIdFromDeployment({}, { log_url: "https://github.com/o/r/actions/runs/77/job/1" })).toBe(77n);
  expect(runIdFromDeployment(null)).toBeNull();
});

test("repositories match configured applications case-insensitively", () => {
  expect(applicationForRepo([beacon], "Skyward/Beacon")?.slug).toBe("beacon");
  expect(applicationForRepo([beacon], "skyward/other")).toBeNull();
});

test("a list page read before a webhook does not undo it: older attempts, older updates, a completed run seen unfinished", () => {
  const stored = { runAttempt: 2, updatedAt: new Date("2026-12-01T10:00:05Z"), status: "completed" };
  expect(isStaleRun({ run_attempt: 2, updated_at: "2026-12-01T10:00:01Z", status: "in_progress" }, stored)).toBe(true);
  expect(isStaleRun({ run_attempt: 1, updated_at: "2026-12-01T10:09:00Z", status: "completed" }, stored)).toBe(true);
  // The same second: only "completed" may stand.
  expect(isStaleRun({ run_attempt: 2, updated_at: "2026-12-01T10:00:05Z", status: "in_progress" }, stored)).toBe(true);
  expect(isStaleRun({ run_attempt: 2, updated_at: "2026-12-01T10:00:05Z", status: "completed" }, stored)).toBe(false);
  // Newer news, a re-run, or nothing stored yet: store it.
  expect(isStaleRun({ run_attempt: 2, updated_at: "2026-12-01T10:00:06Z", status: "queued" }, stored)).toBe(false);
  expect(isStaleRun({ run_attempt: 3, updated_at: "2026-12-01T10:00:01Z", status: "queued" }, stored)).toBe(false);
  expect(isStaleRun({ run_attempt: 1, updated_at: "2026-12-01T10:00:01Z", status: "queued" }, null)).toBe(false);
});
