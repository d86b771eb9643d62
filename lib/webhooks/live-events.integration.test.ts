// What a webhook tells open pages: the live events applyGithubEvent returns for runs and jobs. The
// overview ignores run and job events (components/live/relevance.ts), so whatever a run changes that
// the overview shows must come with an event of its own.
import { expect, test } from "vitest";
import { getConfig } from "@/lib/config";
import { useTestDatabase } from "@/lib/testing/database";
import { applyGithubEvent } from "./apply-github-event";

const database = useTestDatabase("file");
const RUN_ID = 987_650_001;

function deliver(event: string, payload: Record<string, unknown>) {
  return applyGithubEvent({
    prisma: database().prisma,
    config: getConfig(),
    event,
    action: typeof payload.action === "string" ? payload.action : null,
    payload: { repository: { full_name: "skyward/wumbo" }, ...payload },
    audit: async () => undefined,
    appToken: async () => null,
  });
}

const run = (status: string, conclusion: string | null, updatedAt: string) => ({
  id: RUN_ID,
  name: "Deploy",
  path: ".github/workflows/deploy.yml",
  head_sha: "a".repeat(40),
  head_branch: "main",
  event: "workflow_dispatch",
  status,
  conclusion,
  run_attempt: 1,
  created_at: "2026-12-01T10:00:00Z",
  updated_at: updatedAt,
});

test("a job's progress is a job event placed in its run's environment; a run leaving 'waiting' also ends its approvals by an approval event", async () => {
  const prisma = database().prisma;
  await deliver("workflow_run", { action: "requested", workflow_run: run("waiting", null, "2026-12-01T10:00:05Z") });
  await prisma.workflowRun.update({ where: { id: BigInt(RUN_ID) }, data: { environment: "production" } });
  await prisma.pendingApproval.create({
    data: { runId: BigInt(RUN_ID), environment: "production", application: "wumbo", githubEnvironment: "production", headSha: "a".repeat(40), waitingSince: new Date("2026-12-01T10:00:05Z") },
  });

  const job = await deliver("workflow_job", { action: "in_progress", workflow_job: { id: 555_001, run_id: RUN_ID, run_attempt: 1, name: "build", status: "in_progress", html_url: "" } });
  expect(job.live).toEqual([{ type: "job.changed", application: "wumbo", environment: "production", data: { runId: RUN_ID } }]);

  const cancelled = await deliver("workflow_run", { action: "completed", workflow_run: run("completed", "cancelled", "2026-12-01T10:03:00Z") });
  expect(cancelled.live).toEqual([
    { type: "run.changed", application: "wumbo", environment: "production", data: { runId: RUN_ID } },
    { type: "approval.changed", application: "wumbo", environment: "production", data: { runId: RUN_ID } },
  ]);
  expect((await prisma.pendingApproval.findFirstOrThrow({ where: { runId: BigInt(RUN_ID) } })).resolvedAt).not.toBeNull();

  // An older delivery arriving late changes nothing and ends nothing again.
  const late = await deliver("workflow_run", { action: "in_progress", workflow_run: run("in_progress", null, "2026-12-01T10:01:00Z") });
  expect(late.live).toEqual([{ type: "run.changed", application: "wumbo", environment: "production", data: { runId: RUN_ID } }]);
  expect((await prisma.workflowRun.findUniqueOrThrow({ where: { id: BigInt(RUN_ID) } })).status).toBe("completed");
});
