import type { Page } from "@playwright/test";
import { auditEventsSince, latestAuditId } from "./audit-api";
import { captureAction, expect, ready, signInAs, test } from "./fixtures";
import { advanceClock, ecsServices, sandbox, shaOfImage, tokenFor } from "./sandbox-api";

// Acting from the dashboard: deploy, roll back, lock — as the real roles, against the sandbox. These
// journeys share the sandbox's clock, faults and ECS services, so they run one after another.
test.describe.configure({ mode: "serial" });
// Each journey waits on GitHub runs and ECS rollouts (moved along by the sandbox clock).
test.setTimeout(120_000);

interface ApiRun {
  id: number;
  status: string;
  conclusion: string | null;
  head_sha: string;
  actor: { login: string };
}

const RUNS = "/api/v3/repos/skyward/wumbo/actions/runs";

async function runsBy(login: string): Promise<ApiRun[]> {
  const token = await tokenFor("ada");
  return (await sandbox<{ workflow_runs: ApiRun[] }>("GET", `${RUNS}?actor=${login}&event=workflow_dispatch&per_page=100`, undefined, token)).workflow_runs;
}

/** Moves the sandbox's clock until the run has finished (each step is what a real minute or so would do). */
async function finishRun(runId: number): Promise<ApiRun> {
  const token = await tokenFor("ada");
  let run = await sandbox<ApiRun>("GET", `${RUNS}/${runId}`, undefined, token);
  for (let step = 0; step < 80 && run.status !== "completed"; step++) {
    await advanceClock(15_000);
    run = await sandbox<ApiRun>("GET", `${RUNS}/${runId}`, undefined, token);
  }
  return run;
}

/** Moves the clock until every service of the cluster is stable again (ECS rollouts are time-driven). */
async function settle(cluster: string) {
  for (let step = 0; step < 40; step++) {
    const services = (await ecsServices()).filter((service) => service.cluster === cluster);
    if (services.every((service) => service.state === "stable")) return services;
    await advanceClock(15_000);
  }
  throw new Error(`${cluster} did not settle`);
}

function confirmButton(page: Page, name: RegExp | string) {
  return page.getByRole("dialog").getByRole("button", { name });
}

test("a deployer deploys staging from the dashboard and watches it finish; the services then run its SHA", async ({ page }) => {
  await signInAs(page, "dana", "/apps/wumbo/staging");
  await ready(page);
  const since = await latestAuditId(page);
  // The refresher reads GitHub with the token of whoever signed in last: wait for its first pass.
  await expect(page.getByRole("main")).toContainText("commits in development that staging does not run", { timeout: 45_000 });
  await page.getByRole("button", { name: "Deploy to staging" }).click();
  const dialog = page.getByRole("dialog", { name: "Deploy to staging" });
  // The default is to promote what development runs.
  const development = (await ecsServices()).find((service) => service.cluster === "wumbo-development");
  const promoted = shaOfImage(Object.values(development!.images)[0]!);
  await expect(dialog.getByText(`Promote ${promoted.slice(0, 7)} from development`)).toBeVisible();
  await dialog.getByRole("button", { name: `Deploy ${promoted.slice(0, 7)} to staging` }).click();

  // GitHub created the run: the run page opens and follows it live.
  await expect(page).toHaveURL(/\/apps\/wumbo\/runs\/\d+$/);
  const runId = Number(page.url().split("/").pop());
  const run = await finishRun(runId);
  expect(run).toMatchObject({ status: "completed", conclusion: "success", head_sha: promoted, actor: { login: "dana" } });
  await expect(page.getByTestId("run-detail")).toHaveAttribute("data-conclusion", "success");

  const services = await settle("wumbo-staging");
  await page.goto("/apps/wumbo/staging");
  for (const service of services) {
    expect(shaOfImage(Object.values(service.images)[0]!)).toBe(promoted);
    await expect(page.getByTestId(`service-${Object.keys(service.images)[0]}`)).toHaveAttribute("data-sha", promoted, { timeout: 20_000 });
  }

  const events = await auditEventsSince(page, since, { actor: "dana" });
  expect(events.map((event) => [event.action, event.outcome])).toEqual([
    ["deploy.requested", "requested"],
    ["deploy.dispatched", "succeeded"],
  ]);
  expect(events[1]).toMatchObject({ application: "wumbo", environment: "staging", target: String(runId), correlationId: events[0]!.correlationId });
});

