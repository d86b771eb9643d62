import type { Page } from "@playwright/test";
import { captureAction, expect, signInAs, test } from "./fixtures";
import { advanceClock, sandbox, tokenFor } from "./sandbox-api";

// Locking environments: on-call locks with a reason and an expiry, everyone sees who, why and until
// when; only release managers unlock; and the lock holds on GitHub's side too, through the custom
// deployment protection rule that Beacon production lists (answered by Flightdeck's GitHub App).
// The journeys build on each other's lock, so they run in order. DreamCatchr staging and Beacon
// production are used so that other journeys' deploys (Wumbo) never meet these locks.
test.describe.configure({ mode: "serial" });

interface AuditLine {
  action: string;
  outcome: string;
  actorType: string;
  actorLogin: string | null;
  application: string | null;
  environment: string | null;
  target: string | null;
  payload: Record<string, unknown>;
}

/** Audit events through the export, as the signed-in person (newest first). */
async function auditEvents(page: Page, filters: Record<string, string>): Promise<AuditLine[]> {
  const response = await page.request.get(`/api/audit/export?${new URLSearchParams({ format: "jsonl", ...filters })}`);
  expect(response.status()).toBe(200);
  const text = (await response.text()).trim();
  return text ? text.split("\n").map((line) => JSON.parse(line) as AuditLine) : [];
}

async function lockFromPage(page: Page, environment: string, reason: string, expiry: string | null) {
  await page.getByRole("button", { name: "Lock", exact: true }).click();
  const dialog = page.getByRole("dialog", { name: `Lock ${environment}` });
  await dialog.getByLabel(/^Why\?/).fill(reason);
  if (expiry) await dialog.getByRole("radio", { name: expiry }).check();
  await dialog.getByRole("button", { name: `Lock ${environment}` }).click();
  await expect(dialog).toBeHidden();
}

const hhmm = (iso: string) => `${iso.slice(11, 16)} UTC`;

test("on-call locks staging with a reason and an expiry: the banner and the overview say who, why and until when", async ({ page }) => {
  await signInAs(page, "oscar", "/apps/dreamcatchr/staging");
  await expect(page.getByRole("heading", { name: /DreamCatchr\s*\/\s*staging/ })).toBeVisible();
  await expect(page.getByTestId("lock-banner")).toHaveCount(0);
  await lockFromPage(page, "staging", "INC-204: celery backlog, hold deploys", "4 hours");

  const [locked] = await auditEvents(page, { action: "env.locked", app: "dreamcatchr", env: "staging" });
  expect(locked).toMatchObject({ outcome: "succeeded", actorType: "user", actorLogin: "oscar", payload: { before: null, after: { lockedBy: "oscar", reason: "INC-204: celery backlog, hold deploys" } } });
  const expiresAt = (locked?.payload.after as { expiresAt: string }).expiresAt;
  expect(Math.abs(Date.parse(expiresAt) - (Date.now() + 4 * 3_600_000))).toBeLessThan(5 * 60_000);

  const banner = page.getByTestId("lock-banner");
  await expect(banner).toContainText("staging is locked by oscar");
  await expect(banner.getByTestId("lock-reason")).toHaveText("INC-204: celery backlog, hold deploys");
  await expect(banner.getByTestId("lock-until")).toContainText(`Until ${hhmm(expiresAt)}`);
  await expect(banner.getByTestId("lock-until")).toContainText(/\(in (4 h|3 h 5\d min)\)/);
  // On-call may lock but not unlock: the button says why instead of disappearing.
  await expect(banner.getByRole("button", { name: "Unlock" })).toBeDisabled();
  await expect(banner.getByRole("button", { name: "Unlock" })).toHaveAttribute("title", "Only release managers unlock an environment.");

  await page.goto("/");
  const badge = page.locator('[aria-label="State of staging"]').locator('[data-badge="locked"]').filter({ hasText: "oscar" });
  await expect(badge).toHaveText(`locked by oscar until ${hhmm(expiresAt)}`);
  await expect(badge).toHaveAttribute("title", /INC-204: celery backlog, hold deploys/);
});

test("on-call cannot unlock: a forged POST of the unlock action is refused server-side and on the record", async ({ page, browser }) => {
  // Two people sign in through the OAuth flow: twice the default budget.
  test.setTimeout(60_000);
  // The request a release manager's Unlock sends (held back, never reaching the server) is what oscar forges.
  const ritaContext = await browser.newContext();
  const ritaPage = await ritaContext.newPage();
  await signInAs(ritaPage, "rita", "/apps/dreamcatchr/staging");
  const unlockRequest = await captureAction(ritaPage, async () => {
    await ritaPage.getByTestId("lock-banner").getByRole("button", { name: "Unlock" }).click();
    await ritaPage.getByRole("dialog", { name: "Unlock staging?" }).getByRole("button", { name: "Unlock staging" }).click();
  });
  await ritaContext.close();

  await signInAs(page, "oscar", "/apps/dreamcatchr/staging");
  const banner = page.getByTestId("lock-banner");
  await expect(banner.getByRole("button", { name: "Unlock" })).toBeDisabled();
  const forged = await page.request.post("/apps/dreamcatchr/staging", {
    headers: { "next-action": unlockRequest.headers["next-action"]!, "content-type": unlockRequest.headers["content-type"]!, accept: "text/x-component" },
    data: unlockRequest.body,
  });
  expect(forged.status()).toBe(200);
  expect(await forged.text()).toContain("You need the env.unlock permission in staging; your roles are viewer, deployer, oncall.");
  await page.reload();
  await expect(banner).toContainText("locked by oscar");

  const [denied] = await auditEvents(page, { action: "action.denied", actor: "oscar", app: "dreamcatchr", env: "staging" });
  expect(denied).toMatchObject({ outcome: "denied", actorLogin: "oscar", payload: { attempted: "env.unlock", reason: expect.stringContaining("env.unlock permission") } });
  expect(await auditEvents(page, { action: "env.unlocked", app: "dreamcatchr", env: "staging" })).toEqual([]);
});

