import type { Browser, Page } from "@playwright/test";
import { expect, signInAs, test } from "./fixtures";

// Role bindings as an admin manages them at /admin/roles, and as the grantee feels them: on their next
// request, in an open session, without signing out. Each test checks the audit events it caused.

interface ExportedEvent {
  action: string;
  outcome: string;
  actorLogin: string | null;
  application: string | null;
  environment: string | null;
  targetType: string | null;
  target: string | null;
  correlationId: string | null;
  payload: Record<string, unknown>;
}

/** The audit trail's JSON Lines export, filtered as on /audit, read with the given person's session. */
async function auditEvents(page: Page, filters: Record<string, string>): Promise<ExportedEvent[]> {
  const response = await page.request.get(`/api/audit/export?${new URLSearchParams({ format: "jsonl", ...filters })}`);
  expect(response.status()).toBe(200);
  const text = (await response.text()).trim();
  return text ? text.split("\n").map((line) => JSON.parse(line) as ExportedEvent) : [];
}

/** A second person in their own browser, with their console watched like the fixture's page. */
async function personIn(browser: Browser, login: string, returnTo: string) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const errors: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error") errors.push(message.text());
  });
  page.on("pageerror", (error) => errors.push(error.message));
  await signInAs(page, login, returnTo);
  return {
    page,
    async close() {
      await context.close();
      expect(errors, `console errors in ${login}'s browser`).toEqual([]);
    },
  };
}

const rolesHere = (page: Page) => page.getByRole("list", { name: "Your roles here" }).getByRole("listitem");
const headerRoles = (page: Page) => page.getByRole("list", { name: "Your roles", exact: true }).getByRole("listitem");

test("ada grants dana release manager in wumbo/staging; dana's open session has it on reload, only there, until ada revokes it", async ({ page, browser }) => {
  test.slow(); // two people, two OAuth sign-ins
  // Dana is already signed in, looking at wumbo/staging as a deployer.
  await signInAs(page, "dana", "/apps/wumbo/staging");
  await expect(rolesHere(page)).toHaveText(["Viewer", "Deployer"]);

  const ada = await personIn(browser, "ada", "/admin/roles");
  await expect(ada.page.getByRole("heading", { name: "Roles", level: 1 })).toBeVisible();
  // The config's team mapping is listed, read-only.
  const platform = ada.page.getByTestId("config-team-platform");
  await expect(platform).toContainText("skyward/platform");
  await expect(platform).toContainText("Admin");
  await expect(platform.getByText("from config")).toBeVisible();
  await expect(platform.getByRole("button")).toHaveCount(0);

  await ada.page.getByRole("button", { name: "Grant a role" }).click();
  const dialog = ada.page.getByRole("dialog", { name: "Grant a role" });
  await dialog.getByLabel("GitHub login").fill("dana");
  await dialog.getByLabel("Role").selectOption("release_manager");
  await dialog.getByLabel(/^Where/).selectOption("wumbo/staging");
  await dialog.getByRole("button", { name: "Grant role" }).click();
  await expect(dialog).toBeHidden();
  await expect(ada.page.getByTestId("grant-outcome")).toHaveText("Granted: Release manager for dana in wumbo/staging. It applies on their next request.");
  const row = ada.page.locator('[data-testid="role-binding"][data-subject="user:dana"][data-scope="wumbo/staging"]');
  await expect(row).toContainText("Release manager");
  await expect(row).toContainText("by ada");

  // Dana's next request: release manager here, nowhere else; her global roles did not change.
  await page.reload();
  await expect(rolesHere(page)).toHaveText(["Viewer", "Deployer", "Release manager (this environment)"]);
  await expect(headerRoles(page)).toHaveText(["Viewer", "Deployer"]);
  await page.goto("/apps/wumbo/production");
  await expect(rolesHere(page)).toHaveText(["Viewer", "Deployer"]);

  const granted = await auditEvents(ada.page, { action: "role.granted", actor: "ada", app: "wumbo", env: "staging" });
  expect(granted).toHaveLength(1);
  expect(granted[0]).toMatchObject({ outcome: "succeeded", targetType: "user", target: "dana", payload: { subject: "dana", role: "release_manager", scope: "wumbo/staging" } });
  const pair = await auditEvents(ada.page, { correlation: granted[0]!.correlationId! });
  expect(pair.map((event) => `${event.action}/${event.outcome}/${event.actorLogin}`).sort()).toEqual(["role.grant/requested/ada", "role.granted/succeeded/ada"]);

  // Revoke, confirming; dana's next request no longer has the role.
  await row.getByRole("button", { name: "Revoke Release manager for dana in wumbo/staging" }).click();
  const confirm = ada.page.getByRole("dialog", { name: "Revoke Release manager for dana in wumbo/staging?" });
  await expect(confirm).toContainText("dana loses this role on their next request");
  await confirm.getByRole("button", { name: "Revoke role" }).click();
  await expect(confirm).toBeHidden();
  await expect(row).toHaveCount(0);

  await page.goto("/apps/wumbo/staging");
  await expect(rolesHere(page)).toHaveText(["Viewer", "Deployer"]);

  const revoked = await auditEvents(ada.page, { action: "role.revoked", actor: "ada", app: "wumbo", env: "staging" });
  expect(revoked).toHaveLength(1);
  expect(revoked[0]).toMatchObject({ outcome: "succeeded", target: "dana", payload: { role: "release_manager", scope: "wumbo/staging", before: { grantedBy: "ada" }, after: null } });
  await ada.close();
});

