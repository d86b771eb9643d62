import type { Browser, Page } from "@playwright/test";
import { auditEventsSince, latestAuditId } from "./audit-api";
import { captureAction, expect, ready, signInAs, test } from "./fixtures";
import { advanceClock, ecsServices, sandbox, shaOfImage, tokenFor } from "./sandbox-api";

// The approvals inbox as release managers and a viewer use it, against the sandbox's GitHub: four-eyes,
// approve → the release deploys, reject → the run ends, two approvals on DreamCatchr production, and a
// viewer's forged approval refused. Each test checks the audit events it caused.

// These journeys share the sandbox's clock and runs, so they run one after another.
test.describe.configure({ mode: "serial" });
test.setTimeout(120_000);

interface ApiRun {
  id: number;
  status: string;
  conclusion: string | null;
  head_sha: string;
  run_attempt: number;
  actor: { login: string } | null;
}

/** What a test caused for one run, oldest first (see audit-api). */
async function runEvents(page: Page, since: bigint, runId: number, filters: Record<string, string> = {}) {
  return (await auditEventsSince(page, since, filters)).filter((event) => event.target === String(runId));
}

const runOf = async (repo: string, runId: number) => sandbox<ApiRun>("GET", `/api/v3/repos/skyward/${repo}/actions/runs/${runId}`, undefined, await tokenFor("vera"));

/** Starts a deploy as dana (a deployer) and moves the sandbox's clock until it waits for its review. */
async function waitingDeploy(repo: string, workflow: string, inputs: Record<string, string>): Promise<ApiRun> {
  const token = await tokenFor("dana");
  const { workflow_run_id: runId } = await sandbox<{ workflow_run_id: number }>(
    "POST",
    `/api/v3/repos/skyward/${repo}/actions/workflows/${workflow}/dispatches`,
    { ref: "main", inputs, return_run_details: true },
    token,
  );
  let run = await runOf(repo, runId);
  for (let step = 0; step < 60 && run.status !== "waiting"; step++) {
    await advanceClock(5_000);
    run = await runOf(repo, runId);
  }
  expect(run.status).toBe("waiting");
  return run;
}

/** Another person in their own browser context; their console errors count like the main page's. */
async function personPage(browser: Browser, consoleErrors: string[], login: string, path: string): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
  page.on("console", (message) => {
    if (message.type() === "error") consoleErrors.push(`${login}: ${message.text()}`);
  });
  page.on("pageerror", (error) => consoleErrors.push(`${login}: ${error.message}`));
  await signInAs(page, login, path);
  return page;
}

