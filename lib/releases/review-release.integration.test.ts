// Approving and rejecting production releases through the pipeline, against the sandbox's GitHub and a
// real Postgres: four-eyes refused server-side, approvals bound to the SHA, N distinct approvers.
import { randomUUID } from "node:crypto";
import { describe, expect, test } from "vitest";
import { runCommand } from "@/lib/commands/run-command";
import { useTestDatabase } from "@/lib/testing/database";
import { useSandboxPeople } from "@/lib/testing/sandbox-people";
import { control, octokit, signIn } from "@/sandbox/testing/sandbox-fixture";
import { approveRelease, rejectRelease } from "./review-release";

const database = useTestDatabase("file");
// Wumbo production needs two approvals in this test's config; everything else as shipped.
const world = useSandboxPeople(
  database,
  { rita: ["viewer", "release_manager"], ravi: ["viewer", "release_manager"], dana: ["viewer", "deployer"] },
  (yaml) =>
    yaml.replace(
      "        ref: main\n        protected: true\n        ecs:\n          region: us-east-1",
      "        ref: main\n        protected: true\n        requiredApprovals: 2\n        ecs:\n          region: us-east-1",
    ),
);

const request = { ip: "192.0.2.10", userAgent: "vitest" };
const options = (login: string) => ({ idempotencyKey: randomUUID(), actor: world().people[login]!, request });
const where = { application: "wumbo", environment: "production" };
const approve = (input: object, login: string) => runCommand(approveRelease, { ...where, ...input }, options(login));
const reject = (input: object, login: string) => runCommand(rejectRelease, { ...where, ...input }, options(login));

/** The demo's waiting Wumbo production release, started by rita. */
async function waitingRun() {
  const gh = octokit(world().sandbox, await signIn(world().sandbox, "vera"));
  const { data } = await gh.rest.actions.listWorkflowRunsForRepo({ owner: "skyward", repo: "wumbo", status: "waiting" });
  const run = data.workflow_runs[0];
  if (!run) throw new Error("the demo has no waiting run");
  return { runId: run.id, headSha: run.head_sha, actor: run.actor?.login, gh };
}

describe("release review", () => {
  test("a deployer may not review; the person who started the release may not approve it", async () => {
    const { runId, headSha, actor } = await waitingRun();
    expect(actor).toBe("rita");
    await control(world().sandbox, "DELETE", "/requests");
    expect(await approve({ runId, headSha }, "dana")).toMatchObject({ ok: false, error: { kind: "forbidden", message: expect.stringContaining("release.review") } });
    // Refused before anything is asked of GitHub with the person's token.
    const counts = await control<{ endpoints: { endpoint: string; count: number }[] }>(world().sandbox, "GET", "/requests");
    expect(counts.endpoints.filter((entry) => entry.endpoint.includes("/api/v3/"))).toEqual([]);
    expect(await database().prisma.auditEvent.count({ where: { action: "action.denied", actorLogin: "dana", target: String(runId) } })).toBe(1);
    const self = await approve({ runId, headSha }, "rita");
    expect(self).toMatchObject({ ok: false, error: { kind: "forbidden", message: expect.stringContaining("You started this release") } });
    const denied = await database().prisma.auditEvent.findFirst({ where: { action: "action.denied", actorLogin: "rita" }, orderBy: { id: "desc" } });
    expect(denied).toMatchObject({ application: "wumbo", environment: "production", target: String(runId) });
  });

  test("an approval for another SHA than the run's is refused", async () => {
    const { runId } = await waitingRun();
    const stale = await approve({ runId, headSha: "0".repeat(40) }, "ravi");
    expect(stale).toMatchObject({ ok: false, error: { kind: "conflict", message: expect.stringContaining("not 0000000 as you reviewed") } });
  });

  test("with two approvals required, the first is collected and the second approves on GitHub as its reviewer", async () => {
    // A run dana started: both release managers are eligible.
    const dana = octokit(world().sandbox, await signIn(world().sandbox, "dana"));
    const { data: dispatched } = await dana.request("POST /repos/{owner}/{repo}/actions/workflows/{workflow_id}/dispatches", {
      owner: "skyward",
      repo: "wumbo",
      workflow_id: "deploy.yml",
      ref: "main",
      inputs: { environment: "production" },
      return_run_details: true,
    });
    const runId = (dispatched as { workflow_run_id: number }).workflow_run_id;
    let run = (await dana.rest.actions.getWorkflowRun({ owner: "skyward", repo: "wumbo", run_id: runId })).data;
    for (let step = 0; step < 60 && run.status !== "waiting"; step += 1) {
      await fetch(`${world().sandbox.url}/_sandbox/clock/advance`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ ms: 5_000 }) });
      run = (await dana.rest.actions.getWorkflowRun({ owner: "skyward", repo: "wumbo", run_id: runId })).data;
    }
    expect(run.status).toBe("waiting");

    const first = await approve({ runId, headSha: run.head_sha, comment: "Looks good" }, "rita");
    expect(first).toEqual({ ok: true, result: { approvals: 1, required: 2, approvedOnGitHub: false } });
    expect((await dana.rest.actions.getWorkflowRun({ owner: "skyward", repo: "wumbo", run_id: runId })).data.status).toBe("waiting");

    const second = await approve({ runId, headSha: run.head_sha }, "ravi");
    expect(second).toEqual({ ok: true, result: { approvals: 2, required: 2, approvedOnGitHub: true } });
    const { data: approvals } = await dana.request("GET /repos/{owner}/{repo}/actions/runs/{run_id}/approvals", { owner: "skyward", repo: "wumbo", run_id: runId });
    expect(approvals).toEqual([expect.objectContaining({ state: "approved", user: expect.objectContaining({ login: "ravi" }), comment: expect.stringContaining("rita, ravi") })]);
    const outcome = await database().prisma.auditEvent.findFirst({ where: { action: "release.approved", target: String(runId) }, orderBy: { id: "desc" } });
    expect(outcome?.payload).toMatchObject({ approvers: ["rita", "ravi"], approvedOnGitHub: true });
  });

  test("a rejection needs a reason and ends the waiting run on GitHub", async () => {
    const { runId, headSha, gh } = await waitingRun();
    expect(await reject({ runId, headSha, comment: "" }, "ravi")).toMatchObject({ ok: false, error: { kind: "validation" } });
    expect(await reject({ runId, headSha, comment: "Migration not reviewed" }, "ravi")).toEqual({ ok: true, result: { rejected: true } });
    const { data } = await gh.rest.actions.getWorkflowRun({ owner: "skyward", repo: "wumbo", run_id: runId });
    expect(data.status).toBe("completed");
    expect(data.conclusion).not.toBe("success");
  });
});