test("granting what exists already, or to someone outside the org, says why next to the form", async ({ page }) => {
  await signInAs(page, "ada", "/admin/roles");
  const grant = async (login: string) => {
    await page.getByRole("button", { name: "Grant a role" }).click();
    const dialog = page.getByRole("dialog", { name: "Grant a role" });
    await dialog.getByLabel("GitHub login").fill(login);
    await dialog.getByLabel("Role").selectOption("oncall");
    await dialog.getByLabel(/^Where/).selectOption("beacon/staging");
    await dialog.getByRole("button", { name: "Grant role" }).click();
    return dialog;
  };

  const outsider = await grant("mallory");
  await expect(outsider.locator("#grant-subject-error")).toHaveText("mallory is not a member of skyward.");
  await expect(outsider.getByLabel("GitHub login")).toHaveAttribute("aria-invalid", "true");
  await expect(outsider.getByLabel("GitHub login")).toHaveValue("mallory");
  await outsider.getByRole("button", { name: "Cancel" }).click();

  const first = await grant("oscar");
  await expect(first).toBeHidden();
  const again = await grant("oscar");
  await expect(again.getByRole("status")).toHaveText(/^On-call for oscar in beacon\/staging exists already \(granted by ada on \d{4}-\d{2}-\d{2}\)\. Nothing changed\.$/);
  await again.getByRole("button", { name: "Cancel" }).click();
  await expect(page.locator('[data-testid="role-binding"][data-subject="user:oscar"][data-scope="beacon/staging"]')).toHaveCount(1);

  const events = await auditEvents(page, { actor: "ada", app: "beacon", env: "staging", q: "oscar" });
  expect(events.map((event) => `${event.action}/${event.outcome}`).sort()).toEqual(["role.grant/failed", "role.grant/requested", "role.grant/requested", "role.granted/succeeded"]);
  const mallory = await auditEvents(page, { actor: "ada", app: "beacon", env: "staging", q: "mallory" });
  expect(mallory.map((event) => `${event.action}/${event.outcome}`).sort()).toEqual(["role.grant/failed", "role.grant/requested"]);
});

test("a release manager is refused /admin/roles, and her forged grant is refused and audited", async ({ page, browser }) => {
  test.slow(); // two people, two OAuth sign-ins
  await signInAs(page, "rita", "/admin/roles");
  await expect(page.getByRole("heading", { name: "Not allowed" })).toBeVisible();
  await expect(page.getByText("Your roles do not allow this page.")).toBeVisible();
  await expect(page.getByRole("button", { name: "Grant a role" })).toHaveCount(0);
  await expect(page.getByRole("table")).toHaveCount(0);

  // The action's id is no secret (it is in the admin page's script); take it from a real submission by ada.
  const ada = await personIn(browser, "ada", "/admin/roles");
  await ada.page.getByRole("button", { name: "Grant a role" }).click();
  const dialog = ada.page.getByRole("dialog", { name: "Grant a role" });
  await dialog.getByLabel("GitHub login").fill("not a login!");
  await dialog.getByLabel("Role").selectOption("deployer");
  const submitted = ada.page.waitForRequest((request) => request.method() === "POST" && Boolean(request.headers()["next-action"]));
  await dialog.getByRole("button", { name: "Grant role" }).click();
  const actionId = (await submitted).headers()["next-action"]!;
  await expect(dialog.locator("#grant-subject-error")).toContainText("Not a GitHub login");
  await ada.close();

  // Rita posts to the action directly: admin for herself, everywhere. The fields are React's encoding of
  // the action's arguments (previous state, form data), in the order the browser sends them.
  const forged = new FormData();
  for (const [name, value] of Object.entries({ idempotencyKey: "forged-grant-by-rita-0001", subjectType: "user", subject: "rita", role: "admin", scope: "" })) forged.append(`_1_${name}`, value);
  forged.append("0", '[null,"$K1"]');
  const response = await page.request.post("/admin/roles", {
    headers: { "Next-Action": actionId, Accept: "text/x-component", Origin: new URL(page.url()).origin },
    multipart: forged,
  });
  expect(response.status()).toBe(200);
  expect(await response.text()).toContain("You need the roles.manage permission; your roles are viewer, release_manager.");

  // Still a release manager only, and the attempt is on the record.
  await page.goto("/");
  await expect(headerRoles(page)).toHaveText(["Viewer", "Release manager"]);
  const denied = await auditEvents(page, { action: "action.denied", actor: "rita", q: "rita" });
  expect(denied).toHaveLength(1);
  expect(denied[0]).toMatchObject({ outcome: "denied", targetType: "user", target: "rita", payload: { attempted: "role.grant", input: { subject: "rita", role: "admin" } } });
  expect(await auditEvents(page, { action: "role.granted", q: "rita" })).toEqual([]);
});
