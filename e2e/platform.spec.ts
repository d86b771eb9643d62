import { expect, signInAs, test } from "./fixtures";

test("/api/health is 200 with the database reachable", async ({ request }) => {
  const response = await request.get("/api/health");
  expect(response.status()).toBe(200);
  expect(await response.json()).toEqual({ ok: true, checks: { database: "ok" } });
});

test("pages carry security headers that forbid framing and foreign scripts", async ({ request }) => {
  const response = await request.get("/signin");
  const headers = response.headers();
  expect(headers["content-security-policy"]).toContain("frame-ancestors 'none'");
  expect(headers["content-security-policy"]).toMatch(/script-src 'self' 'nonce-[^']+' 'strict-dynamic'/);
  expect(headers["x-frame-options"]).toBe("DENY");
  expect(headers["referrer-policy"]).toBe("strict-origin-when-cross-origin");
  expect(headers["x-request-id"]).toMatch(/^[0-9a-f-]{36}$/);
  expect(headers["x-powered-by"]).toBeUndefined();
});

test("the session cookie is http-only", async ({ page, context }) => {
  await signInAs(page, "vera");
  await expect(page.getByTestId("current-user")).toContainText("vera");
  const session = (await context.cookies()).find((cookie) => cookie.name.endsWith("next-auth.session-token"));
  expect(session?.httpOnly).toBe(true);
  expect(session?.sameSite).toBe("Lax");
});

test("the overview lists every configured application and environment", async ({ page }) => {
  await signInAs(page, "vera");
  for (const app of ["Wumbo", "DreamCatchr", "Beacon"]) {
    await expect(page.getByRole("heading", { name: app, level: 2 })).toBeVisible();
  }
  const production = page.getByTestId("env-dreamcatchr-production");
  await expect(production).toContainText("protected");
  await production.getByRole("link", { name: "production" }).click();
  await expect(page).toHaveURL("/apps/dreamcatchr/production");
  await expect(page.getByRole("main")).toContainText("protected · 2 approvals");
  await expect(page.getByRole("main")).toContainText("production-deploy.yml");
});
