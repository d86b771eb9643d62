import type { DemoWorkflow, EnvName } from "../demo/apps";
import type { Conclusion, Job, Step } from "../github/store";

/**
 * What a run of each kind of workflow does: its jobs and their steps with virtual durations.
 * Step names matter: the engine gives "Deploy to Amazon ECS", "Wait for service stability" and
 * "Smoke test" their behaviour; every other step simply takes its time and succeeds.
 */
export const DEPLOY_STEP = "Deploy to Amazon ECS";
export const STABILITY_STEP = "Wait for service stability";
export const SMOKE_STEP = "Smoke test";

export interface JobPlan {
  name: string;
  environment?: EnvName;
  /** Skipped jobs complete at once with conclusion "skipped" (e.g. tests with skip_tests). */
  skipped?: boolean;
  steps: [name: string, seconds: number][];
}

const setup: [string, number][] = [["Set up job", 2]];
const done: [string, number][] = [["Complete job", 1]];

export function planJobs(workflow: DemoWorkflow, inputs: Record<string, unknown>, environment: EnvName | undefined): JobPlan[] {
  switch (workflow.kind) {
    case "deploy": {
      const rollback = typeof inputs.image_tag === "string" && inputs.image_tag !== "";
      return [
        { name: "test", skipped: inputs.skip_tests === true, steps: [...setup, ["Checkout", 2], ["Install dependencies", 14], ["Lint", 6], ["Unit tests", 24], ...done] },
        { name: "build-and-push", skipped: rollback, steps: [...setup, ["Checkout", 2], ["Configure AWS credentials", 3], ["Login to Amazon ECR", 2], ["Build images", 28], ["Push images", 12], ...done] },
        {
          name: "deploy",
          environment,
          steps: [
            ...setup,
            ["Configure AWS credentials", 3],
            ...(inputs.run_migrations === true ? ([["Run database migrations", 9]] as [string, number][]) : []),
            [DEPLOY_STEP, 4],
            [STABILITY_STEP, 30],
            [SMOKE_STEP, 6],
            ...done,
          ],
        },
      ];
    }
    case "checks":
      return [
        { name: workflow.file === "ci-local.yml" ? "compose-test" : "lint", steps: [...setup, ["Checkout", 2], ["Lint", 8], ...done] },
        { name: "test", steps: [...setup, ["Checkout", 2], ["Run tests", 35], ...done] },
      ];
    case "scan":
      return [{ name: "scan", steps: [...setup, ["Checkout", 2], ["Trivy filesystem scan", 25], ["pip-audit", 10], ...done] }];
    case "flags":
      return [{ name: "toggle", environment, steps: [...setup, ["Set flag", 4], ...done] }];
  }
}

export function newSteps(plan: JobPlan): Step[] {
  return plan.steps.map(([name, seconds], index) => ({ name, number: index + 1, status: "queued", conclusion: null, startedAt: null, completedAt: null, durationMs: seconds * 1000 }));
}

/**
 * A finished job laid out from `start` (seeded history): every step succeeded, except from
 * `failAt` (a step name) on, which fails and leaves the rest skipped.
 */
export function completedJob(plan: JobPlan, base: Omit<Job, "steps" | "status" | "conclusion" | "startedAt" | "completedAt" | "name" | "environment">, start: number, outcome: { failAt?: string; conclusion?: Conclusion }): Job {
  if (plan.skipped) return { ...base, name: plan.name, environment: plan.environment, status: "completed", conclusion: "skipped", startedAt: start, completedAt: start, steps: [], runnerId: null, runnerName: null };
  let at = start;
  let failed = false;
  const steps = newSteps(plan).map((step): Step => {
    if (failed) return { ...step, status: "completed", conclusion: "skipped", startedAt: at, completedAt: at };
    const startedAt = at;
    at += step.durationMs;
    const fails = outcome.failAt === step.name;
    failed = fails;
    return { ...step, status: "completed", conclusion: fails ? "failure" : "success", startedAt, completedAt: at };
  });
  return { ...base, name: plan.name, environment: plan.environment, status: "completed", conclusion: failed ? "failure" : (outcome.conclusion ?? "success"), startedAt: start, completedAt: at, steps };
}
