import { readFile } from "node:fs/promises";
import { expect, signInAs, test } from "./fixtures";

// The audit trail as people use it. Its events come from real sign-ins through the sandbox's OAuth flow,
// so each test makes the events it looks for.

test.describe("the audit trail", () => {
  test("an admin filters the trail, sees request metadata and refusals, and exports the set as CSV", async ({ page, browser }) => {
    // An outsider's refused sign-in is recorded too.
    const outsider = await browser.newContext();
    const outsiderPage = await outsider.newPage();
    await signInAs(outsiderPage, "mallory");
    await expect(outsiderPage).toHaveURL(/\/signin\/denied/);
    await outsider.close();

    await signInAs(page, "ada", "/audit");
    await expect(page).toHaveURL(/\/audit$/);
    await expect(page.getByRole("heading", { name: "Audit trail" })).toBeVisible();

    const filters = page.getByRole("search", { name: "Filter the audit trail" });
    await filters.getByLabel("Action").fill("auth.signed_in");
    await filters.getByLabel("Actor (login)").fill("ada");
    await filters.getByRole("button", { name: "Apply filters" }).click();
    await expect(page).toHaveURL(/action=auth.signed_in/);
    await expect(page).toHaveURL(/actor=ada/);

    const rows = page.getByTestId("audit-row");
    await expect(rows.first()).toBeVisible();
    const count = await rows.count();
    for (let i = 0; i < count; i++) {
      await expect(rows.nth(i)).toHaveAttribute("data-action", "auth.signed_in");
      await expect(rows.nth(i)).toContainText("ada");
    }
    await expect(rows.first().getByText("succeeded")).toBeVisible();
    // Admins see where the request came from.
    await expect(page.getByRole("columnheader", { name: "IP" })).toBeVisible();
    await expect(rows.first().getByTestId("audit-ip")).toHaveText(/^[0-9a-f:.]+$/);

    // The refusal, found by outcome.
    await page.goto("/audit?actor=mallory&outcome=denied");
    await expect(page.getByTestId("audit-row").first()).toContainText("mallory");
    await expect(page.getByTestId("audit-row").first().getByText("denied")).toBeVisible();

    // Export exactly the filtered set.
    await page.goto("/audit?action=auth.signed_in&actor=ada");
    const downloading = page.waitForEvent("download");
    await page.getByRole("link", { name: "Export CSV" }).click();
    const download = await downloading;
    expect(download.suggestedFilename()).toMatch(/^flightdeck-audit-.*\.csv$/);
    const csv = (await readFile((await download.path())!, "utf8")).trim().split("\r\n");
    expect(csv[0]).toContain("ip,user_agent");
    expect(csv.length).toBeGreaterThan(1);
    for (const line of csv.slice(1)) {
      expect(line).toContain(",auth.signed_in,");
      expect(line).toMatch(/,ada,/);
    }
  });

  test("a viewer reads the trail but never sees IP addresses or user agents", async ({ page }) => {
    await signInAs(page, "vera", "/audit?action=auth.signed_in");
    await expect(page.getByTestId("audit-row").first()).toBeVisible();
    await expect(page.getByRole("columnheader", { name: "IP" })).toHaveCount(0);
    await expect(page.getByRole("columnheader", { name: "User agent" })).toHaveCount(0);
    await expect(page.getByTestId("audit-ip")).toHaveCount(0);
    await expect(page.getByText("IP addresses and user agents are shown to admins only.")).toBeVisible();

    // Nor through the export.
    const response = await page.request.get("/api/audit/export?format=jsonl&action=auth.signed_in");
    expect(response.status()).toBe(200);
    const lines = (await response.text()).trim().split("\n").map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) {
      expect(line).not.toHaveProperty("ip");
      expect(line).not.toHaveProperty("userAgent");
    }
  });

  test("a filter that matches nothing says so, and a signed-out export is refused", async ({ page, request }) => {
    await signInAs(page, "dana", "/audit?action=nothing.matches_this");
    await expect(page.getByTestId("audit-empty")).toContainText("No events match these filters.");
    await page.getByRole("link", { name: "clear the filters" }).click();
    await expect(page).toHaveURL(/\/audit$/);
    await expect(page.getByTestId("audit-row").first()).toBeVisible();

    const anonymous = await request.get("/api/audit/export?format=csv");
    expect(anonymous.status()).toBe(401);
  });
});
