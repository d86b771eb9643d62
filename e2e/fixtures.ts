import { test as base, expect, type Page } from "@playwright/test";

export const DEMO_USERS = {
  ada: { roles: ["Viewer", "Admin"] },
  rita: { roles: ["Viewer", "Release manager"] },
  ravi: { roles: ["Viewer", "Release manager"] },
  dana: { roles: ["Viewer", "Deployer"] },
  oscar: { roles: ["Viewer", "Deployer", "On-call"] },
  vera: { roles: ["Viewer"] },
} as const;
export type DemoLogin = keyof typeof DEMO_USERS;

/**
 * Every page a test visits must stay free of console errors and uncaught exceptions; the fixture
 * fails the test otherwise. Errors from the sandbox's own pages count too: they are part of the journey.
 */
export const test = base.extend<{ consoleErrors: string[] }>({
  consoleErrors: [
    async ({ page }, use) => {
      const errors: string[] = [];
      page.on("console", (message) => {
        if (message.type() === "error") errors.push(message.text());
      });
      page.on("pageerror", (error) => errors.push(error.message));
      await use(errors);
      expect(errors, "console errors on the pages visited").toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };

/** Signs in through the real OAuth flow: our sign-in page → the sandbox's authorize page → back. */
export async function signInAs(page: Page, login: string, returnTo = "/"): Promise<void> {
  await page.goto(returnTo === "/" ? "/signin" : `/signin?callbackUrl=${encodeURIComponent(returnTo)}`);
  await page.getByRole("button", { name: "Sign in with GitHub" }).click();
  await page.getByRole("button", { name: new RegExp(`^${login}\\b`) }).click();
}
