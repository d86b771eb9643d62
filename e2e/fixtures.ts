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

/** The page is hydrated and listening (buttons clicked before hydration do nothing). */
export async function ready(page: Page): Promise<void> {
  await expect(page.getByTestId("live-indicator")).toHaveAttribute("data-state", "live");
}

/**
 * The request a dialog sends (a server action POST), captured from someone allowed to send it and
 * stopped before it reaches the server, so another person can send exactly that request. (The page
 * then logs the failed fetch: use a page of its own, not the test's console-checked one.)
 */
export async function captureAction(page: Page, submit: () => Promise<void>): Promise<{ url: string; headers: Record<string, string>; body: Buffer }> {
  let captured: { url: string; headers: Record<string, string>; body: Buffer } | null = null;
  await page.route("**/*", async (route) => {
    const request = route.request();
    // The dialog's form (it carries an idempotency key), not the previews a dialog fetches on its own.
    const body = request.postDataBuffer();
    if (request.method() === "POST" && request.headers()["next-action"] && body?.includes("idempotencyKey") && !captured) {
      // The action and the form, never the sender's session: the cookie is whoever sends it next.
      const headers = Object.fromEntries(Object.entries(await request.allHeaders()).filter(([name]) => name !== "cookie"));
      captured = { url: request.url(), headers, body };
      return route.abort();
    }
    return route.fallback();
  });
  await submit();
  await expect.poll(() => captured !== null).toBe(true);
  await page.unrouteAll({ behavior: "ignoreErrors" });
  return captured!;
}
