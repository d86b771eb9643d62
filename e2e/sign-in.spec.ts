import { DEMO_USERS, expect, signInAs, test, type DemoLogin } from "./fixtures";

test.describe("signing in through GitHub (the sandbox)", () => {
  for (const [login, { roles }] of Object.entries(DEMO_USERS) as [DemoLogin, (typeof DEMO_USERS)[DemoLogin]][]) {
    test(`${login} signs in and sees their roles`, async ({ page }) => {
      await signInAs(page, login);
      await expect(page).toHaveURL("/");
      const header = page.getByTestId("current-user");
      await expect(header).toContainText(login);
      await expect(page.getByRole("list", { name: "Your roles" }).getByRole("listitem")).toHaveText([...roles]);
      await expect(page.getByRole("heading", { name: "What runs where" })).toBeVisible();
    });
  }

  test("an outsider is refused with a clear message", async ({ page }) => {
    await signInAs(page, "mallory");
    await expect(page).toHaveURL(/\/signin\/denied/);
    await expect(page.getByRole("heading", { name: "Not a member of skyward" })).toBeVisible();
    await expect(page.getByRole("main").getByRole("alert")).toContainText("mallory is not a member of skyward");
    // Refused means no session: the dashboard still sends them to sign in.
    await page.goto("/");
    await expect(page).toHaveURL(/\/signin\?callbackUrl=%2F/);
  });

  test("a signed-out visitor is sent to sign in and comes back where they were going", async ({ page }) => {
    await page.goto("/");
    await expect(page).toHaveURL(/\/signin\?callbackUrl=%2F/);
    await page.getByRole("button", { name: "Sign in with GitHub" }).click();
    await expect(page.getByRole("heading", { name: /Sign in to/ })).toBeVisible();
    await page.getByRole("button", { name: /^vera\b/ }).click();
    await expect(page).toHaveURL("/");
    await expect(page.getByTestId("current-user")).toContainText("vera");
  });

  test("signing out ends the session", async ({ page }) => {
    await signInAs(page, "dana");
    await expect(page.getByTestId("current-user")).toContainText("dana");
    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(page.getByRole("status")).toHaveText("You have signed out.");
    await page.goto("/");
    await expect(page).toHaveURL(/\/signin/);
    await expect(page.getByRole("button", { name: "Sign in with GitHub" })).toBeVisible();
  });
});
