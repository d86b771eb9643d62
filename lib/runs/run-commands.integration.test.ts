// Cancel and re-run through the pipeline against the sandbox's GitHub and a real Postgres.
import { randomUUID } from "node:crypto";
import { describe, expect, test } from "vitest";
import { runCommand } from "@/lib/commands/run-command";
import { useTestDatabase } from "@/lib/testing/database";
import { useSandboxPeople } from "@/lib/testing/sandbox-people";
import { octokit, signIn } from "@/sandbox/testing/sandbox-fixture";
import { cancelRun, rerunRun } from "./run-commands";

const database = useTestDatabase("file");
const world = useSandboxPeople(database, { dana: ["viewer", "deployer"], vera: ["viewer"] });
const request = { ip: "192.0.2.30", userAgent: "vitest" };
const options = (login: string) => ({ idempotencyKey: randomUUID(), actor: world().people[login]!, request });

async function gh() {
  const { sandbox } = world();
  return octokit(sandbox, await signIn(sandbox, "dana"));
}

async function startRun(): Promise<number> {
  const { data } = await (await gh()).request("POST /repos/{owner}/{repo}/actions/workflows/{workflow_id}/dispatches", {
    owner: "skyward",
    repo: "wumbo",
    workflow_id: "deploy.yml",
    ref: "development",
    inputs: { environment: "development" },
    return_run_details: true,
  });
  return (data as { workflow_run_id: number }).workflow_run_id;
}

describe("cancel and re-run", () => {
  test("a viewer may not cancel; a deployer cancels a queued run once, then it is finished", async () => {
    const runId = await startRun();
    expect(await runCommand(cancelRun, { application: "wumbo", runId }, options("vera"))).toMatchObject({ ok: false, error: { kind: "forbidden" } });
    expect(await runCommand(cancelRun, { application: "wumbo", runId }, options("dana"))).toEqual({ ok: true, result: { cancelled: true } });
    const { data } = await (await gh()).rest.actions.getWorkflowRun({ owner: "skyward", repo: "wumbo", run_id: runId });
    expect(data.conclusion).toBe("cancelled");
    expect(await runCommand(cancelRun, { application: "wumbo", runId }, options("dana"))).toMatchObject({
      ok: false,
      error: { kind: "conflict", message: expect.stringContaining("already finished") },
    });
    expect(await database().prisma.auditEvent.findFirst({ where: { action: "run.cancelled", target: String(runId) } })).toMatchObject({ actorLogin: "dana" });
  });

  test("a finished run is re-run as its next attempt", async () => {
    const runId = await startRun();
    await runCommand(cancelRun, { application: "wumbo", runId }, options("dana"));
    expect(await runCommand(rerunRun, { application: "wumbo", runId }, options("dana"))).toEqual({ ok: true, result: { rerun: true, failedOnly: false } });
    const { data } = await (await gh()).rest.actions.getWorkflowRun({ owner: "skyward", repo: "wumbo", run_id: runId });
    expect(data.run_attempt).toBe(2);
  });
});