test("double-clicking Deploy and replaying the same request start exactly one run", async ({ page }) => {
  await signInAs(page, "dana", "/apps/wumbo/development");
  await ready(page);
  const since = await latestAuditId(page);
  const before = (await runsBy("dana")).length;
  await page.getByRole("button", { name: "Deploy to development" }).click();
  await page.getByRole("dialog").getByRole("textbox", { name: "Branch, tag or SHA" }).fill("development");
  const submitted = page.waitForRequest((request) => request.method() === "POST" && Boolean(request.headers()["next-action"]));
  await confirmButton(page, "Deploy development to development").dblclick();
  const request = await submitted;
  await expect(page).toHaveURL(/\/apps\/wumbo\/runs\/\d+$/);

  // The same request again (same idempotency key): the first answer, not a second run.
  const replay = await page.request.post(request.url(), { headers: request.headers(), data: request.postDataBuffer() ?? undefined });
  expect(replay.ok()).toBe(true);
  expect((await runsBy("dana")).length).toBe(before + 1);
  const dispatched = (await auditEventsSince(page, since, { actor: "dana" })).filter((event) => event.action === "deploy.dispatched");
  expect(dispatched).toHaveLength(1);
  await finishRun(Number(page.url().split("/").pop()));
});

test("GitHub failing a dispatch shows a clear message and leaves nothing half-done", async ({ page }) => {
  await signInAs(page, "dana", "/apps/wumbo/development");
  await ready(page);
  const since = await latestAuditId(page);
  const before = (await runsBy("dana")).length;
  await sandbox("POST", "/_sandbox/faults", { route: "POST /repos/skyward/wumbo/actions/workflows/deploy.yml/dispatches", status: 502, count: 10 });
  try {
    await page.getByRole("button", { name: "Deploy to development" }).click();
    const dialog = page.getByRole("dialog");
    await dialog.getByRole("textbox", { name: "Branch, tag or SHA" }).fill("development");
    await confirmButton(page, "Deploy development to development").click();
    await expect(dialog.getByRole("status")).toContainText(/GitHub/);
    await expect(dialog).toBeVisible();
  } finally {
    await sandbox("DELETE", "/_sandbox/faults");
  }
  expect((await runsBy("dana")).length).toBe(before);
  const events = await auditEventsSince(page, since, { actor: "dana" });
  expect(events.map((event) => [event.action, event.outcome])).toEqual([
    ["deploy.requested", "requested"],
    ["deploy.requested", "failed"],
  ]);
});

test("a deployer cannot deploy production, and a viewer's forged actions are refused and audited", async ({ page, browser }) => {
  await signInAs(page, "dana", "/apps/wumbo/production");
  await ready(page);
  await expect(page.getByRole("button", { name: "Deploy to production" })).toBeDisabled();
  await expect(page.getByRole("button", { name: "Deploy to production" })).toHaveAttribute("title", "Release managers deploy to protected environments.");

  // The requests on-call and a deployer would send in staging…
  const danaContext = await browser.newContext();
  const dana = await danaContext.newPage();
  await signInAs(dana, "dana", "/apps/wumbo/staging");
  await ready(dana);
  const deploy = await captureAction(dana, async () => {
    await dana.getByRole("button", { name: "Deploy to staging" }).click();
    await dana.getByRole("dialog").getByRole("textbox", { name: "Branch, tag or SHA" }).fill("main");
    await confirmButton(dana, "Deploy main to staging").click();
  });
  await danaContext.close();
  const oscarContext = await browser.newContext();
  const oscar = await oscarContext.newPage();
  await signInAs(oscar, "oscar", "/apps/wumbo/staging");
  await ready(oscar);
  const actions = oscar.getByTestId("environment-actions");
  const rollback = await captureAction(oscar, async () => {
    await actions.getByRole("button", { name: "Roll back…" }).click();
    await oscar.getByRole("dialog").getByLabel(/^Reason/).fill("forged");
    await confirmButton(oscar, /^Roll back to/).click();
  });
  // The stopped request failed in that page: start again from a fresh one.
  await oscar.reload();
  await ready(oscar);
  const lock = await captureAction(oscar, async () => {
    await oscar.getByRole("main").getByRole("button", { name: "Lock", exact: true }).click();
    await oscar.getByRole("dialog").getByLabel(/^Why\?/).fill("forged lock");
    await confirmButton(oscar, "Lock staging").click();
  });
  await oscarContext.close();

  // …sent by a viewer, who has no button for them: each is refused by the server and recorded.
  const veraContext = await browser.newContext();
  const vera = await veraContext.newPage();
  await signInAs(vera, "vera", "/apps/wumbo/staging");
  await ready(vera);
  await expect(vera.getByTestId("environment-actions").getByRole("button", { name: "Deploy to staging" })).toBeDisabled();
  const since = await latestAuditId(vera);
  for (const [forged, permission] of [
    [deploy, "deploy.unprotected"],
    [rollback, "service.rollback"],
    [lock, "env.lock"],
  ] as const) {
    const answer = await vera.request.post(forged.url, { headers: forged.headers, data: forged.body });
    expect(await answer.text()).toContain(`You need the ${permission} permission`);
  }
  const denied = await auditEventsSince(vera, since, { actor: "vera", action: "action.denied" });
  expect(denied.map((event) => (event.payload as { attempted: string }).attempted)).toEqual(["deploy.requested", "service.rollback", "env.lock"]);
  expect(denied.every((event) => event.outcome === "denied" && event.environment === "staging")).toBe(true);
  // Nothing happened: staging is not locked.
  await vera.reload();
  await expect(vera.getByTestId("lock-banner")).toHaveCount(0);
  await veraContext.close();
});