test("a release manager unlocks; the banner goes and the unlock is on the record", async ({ page }) => {
  await signInAs(page, "rita", "/apps/dreamcatchr/staging");
  const banner = page.getByTestId("lock-banner");
  await banner.getByRole("button", { name: "Unlock" }).click();
  const dialog = page.getByRole("dialog", { name: "Unlock staging?" });
  await expect(dialog).toContainText("INC-204: celery backlog, hold deploys");
  await dialog.getByRole("button", { name: "Unlock staging" }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId("lock-banner")).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Lock", exact: true })).toBeEnabled();

  const [unlocked] = await auditEvents(page, { action: "env.unlocked", app: "dreamcatchr", env: "staging" });
  expect(unlocked).toMatchObject({ outcome: "succeeded", actorLogin: "rita", payload: { before: { lockedBy: "oscar", reason: "INC-204: celery backlog, hold deploys" }, after: null } });
});

test("a deploy started on GitHub to a locked environment is rejected by the protection rule with the lock's reason", async ({ page }) => {
  // Two sign-ins and a run walked through its jobs on the sandbox's clock.
  test.setTimeout(90_000);
  await signInAs(page, "oscar", "/apps/beacon/production");
  await expect(page.getByRole("heading", { name: /Beacon\s*\/\s*production/ })).toBeVisible();
  await lockFromPage(page, "production", "INC-311: payment provider outage", null);
  await expect(page.getByTestId("lock-until")).toHaveText("Until a release manager unlocks it.");
  const [locked] = await auditEvents(page, { action: "env.locked", app: "beacon", env: "production" });
  expect(locked).toMatchObject({ actorLogin: "oscar", payload: { after: { reason: "INC-311: payment provider outage", expiresAt: null } } });

  // rita deploys on GitHub's side (the sandbox's REST API), bypassing Flightdeck.
  const token = await tokenFor("rita");
  const { workflow_run_id: runId } = await sandbox<{ workflow_run_id: number }>(
    "POST",
    "/api/v3/repos/skyward/beacon/actions/workflows/04-deploy.yml/dispatches",
    { ref: "main", inputs: { environment: "production" }, return_run_details: true },
    token,
  );
  interface SandboxRun {
    status: string;
    conclusion: string | null;
    failure: string | null;
    protectionAnswers: { environment: string; state: string; comment: string | null }[];
  }
  const runState = () => sandbox<SandboxRun>("GET", `/_sandbox/runs/${runId}`);
  // Tests and build take a couple of virtual minutes; then the deploy job asks the protection rule.
  let run = await runState();
  for (let step = 0; step < 40 && run.status !== "waiting" && run.status !== "completed"; step++) {
    await advanceClock(15_000);
    run = await runState();
  }
  await expect.poll(async () => (await runState()).protectionAnswers).toEqual([{ environment: "production", state: "rejected", comment: "production is locked in Flightdeck by oscar: INC-311: payment provider outage", at: expect.any(String) }]);
  expect(await runState()).toMatchObject({ status: "completed", conclusion: "failure", failure: "rejected" });

  const events = await auditEvents(page, { app: "beacon", env: "production", actorType: "system" });
  const decision = events.filter((event) => event.target === String(runId));
  expect(decision.map((event) => `${event.action} ${event.outcome}`)).toEqual(["deployment.protection_rejected succeeded", "deployment.protection_check requested"]);
  expect(decision[0]?.payload).toMatchObject({ decision: "rejected", requestedBy: "rita", lock: { lockedBy: "oscar", reason: "INC-311: payment provider outage", expiresAt: null } });

  // Lift the lock again (a release manager), so Beacon production deploys pass the rule again.
  await page.context().clearCookies();
  await signInAs(page, "rita", "/apps/beacon/production");
  await page.getByTestId("lock-banner").getByRole("button", { name: "Unlock" }).click();
  await page.getByRole("dialog", { name: "Unlock production?" }).getByRole("button", { name: "Unlock production" }).click();
  await expect(page.getByTestId("lock-banner")).toHaveCount(0);
  const [unlocked] = await auditEvents(page, { action: "env.unlocked", app: "beacon", env: "production" });
  expect(unlocked).toMatchObject({ actorLogin: "rita", payload: { before: { lockedBy: "oscar", reason: "INC-311: payment provider outage" } } });
});