test("the release rita started is in her inbox with Approve disabled (four-eyes); ravi approves it with a comment and it deploys", async ({ page, browser, consoleErrors }) => {
  const waiting = await sandbox<{ workflow_runs: ApiRun[] }>("GET", "/api/v3/repos/skyward/wumbo/actions/runs?status=waiting", undefined, await tokenFor("vera"));
  const release = waiting.workflow_runs.find((run) => run.actor?.login === "rita");
  if (!release) throw new Error("the demo has no waiting Wumbo release started by rita");

  await signInAs(page, "rita", "/approvals");
  await expect(page.getByRole("heading", { name: "Approvals" })).toBeVisible();
  const since = await latestAuditId(page);
  const item = page.getByTestId(`pending-release-${release.id}`);
  // A fresh app learns about runs from its first GitHub pass, a few seconds after the first sign-in.
  await expect(item).toBeVisible({ timeout: 60_000 });
  await expect(item).toHaveAttribute("data-environment", "production");
  await expect(item).toContainText("Wumbo / production");
  await expect(item).toContainText("started by rita");
  await expect(item.getByTestId("approval-count")).toHaveText("0/1 approval");
  // What it ships: the commits between what production runs and the release's SHA.
  await expect(item.getByTestId("ships")).toHaveAttribute("data-ahead", /^[1-9]\d*$/, { timeout: 30_000 });
  await expect(item.getByTestId("checks-verdict")).toHaveText("checks passed");
  await expect(item.getByRole("button", { name: "Approve" })).toBeDisabled();
  await expect(item.getByRole("button", { name: "Reject" })).toBeDisabled();
  await expect(item.getByTestId(`review-blocked-${release.id}`)).toHaveText(/^You started this release \(run #\d+\); another release manager must review it\.$/);

  // The environment page shows the same release with the same controls.
  await page.goto("/apps/wumbo/production");
  const section = page.locator("#approvals").getByTestId(`pending-release-${release.id}`);
  await expect(section.getByRole("button", { name: "Approve" })).toBeDisabled();
  await expect(section.getByTestId(`review-blocked-${release.id}`)).toContainText("You started this release");

  const ravi = await personPage(browser, consoleErrors, "ravi", "/approvals");
  const ravisItem = ravi.getByTestId(`pending-release-${release.id}`);
  await ready(ravi);
  await ravisItem.getByRole("button", { name: "Approve" }).click();
  const dialog = ravi.getByRole("dialog", { name: /^Approve wumbo run #\d+ for production$/ });
  await expect(dialog).toContainText(`will deploy ${release.head_sha.slice(0, 7)} to production. It ships`);
  await dialog.getByLabel(/^Comment/).fill("Release notes read; go.");
  await dialog.getByRole("button", { name: `Approve ${release.head_sha.slice(0, 7)}` }).click();
  await expect(dialog).toBeHidden();
  // It leaves the inbox (ravi's, and rita's open page without a reload) and is listed as decided.
  await expect(ravisItem).toHaveCount(0);
  await expect(page.getByTestId(`pending-release-${release.id}`)).toHaveCount(0);
  await ravi.goto("/approvals");
  const decided = ravi.getByTestId(`decided-release-${release.id}`);
  await expect(decided).toHaveAttribute("data-decision", "approved");
  await expect(decided).toHaveAttribute("data-via", "flightdeck");
  await expect(decided).toContainText("ravi");

  // The run continues on the sandbox; its page follows it to the end, and production runs the new SHA.
  await ravi.goto(`/apps/wumbo/runs/${release.id}`);
  const detail = ravi.getByTestId("run-detail");
  await expect(detail).not.toHaveAttribute("data-status", "waiting");
  let run = await runOf("wumbo", release.id);
  for (let step = 0; step < 60 && run.status !== "completed"; step++) {
    await advanceClock(15_000);
    run = await runOf("wumbo", release.id);
  }
  expect(run).toMatchObject({ status: "completed", conclusion: "success" });
  await expect(detail).toHaveAttribute("data-conclusion", "success");
  const production = (await ecsServices()).filter((service) => service.cluster === "wumbo-production");
  expect(production.length).toBeGreaterThan(0);
  for (const service of production) expect(shaOfImage(Object.values(service.images)[0] ?? "")).toBe(release.head_sha);

  // The trail: ravi's intent and outcome in Flightdeck, and GitHub's record of the same review — nothing
  // else about this run (rita's disabled buttons were never pressed).
  const events = await runEvents(ravi, since, release.id);
  expect(events).toHaveLength(3);
  expect(events).toEqual(
    expect.arrayContaining([
      expect.objectContaining({ action: "release.approve", outcome: "requested", actorType: "user", actorLogin: "ravi" }),
      expect.objectContaining({ action: "release.approved", outcome: "succeeded", actorType: "user", actorLogin: "ravi", payload: expect.objectContaining({ comment: "Release notes read; go.", approvedOnGitHub: true }) }),
      expect.objectContaining({ action: "release.approved", outcome: "succeeded", actorType: "github", actorLogin: "ravi", payload: expect.objectContaining({ comment: "Release notes read; go." }) }),
    ]),
  );
  await ravi.context().close();
});

test("a release manager rejects another waiting release with a reason, and the run ends rejected", async ({ page }) => {
  const release = await waitingDeploy("wumbo", "deploy.yml", { environment: "production" });
  await signInAs(page, "ravi", "/approvals");
  const since = await latestAuditId(page);
  const item = page.getByTestId(`pending-release-${release.id}`);
  await expect(item).toContainText("started by dana");
  await ready(page);
  await item.getByRole("button", { name: "Reject" }).click();
  const dialog = page.getByRole("dialog", { name: /^Reject wumbo run #\d+ for production$/ });
  await expect(dialog).toContainText(`ends without deploying ${release.head_sha.slice(0, 7)}`);
  await dialog.getByLabel(/^Comment/).fill("Migration not reviewed");
  await dialog.getByRole("button", { name: `Reject ${release.head_sha.slice(0, 7)}` }).click();
  await expect(dialog).toBeHidden();
  await expect(item).toHaveCount(0);
  await expect(page.getByTestId(`decided-release-${release.id}`)).toHaveAttribute("data-decision", "rejected");

  expect(await runOf("wumbo", release.id)).toMatchObject({ status: "completed", conclusion: "failure" });
  await page.goto(`/apps/wumbo/runs/${release.id}`);
  await expect(page.getByTestId("run-detail")).toHaveAttribute("data-conclusion", "failure");
  await expect(page.getByTestId("run-detail")).toContainText("Migration not reviewed");

  const events = await runEvents(page, since, release.id);
  expect(events).toHaveLength(3);
  expect(events).toEqual(
    expect.arrayContaining([
      expect.objectContaining({ action: "release.reject", outcome: "requested", actorType: "user", actorLogin: "ravi" }),
      expect.objectContaining({ action: "release.rejected", outcome: "succeeded", actorType: "user", payload: expect.objectContaining({ comment: "Migration not reviewed" }) }),
      expect.objectContaining({ action: "release.rejected", outcome: "succeeded", actorType: "github" }),
    ]),
  );
});

test("DreamCatchr production needs two approvals: after the first it shows 1/2 and GitHub keeps waiting", async ({ page }) => {
  const release = await waitingDeploy("dreamcatchr", "production-deploy.yml", {});
  await signInAs(page, "rita", "/approvals");
  const since = await latestAuditId(page);
  const item = page.getByTestId(`pending-release-${release.id}`);
  await expect(item).toContainText("DreamCatchr / production");
  await expect(item.getByTestId("approval-count")).toHaveText("0/2 approvals");
  await ready(page);
  await item.getByRole("button", { name: "Approve" }).click();
  const dialog = page.getByRole("dialog", { name: /^Approve dreamcatchr run #\d+ for production$/ });
  await expect(dialog).toContainText("This is approval 1 of 2");
  await dialog.getByLabel(/^Comment/).fill("Looks right");
  await dialog.getByRole("button", { name: `Approve ${release.head_sha.slice(0, 7)}` }).click();
  await expect(dialog).toBeHidden();

  await expect(item.getByTestId("approval-count")).toHaveText("1/2 approvals");
  await expect(item).toHaveAttribute("data-approvals", "1");
  await expect(item.getByTestId("collected-approvals")).toContainText("rita");
  // rita has given hers; the second must come from someone else.
  await expect(item.getByRole("button", { name: "Approve" })).toBeDisabled();
  await expect(item.getByTestId(`review-blocked-${release.id}`)).toHaveText("You have approved this release; it needs 1 more approval from other release managers.");
  expect((await runOf("dreamcatchr", release.id)).status).toBe("waiting");

  // The intent and its outcome, in that order; nothing from GitHub, where nothing was approved yet.
  expect(await runEvents(page, since, release.id)).toEqual([
    expect.objectContaining({ action: "release.approve", outcome: "requested", actorType: "user", actorLogin: "rita" }),
    expect.objectContaining({ action: "release.approved", outcome: "succeeded", actorType: "user", actorLogin: "rita", payload: expect.objectContaining({ approvals: 1, required: 2, approvedOnGitHub: false }) }),
  ]);
});

test("a viewer sees the inbox without controls, and her forged approval is refused and audited", async ({ page, browser }) => {
  const release = await waitingDeploy("wumbo", "deploy.yml", { environment: "production" });
  await signInAs(page, "vera", "/approvals");
  const item = page.getByTestId(`pending-release-${release.id}`);
  await expect(item).toContainText("started by dana");
  await expect(item.getByTestId("checks-verdict")).toBeVisible();
  await expect(page.getByRole("button", { name: "Approve" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Reject" })).toHaveCount(0);

  // The request a release manager's browser sends to approve, captured before it leaves the browser…
  const context = await browser.newContext();
  const ravi = await context.newPage();
  await signInAs(ravi, "ravi", "/approvals");
  await ready(ravi);
  const approval = await captureAction(ravi, async () => {
    await ravi.getByTestId(`pending-release-${release.id}`).getByRole("button", { name: "Approve" }).click();
    await ravi.getByRole("dialog").getByRole("button", { name: `Approve ${release.head_sha.slice(0, 7)}` }).click();
  });
  await context.close();

  // …sent by vera with her own session: the server refuses it, and nothing reaches GitHub.
  const since = await latestAuditId(page);
  const forged = await page.request.post(approval.url, { headers: approval.headers, data: approval.body });
  expect(await forged.text()).toContain("You need the release.review permission");
  expect(await runOf("wumbo", release.id)).toMatchObject({ status: "waiting" });

  // One refusal on the record, and nothing else about this run.
  expect(await runEvents(page, since, release.id)).toEqual([
    expect.objectContaining({ action: "action.denied", outcome: "denied", actorLogin: "vera", application: "wumbo", environment: "production", payload: expect.objectContaining({ attempted: "release.approve" }) }),
  ]);
});
