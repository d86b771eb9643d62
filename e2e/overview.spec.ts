import { expect, signInAs, test } from "./fixtures";
import { advanceClock, ecsServices, sandbox, shaOfImage, tokenFor } from "./sandbox-api";

// These journeys share the sandbox's ECS services, clock and faults, so they run one after another.
test.describe.configure({ mode: "serial" });

interface ApiRun {
  id: number;
  status: string;
  conclusion: string | null;
}

test("a viewer sees the SHAs the sandbox's ECS actually runs", async ({ page }) => {
  await signInAs(page, "vera");
  await expect(page.getByRole("heading", { name: "What runs where" })).toBeVisible();
  const services = await ecsServices();
  const shown = page.locator("[data-ecs-service]");
  await expect(shown.first()).toBeVisible();
  const names = new Set(await shown.evaluateAll((cells) => cells.map((cell) => cell.getAttribute("data-ecs-service"))));
  const configured = services.filter((service) => names.has(service.service));
  // Every configured service of the demo (3 applications, 8 environments' worth of services) is on the page.
  expect(configured.length).toBe(names.size);
  expect(configured.length).toBeGreaterThanOrEqual(20);
  for (const service of configured) {
    const image = Object.values(service.images)[0] ?? "";
    const cell = page.locator(`[data-ecs-service="${service.service}"]`);
    await expect(cell, service.service).toHaveAttribute("data-sha", shaOfImage(image));
    await expect(cell.getByRole("link", { name: shaOfImage(image).slice(0, 7), exact: true })).toBeVisible();
  }
});

test("a deploy run started in the sandbox appears and progresses on an open page without a reload", async ({ page }) => {
  await signInAs(page, "vera", "/apps/wumbo/development");
  await expect(page.getByRole("heading", { name: /Wumbo\s*\/\s*development/ })).toBeVisible();
  await expect(page.getByTestId("live-indicator")).toHaveAttribute("data-state", "live");
  // A marker that a reload would wipe out.
  await page.evaluate(() => ((window as unknown as { keptAcrossUpdates: boolean }).keptAcrossUpdates = true));

  const token = await tokenFor("dana");
  const dispatched = await sandbox<{ workflow_run_id: number }>(
    "POST",
    "/api/v3/repos/skyward/wumbo/actions/workflows/deploy.yml/dispatches",
    { ref: "development", inputs: { environment: "development" }, return_run_details: true },
    token,
  );
  const runId = dispatched.workflow_run_id;
  const row = page.getByTestId(`run-${runId}`);
  await expect(row).toBeVisible();

  const runState = () => sandbox<ApiRun>("GET", `/api/v3/repos/skyward/wumbo/actions/runs/${runId}`, undefined, token);
  // Move the sandbox's clock until the run has finished; after each step the page shows what the sandbox says.
  let run = await runState();
  for (let step = 0; step < 60 && run.status !== "completed"; step++) {
    await advanceClock(step === 0 ? 5_000 : 15_000);
    run = await runState();
    await expect(row).toHaveAttribute("data-status", run.status);
  }
  expect(run).toMatchObject({ status: "completed", conclusion: "success" });
  await expect(row.locator("[data-conclusion]")).toHaveAttribute("data-conclusion", "success");

  // The services now run what the run deployed, as ECS says.
  const deployed = (await ecsServices()).filter((service) => service.cluster === "wumbo-development");
  for (const service of deployed) {
    await expect(page.getByTestId(`service-${Object.keys(service.images)[0]}`)).toHaveAttribute("data-sha", shaOfImage(Object.values(service.images)[0] ?? ""));
  }
  expect(await page.evaluate(() => (window as unknown as { keptAcrossUpdates?: boolean }).keptAcrossUpdates)).toBe(true);
});

