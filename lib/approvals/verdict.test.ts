import { describe, expect, test } from "vitest";
import type { RunConclusion, RunStatus } from "@/lib/overview/types";
import { checksVerdict, latestChecks } from "./verdict";

const run = (runId: number, workflowPath: string, status: RunStatus, conclusion: RunConclusion, environment: string | null = null) => ({
  runId,
  workflow: workflowPath.replace(".yml", ""),
  workflowPath,
  event: "push",
  environment,
  status,
  conclusion,
});

describe("latestChecks", () => {
  test("keeps the newest run per workflow and environment, without the release's own run or other deploys to its environment", () => {
    const runs = [
      run(9, "deploy.yml", "waiting", null, "production"),
      run(8, "ci.yml", "completed", "success"),
      run(7, "ci.yml", "completed", "failure"),
      run(6, "deploy.yml", "completed", "success", "staging"),
      run(5, "deploy.yml", "completed", "failure", "production"),
    ];
    expect(latestChecks(runs, { runId: 9, environment: "production" }).map((check) => check.runId)).toEqual([8, 6]);
  });
});

describe("checksVerdict", () => {
  const ok = { status: "completed", conclusion: "success" } as const;
  const failed = { status: "completed", conclusion: "failure" } as const;
  const running = { status: "in_progress", conclusion: null } as const;
  const waiting = { status: "waiting", conclusion: null } as const;

  test("a failure anywhere wins, also in the release's own finished jobs", () => {
    expect(checksVerdict([ok, running], [failed])).toBe("failing");
    expect(checksVerdict([failed], [ok])).toBe("failing");
  });

  test("a run still going is 'running'; the release's own unfinished jobs do not count", () => {
    expect(checksVerdict([ok, running], [ok])).toBe("running");
    expect(checksVerdict([], [ok, waiting])).toBe("passing");
  });

  test("nothing at all is 'none', not 'passing'", () => {
    expect(checksVerdict([], [waiting])).toBe("none");
    expect(checksVerdict([{ status: "completed", conclusion: "cancelled" }], [])).toBe("none");
  });
});