test("on-call rolls production back to the previous release; the environment is then locked until a release manager unlocks it", async ({ page, browser }) => {
  const before = await settle("wumbo-production");
  const running = shaOfImage(Object.values(before[0]!.images)[0]!);
  await signInAs(page, "oscar", "/apps/wumbo/production");
  await ready(page);
  const since = await latestAuditId(page);
  await page.getByTestId("environment-actions").getByRole("button", { name: "Roll back…" }).click();
  const dialog = page.getByRole("dialog", { name: "Roll back every service in production" });
  const preview = dialog.getByTestId("rollback-preview");
  await expect(preview).toContainText("Commits being reverted");
  await expect(preview).toContainText(`${running.slice(0, 7)} →`);
  const target = (await dialog.getByLabel("Roll back to").inputValue()).trim();
  expect(target).toMatch(/^[0-9a-f]{40}$/);
  expect(target).not.toBe(running);
  await dialog.getByLabel(/^Reason/).fill("checkout errors after the last release");
  await dialog.getByRole("button", { name: `Roll back to ${target.slice(0, 7)}` }).click();
  await expect(dialog).toBeHidden();

  // Held: locked by oscar with the reason; only a release manager may unlock.
  const banner = page.getByTestId("lock-banner");
  const unlock = banner.getByRole("button", { name: "Unlock" });
  await expect(unlock).toBeDisabled();
  await expect(banner).toContainText("production is locked by oscar");
  await expect(banner.getByTestId("lock-reason")).toHaveText("rolled back by oscar: checkout errors after the last release");

  // ECS rolls every service to the chosen release, and the page follows it.
  const after = await settle("wumbo-production");
  for (const service of after) {
    expect(shaOfImage(Object.values(service.images)[0]!)).toBe(target);
    await expect(page.getByTestId(`service-${Object.keys(service.images)[0]}`)).toHaveAttribute("data-sha", target, { timeout: 20_000 });
  }
  const events = await auditEventsSince(page, since, { actor: "oscar" });
  expect(events.map((event) => [event.action, event.outcome])).toEqual([
    ["service.rollback", "requested"],
    ["env.locked", "succeeded"],
    ["service.rolled_back", "succeeded"],
  ]);
  expect(events[2]).toMatchObject({ environment: "production", payload: { sha: target, locked: true } });

  const context = await browser.newContext();
  const rita = await context.newPage();
  await signInAs(rita, "rita", "/apps/wumbo/production");
  await ready(rita);
  await rita.getByTestId("lock-banner").getByRole("button", { name: "Unlock" }).click();
  await confirmButton(rita, "Unlock production").click();
  await expect(rita.getByTestId("lock-banner")).toHaveCount(0);
  await expect(rita.getByRole("main").getByRole("button", { name: "Lock", exact: true })).toBeVisible();
  const unlocked = await auditEventsSince(rita, since, { actor: "rita", action: "env.unlocked" });
  expect(unlocked).toHaveLength(1);
  await context.close();
});