test("'not yet here' lists exactly the commits GitHub's compare names", async ({ page }) => {
  test.setTimeout(90_000);
  // Earlier journeys may have promoted development to staging: put staging three commits behind, on ECS.
  const token0 = await tokenFor("vera");
  const development = (await ecsServices()).find((service) => service.cluster === "wumbo-development");
  const developmentSha = shaOfImage(Object.values(development!.images)[0] ?? "");
  const history = await sandbox<{ sha: string }[]>("GET", `/api/v3/repos/skyward/wumbo/commits?sha=${developmentSha}&per_page=4`, undefined, token0);
  const older = history[3]!.sha;
  for (const service of (await ecsServices()).filter((candidate) => candidate.cluster === "wumbo-staging")) {
    const images = Object.fromEntries(Object.entries(service.images).map(([container, image]) => [container, `${image.slice(0, image.lastIndexOf(":"))}:${older}`]));
    await sandbox("POST", "/_sandbox/ecs/deploy", { region: service.region, cluster: service.cluster, service: service.service, images });
  }
  for (let step = 0; step < 40 && (await ecsServices()).some((service) => service.cluster === "wumbo-staging" && service.state !== "stable"); step++) await advanceClock(15_000);

  await signInAs(page, "vera", "/apps/wumbo/staging");
  const table = page.getByTestId("not-yet-here");
  await expect(table).toHaveAttribute("data-base", older, { timeout: 45_000 });
  const base = (await table.getAttribute("data-base")) ?? "";
  const head = (await table.getAttribute("data-head")) ?? "";

  // base is what staging runs, head what development runs, according to ECS itself.
  const services = await ecsServices();
  const running = (cluster: string) => new Set(services.filter((s) => s.cluster === cluster).map((s) => shaOfImage(Object.values(s.images)[0] ?? "")));
  expect(running("wumbo-staging").has(base)).toBe(true);
  expect(running("wumbo-development").has(head)).toBe(true);

  const token = await tokenFor("vera");
  const compare = await sandbox<{ total_commits: number; commits: { sha: string }[] }>("GET", `/api/v3/repos/skyward/wumbo/compare/${base}...${head}`, undefined, token);
  expect(compare.total_commits).toBeGreaterThan(0);
  await expect(table).toHaveAttribute("data-total", String(compare.total_commits));
  const listed = await table.getByTestId("not-yet-here-commit").evaluateAll((rows) => rows.map((row) => row.getAttribute("data-sha")));
  expect(new Set(listed)).toEqual(new Set(compare.commits.map((commit) => commit.sha).slice(-listed.length)));
  if (compare.total_commits <= listed.length) expect(listed.length).toBe(compare.total_commits);
});

test("a GitHub outage shows a banner naming it, with the cached data still there", async ({ page }) => {
  // Noticing the outage and the recovery each takes up to one GitHub refresh interval (15 s) plus retries.
  test.setTimeout(150_000);
  await signInAs(page, "vera");
  const cell = page.locator('[data-ecs-service="wumbo-prod-backend"]');
  await expect(cell).toHaveAttribute("data-sha", /^[0-9a-f]{40}$/);
  const sha = (await cell.getAttribute("data-sha")) ?? "";
  await expect(page.getByTestId("upstream-banner")).toHaveCount(0);

  for (const route of ["GET /repos/{owner}/{repo}/actions/runs", "GET /repos/{owner}/{repo}/deployments", "GET /repos/{owner}/{repo}/tags"]) {
    await sandbox("POST", "/_sandbox/faults", { route, status: 503 });
  }
  try {
    // The refresher notices at its next GitHub pass; the page learns it live.
    const banner = page.getByTestId("upstream-banner");
    await expect(banner).toContainText("GitHub is unavailable", { timeout: 60_000 });
    await expect(banner).toContainText(/Showing data as of/);
    await expect(cell).toHaveAttribute("data-sha", sha);
    await page.reload();
    await expect(page.getByTestId("upstream-banner")).toContainText("GitHub is unavailable");
    await expect(page.locator('[data-ecs-service="wumbo-prod-backend"]')).toHaveAttribute("data-sha", sha);
  } finally {
    await sandbox("DELETE", "/_sandbox/faults");
  }
  await expect(page.getByTestId("upstream-banner")).toHaveCount(0, { timeout: 60_000 });
});

test("an unknown application or environment is not found", async ({ page }) => {
  await signInAs(page, "vera", "/apps/wumbo/nowhere");
  await expect(page.getByRole("heading", { name: "No such application or environment" })).toBeVisible();
  await page.goto("/apps/nope/runs");
  await expect(page.getByRole("heading", { name: "No such application or run" })).toBeVisible();
});
