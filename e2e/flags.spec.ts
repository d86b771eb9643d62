import { expect, signInAs, test } from "./fixtures";

// Feature flags: a deployer creates and toggles a flag in staging, is refused in production, and the
// history shows before/after; a release manager changes production through a confirmation.

async function createFlag(page: import("@playwright/test").Page, key: string) {
  await page.getByRole("button", { name: "New flag" }).click();
  const dialog = page.getByRole("dialog", { name: /New flag in Wumbo/ });
  await dialog.getByLabel(/^Key/).fill(key);
  await dialog.getByLabel(/^Owner/).fill("payments");
  await dialog.getByLabel("Description").fill("created by the e2e test");
  await dialog.getByRole("button", { name: "Create flag" }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId(`flag-row-${key}`)).toBeVisible();
}

test("a deployer toggles a staging flag, is refused on production, and the history shows before/after", async ({ page }) => {
  const key = `e2e-deployer-${Date.now().toString(36)}`;
  await signInAs(page, "dana", "/apps/wumbo/flags");
  await expect(page.getByRole("heading", { name: /Flags \/ Wumbo/ })).toBeVisible();
  await createFlag(page, key);

  const staging = page.getByTestId(`flag-cell-${key}-staging`);
  await expect(staging.getByText("Off")).toBeVisible();
  await staging.getByRole("button", { name: `Turn on ${key} in staging` }).click();
  await expect(staging.getByText("On · 100 %")).toBeVisible();

  // Production is protected: a deployer gets no controls there, and says why.
  const production = page.getByTestId(`flag-cell-${key}-production`);
  await expect(production.getByText("Off")).toBeVisible();
  await expect(production.getByText("Release managers only")).toBeVisible();
  await expect(production.getByRole("button")).toHaveCount(0);

  await page.getByRole("link", { name: key }).click();
  const history = page.getByTestId("flag-history");
  const change = history.getByRole("row").filter({ hasText: "flag.changed" });
  await expect(change).toHaveCount(1);
  await expect(change.getByTestId("history-before")).toHaveText("off (serves false)");
  await expect(change.getByTestId("history-after")).toHaveText("on: everyone gets true");
  await expect(change).toContainText("dana");
  await expect(change).toContainText("staging");
});

test("a release manager changes production only after confirming a summary", async ({ page }) => {
  const key = `e2e-rm-${Date.now().toString(36)}`;
  await signInAs(page, "rita", "/apps/wumbo/flags");
  await createFlag(page, key);

  const production = page.getByTestId(`flag-cell-${key}-production`);
  await production.getByRole("button", { name: `Edit ${key} in production` }).click();
  const dialog = page.getByRole("dialog", { name: `Edit ${key} in production` });
  await dialog.getByLabel(/^Enabled in production/).check();
  await dialog.getByLabel(/^Rollout percentage/).fill("10");
  await dialog.getByRole("button", { name: "Review change…" }).click();
  await expect(dialog.getByTestId("change-summary")).toContainText("on: 10 % get true, others false");
  await dialog.getByRole("button", { name: "Apply to production" }).click();
  await expect(dialog).toBeHidden();
  await expect(production.getByText("On · 10 %")).toBeVisible();

  // A value the server refuses is reported next to its field, and nothing changes.
  await production.getByRole("button", { name: `Edit ${key} in production` }).click();
  await dialog.getByLabel(/^Allow list/).fill("x".repeat(300));
  await dialog.getByRole("button", { name: "Review change…" }).click();
  await dialog.getByRole("button", { name: "Apply to production" }).click();
  await expect(dialog.locator(`#${key}-production-allowList-error`)).toHaveText("each targeting key at most 256 characters");
  await expect(dialog.getByLabel(/^Allow list/)).toHaveAttribute("aria-invalid", "true");
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(production.getByText("On · 10 %")).toBeVisible();
});
