// Dispatching deploys through the pipeline against the sandbox's GitHub and a real Postgres.
import { randomUUID } from "node:crypto";
import { describe, expect, test } from "vitest";
import { runCommand } from "@/lib/commands/run-command";
import { useTestDatabase } from "@/lib/testing/database";
import { useSandboxPeople } from "@/lib/testing/sandbox-people";
import { octokit, signIn } from "@/sandbox/testing/sandbox-fixture";
import { dispatchDeploy } from "./dispatch-deploy";

const database = useTestDatabase("file");
const world = useSandboxPeople(database, { dana: ["viewer", "deployer"], rita: ["viewer", "release_manager"] });
const request = { ip: "192.0.2.20", userAgent: "vitest" };
const deploy = (input: object, login: string, idempotencyKey: string = randomUUID()) =>
  runCommand(dispatchDeploy, { application: "wumbo", ...input }, { idempotencyKey, actor: world().people[login]!, request });

async function github() {
  const { sandbox } = world();
  return octokit(sandbox, await signIn(sandbox, "vera"));
}

describe("dispatching a deploy", () => {
  test("a deployer deploys staging: GitHub runs the workflow as them, for staging, and the run is on the record", async () => {
    const key = randomUUID();
    const result = await deploy({ environment: "staging", ref: "staging", inputs: { run_migrations: "true" } }, "dana", key);
    expect(result).toMatchObject({ ok: true, result: { runId: expect.any(Number), runUrl: expect.stringContaining("/actions/runs/") } });
    if (!result.ok) return;
    const runId = (result.result as { runId: number }).runId;
    const { data: run } = await (await github()).rest.actions.getWorkflowRun({ owner: "skyward", repo: "wumbo", run_id: runId });
    expect(run).toMatchObject({ event: "workflow_dispatch", head_branch: "staging", actor: expect.objectContaining({ login: "dana" }) });
    const audit = await database().prisma.auditEvent.findFirst({ where: { action: "deploy.dispatched" }, orderBy: { id: "desc" } });
    expect(audit).toMatchObject({ outcome: "succeeded", actorLogin: "dana", environment: "staging", target: String(runId) });
    expect(audit?.payload).toMatchObject({ workflow: "deploy.yml", ref: "staging", inputs: { environment: "staging", run_migrations: "true" } });

    // A double submission replays the result and starts no second run.
    const before = (await (await github()).rest.actions.listWorkflowRunsForRepo({ owner: "skyward", repo: "wumbo", per_page: 1 })).data.total_count;
    expect(await deploy({ environment: "staging", ref: "staging", inputs: { run_migrations: "true" } }, "dana", key)).toEqual({ ...result, replayed: true });
    expect((await (await github()).rest.actions.listWorkflowRunsForRepo({ owner: "skyward", repo: "wumbo", per_page: 1 })).data.total_count).toBe(before);
  });

  test("an exact commit (what development runs) is deployed through a tag named after it, full or short", async () => {
    const gh = await github();
    const { data: commits } = await gh.rest.repos.listCommits({ owner: "skyward", repo: "wumbo", sha: "development", per_page: 3 });
    const sha = commits[2]!.sha;
    for (const ref of [sha, sha.slice(0, 7)]) {
      const result = await deploy({ environment: "staging", ref, inputs: {} }, "dana");
      expect(result).toMatchObject({ ok: true });
      if (!result.ok) return;
      const { data: run } = await gh.rest.actions.getWorkflowRun({ owner: "skyward", repo: "wumbo", run_id: (result.result as { runId: number }).runId });
      expect(run).toMatchObject({ head_sha: sha, head_branch: `flightdeck/${sha}` });
    }
    expect(await deploy({ environment: "staging", ref: "0123456789abcdef0123456789abcdef01234567", inputs: {} }, "dana")).toMatchObject({
      ok: false,
      error: { kind: "validation", fieldErrors: { ref: [expect.stringContaining("is not a commit of skyward/wumbo")] } },
    });
  });

  test("production needs a release manager", async () => {
    expect(await deploy({ environment: "production", ref: "main" }, "dana")).toMatchObject({ ok: false, error: { kind: "forbidden", message: expect.stringContaining("deploy.protected") } });
    expect(await deploy({ environment: "production", ref: "main" }, "rita")).toMatchObject({ ok: true });
  });

  test("inputs are checked against the workflow file: unknown inputs and another environment are refused per field", async () => {
    const unknown = await deploy({ environment: "development", ref: "development", inputs: { colour: "red" } }, "dana");
    expect(unknown).toMatchObject({ ok: false, error: { kind: "validation", fieldErrors: { "inputs.colour": ['The workflow has no input "colour".'] } } });
    const elsewhere = await deploy({ environment: "development", ref: "development", inputs: { environment: "production" } }, "dana");
    expect(elsewhere).toMatchObject({ ok: false, error: { kind: "validation", fieldErrors: { "inputs.environment": ["This deploy targets development."] } } });
  });

  test("an unknown ref is refused by GitHub with a clear message, and a locked environment before GitHub is asked", async () => {
    const missing = await deploy({ environment: "development", ref: "no-such-branch" }, "dana");
    expect(missing).toMatchObject({ ok: false, error: { kind: "validation", fieldErrors: { ref: [expect.stringContaining('on "no-such-branch": no such branch')] } } });
    await database().prisma.environmentLock.create({ data: { application: "wumbo", environment: "development", lockedBy: "oscar", reason: "incident" } });
    expect(await deploy({ environment: "development", ref: "development" }, "dana")).toEqual({ ok: false, error: { kind: "locked", message: "development is locked by oscar: incident" } });
  });

  test("a lock with an expiry refuses naming until when; once past it, the deploy goes through even before the sweep", async () => {
    const locks = database().prisma.environmentLock;
    const until = new Date(Date.now() + 30 * 60_000);
    await locks.create({ data: { application: "wumbo", environment: "staging", lockedBy: "oscar", reason: "INC-31: db failover", expiresAt: until } });
    expect(await deploy({ environment: "staging", ref: "staging" }, "dana")).toEqual({
      ok: false,
      error: { kind: "locked", message: `staging is locked by oscar until ${until.toISOString().slice(0, 16).replace("T", " ")} UTC: INC-31: db failover` },
    });
    await locks.update({ where: { application_environment: { application: "wumbo", environment: "staging" } }, data: { expiresAt: new Date(Date.now() - 1_000) } });
    expect(await deploy({ environment: "staging", ref: "staging" }, "dana")).toMatchObject({ ok: true, result: { runId: expect.any(Number) } });
  });
});
