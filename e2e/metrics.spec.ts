import type { Page } from "@playwright/test";
import { expect, signInAs, test } from "./fixtures";
import { advanceClock, SANDBOX_URL, sandbox, tokenFor } from "./sandbox-api";

// The numbers on /metrics against a computation done here, independently, from the sandbox's own history:
// its GitHub deployments and their statuses, its ECS task-definition revisions, GitHub's compare and its
// workflow runs — read over HTTP like any client, following the definitions written on the page (not
// lib/metrics). Production is used because no journey deploys there; the page is live, so it is checked
// once the refresher has read the history (the values below are what it must settle on).

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const WINDOW = DAY;

const APPS = [
  { slug: "wumbo", repo: "skyward/wumbo", region: "us-east-1", service: "wumbo-prod-backend" },
  { slug: "dreamcatchr", repo: "skyward/dreamcatchr", region: "eu-west-1", service: "dreamcatchr-prod-web" },
  { slug: "beacon", repo: "skyward/beacon", region: "us-west-2", service: "beacon-prod-api" },
] as const;
type App = (typeof APPS)[number];

interface Change {
  kind: "deploy" | "rollback";
  sha: string;
  fromSha: string | null;
  ref: string | null;
  /** When it was running (or failed). */
  at: number;
  ok: boolean;
}

async function github<T>(path: string, token: string): Promise<T> {
  return sandbox<T>("GET", `/api/v3${path}`, undefined, token);
}

async function ecs<T>(region: string, operation: string, body: object): Promise<T> {
  const response = await fetch(`${SANDBOX_URL}/`, {
    method: "POST",
    headers: {
      "content-type": "application/x-amz-json-1.1",
      "x-amz-target": `AmazonEC2ContainerServiceV20141113.${operation}`,
      authorization: `AWS4-HMAC-SHA256 Credential=test/20260101/${region}/ecs/aws4_request, SignedHeaders=host, Signature=0`,
    },
    body: JSON.stringify(body),
  });
  expect(response.status, operation).toBe(200);
  return (await response.json()) as T;
}

/** GitHub's production deployments that ended, with their final status (success / failure / error). */
async function deploys(app: App, token: string): Promise<Change[]> {
  const out: Change[] = [];
  for (let page = 1; ; page++) {
    const list = await github<{ id: number; sha: string; ref: string }[]>(`/repos/${app.repo}/deployments?environment=production&per_page=100&page=${page}`, token);
    for (const deployment of list) {
      const statuses = await github<{ state: string; created_at: string }[]>(`/repos/${app.repo}/deployments/${deployment.id}/statuses?per_page=100`, token);
      const final = statuses.find((status) => ["success", "failure", "error"].includes(status.state));
      if (final) out.push({ kind: "deploy", sha: deployment.sha, fromSha: null, ref: deployment.ref, at: Date.parse(final.created_at), ok: final.state === "success" });
    }
    if (list.length < 100) return out;
  }
}

/** ECS revisions of one production service that point back at an image that ran before: rollbacks. */
async function rollbacks(app: App): Promise<Change[]> {
  const { taskDefinitionArns } = await ecs<{ taskDefinitionArns: string[] }>(app.region, "ListTaskDefinitions", { familyPrefix: app.service, sort: "ASC" });
  const revisions: { sha: string; at: number }[] = [];
  for (const arn of taskDefinitionArns) {
    const { taskDefinition } = await ecs<{ taskDefinition: { containerDefinitions: { image: string }[]; registeredAt: number } }>(app.region, "DescribeTaskDefinition", { taskDefinition: arn });
    const image = taskDefinition.containerDefinitions[0]!.image;
    revisions.push({ sha: image.slice(image.lastIndexOf(":") + 1), at: Math.round(taskDefinition.registeredAt * 1000) });
  }
  return revisions.flatMap((revision, index) =>
    index > 0 && revisions.slice(0, index).some((earlier) => earlier.sha === revision.sha) && revisions[index - 1]!.sha !== revision.sha
      ? [{ kind: "rollback" as const, sha: revision.sha, fromSha: revisions[index - 1]!.sha, ref: null, at: revision.at, ok: true }]
      : [],
  );
}

/** The commits each succeeded deploy brought: compare from the previous succeeded deploy (the first: its head commit). */
async function commitsOf(app: App, changes: Change[], token: string): Promise<Map<Change, { sha: string; authored: number; message: string }[]>> {
  const out = new Map<Change, { sha: string; authored: number; message: string }[]>();
  let previous: Change | null = null;
  type Commit = { sha: string; commit: { message: string; author: { date: string } } };
  const fact = (commit: Commit) => ({ sha: commit.sha, authored: Date.parse(commit.commit.author.date), message: commit.commit.message.split("\n")[0]! });
  for (const change of changes) {
    if (change.kind !== "deploy" || !change.ok) continue;
    if (previous?.sha === change.sha) continue;
    const commits = previous
      ? (await github<{ commits: Commit[] }>(`/repos/${app.repo}/compare/${previous.sha}...${change.sha}`, token)).commits.map(fact)
      : [fact(await github<Commit>(`/repos/${app.repo}/commits/${change.sha}`, token))];
    out.set(change, commits);
    previous = change;
  }
  return out;
}

const median = (values: number[]) => {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};
const p90 = (values: number[]) => (values.length === 0 ? null : [...values].sort((a, b) => a - b)[Math.ceil(0.9 * values.length) - 1]!);

/** Production of all three applications over the last `days` days, as the page's definitions say. */
async function expectedProduction(days: number, token: string) {
  const end = Date.now();
  const start = end - days * DAY;
  const inside = (at: number) => at >= start && at < end;
  let deployed = 0;
  let changes = 0;
  let failed = 0;
  const restore: number[] = [];
  const lead: number[] = [];
  for (const app of APPS) {
    const history = [...(await deploys(app, token)), ...(await rollbacks(app))].sort((a, b) => a.at - b.at);
    const commits = await commitsOf(app, history, token);
    const list = history.filter((change) => change.kind === "deploy");
    const hotfix = (change: Change) => (change.ref ?? "").startsWith("hotfix/") || /^hotfix\b/i.test(commits.get(change)?.at(-1)?.message ?? "");
    const bad = new Set<Change>(list.filter((change) => !change.ok));
    for (const change of history) {
      const before = list.filter((deploy) => deploy !== change && deploy.at <= change.at).at(-1);
      if (!before || change.at - before.at > WINDOW) continue;
      if (change.kind === "rollback" && change.fromSha === before.sha) bad.add(before);
      if (change.kind === "deploy" && hotfix(change)) bad.add(before);
    }
    // Incidents: a failed deploy until the next healthy release; failures while one is open join it.
    let open: number | null = null;
    for (const change of history) {
      if (change.kind === "deploy" && bad.has(change)) open ??= change.at;
      else if (change.ok && open !== null) {
        if (inside(open)) restore.push(change.at - open);
        open = null;
      }
    }
    const seen = new Set<string>();
    for (const [change, brought] of commits) {
      for (const commit of brought) {
        if (seen.has(commit.sha)) continue;
        seen.add(commit.sha);
        if (inside(change.at)) lead.push(Math.max(0, change.at - commit.authored));
      }
    }
    deployed += list.filter((change) => change.ok && inside(change.at)).length;
    changes += list.filter((change) => inside(change.at)).length;
    failed += list.filter((change) => inside(change.at) && bad.has(change)).length;
  }
  return { deployed, cfr: changes ? Math.round((failed / changes) * 1000) / 10 : null, failed, changes, ttr: median(restore), incidents: restore.length, leadMedian: median(lead), leadP90: p90(lead) };
}

const metric = (page: Page, id: string) => page.getByTestId(`metric-${id}`);

test.describe("metrics", () => {
  test("production across the demo's applications: every number matches the sandbox's own history", async ({ page }) => {
    // The refresher reads 60 days of history after the first sign-in: runs, deployments, statuses, compares.
    test.setTimeout(180_000);
    await signInAs(page, "vera", "/metrics");
    await expect(page.getByRole("heading", { name: "Metrics", exact: true })).toBeVisible();
    await expect(page.getByTestId("metrics-scope")).toContainText("production of all applications, last 30 days");
    const expected = await expectedProduction(30, await tokenFor("vera"));
    // The demo has something to show in each: deploys, failures of each kind, restores.
    expect(expected.deployed).toBeGreaterThan(10);
    expect(expected.failed).toBeGreaterThanOrEqual(2);
    expect(expected.incidents).toBeGreaterThanOrEqual(2);

    const settle = { timeout: 120_000 };
    await expect(metric(page, "deployment-frequency")).toHaveAttribute("data-value", String(expected.deployed), settle);
    await expect(metric(page, "change-failure-rate")).toHaveAttribute("data-value", String(expected.cfr), settle);
    await expect(metric(page, "time-to-restore")).toHaveAttribute("data-value", String(expected.ttr), settle);
    await expect(metric(page, "lead-time")).toHaveAttribute("data-value", String(expected.leadMedian), settle);
    await expect(page.getByTestId("metric-lead-time-p90")).toHaveAttribute("data-value", String(expected.leadP90));
    await expect(page.getByTestId("metric-change-failure-rate-summary")).toContainText(`${expected.failed} of ${expected.changes} changes failed`);
    // A trend against the previous 30 days (the demo has 60 days of history), said in words.
    await expect(page.getByTestId("trend-deployment-frequency")).toHaveAttribute("data-trend", /up|down|flat/);
    await expect(page.getByTestId("metrics-definitions")).toContainText("A hotfix is a deploy of a hotfix/… branch");
    // Each chart is drawn.
    await expect(page.locator("figure[aria-label^='Deploys to production'] svg").first()).toBeVisible();
  });

  test("filters live in the URL: DreamCatchr's build success over 7 days, per workflow, matches its runs", async ({ page }) => {
    test.setTimeout(120_000);
    await signInAs(page, "vera", "/metrics");
    await page.getByRole("combobox", { name: "Application", exact: true }).selectOption("dreamcatchr");
    await page.getByRole("combobox", { name: "Period", exact: true }).selectOption("7");
    await page.getByRole("button", { name: "Show" }).click();
    await expect(page).toHaveURL(/\/metrics\?app=dreamcatchr&env=production&period=7$/);
    await expect(page.getByTestId("metrics-scope")).toContainText("production of DreamCatchr, last 7 days");

    const token = await tokenFor("vera");
    const end = Date.now();
    const runs = (await github<{ workflow_runs: { path: string; status: string; conclusion: string | null; created_at: string }[] }>("/repos/skyward/dreamcatchr/actions/runs?per_page=100", token)).workflow_runs;
    const judged = runs.filter((run) => run.status === "completed" && Date.parse(run.created_at) >= end - 7 * DAY && ["success", "failure", "timed_out", "startup_failure"].includes(run.conclusion ?? ""));
    expect(judged.length).toBeGreaterThan(0);
    const rate = (list: typeof judged) => Math.round((list.filter((run) => run.conclusion === "success").length / list.length) * 1000) / 10;

    await expect(page.getByTestId("metric-build-success")).toHaveAttribute("data-value", String(rate(judged)), { timeout: 90_000 });
    for (const path of new Set(judged.map((run) => run.path))) {
      await expect(page.locator(`[data-testid="build-success-row"][data-workflow="${path}"]`)).toHaveAttribute("data-rate", String(rate(judged.filter((run) => run.path === path))));
    }
  });

  test("an unknown filter is ignored and said so; a metric with nothing in the period says so instead of a chart", async ({ page }) => {
    await signInAs(page, "vera", "/metrics?app=nope&env=production&period=30");
    // (Next's route announcer is an alert too: pick ours by what it says.)
    await expect(page.getByRole("alert").filter({ hasText: "not understood" })).toContainText("ignored: app");
    await expect(page.getByTestId("metrics-scope")).toContainText("production of all applications");
    // Wumbo's production incident (the rollback) is older than a week.
    await page.goto("/metrics?app=wumbo&env=production&period=7");
    await expect(page.getByTestId("metrics-scope")).toContainText("production of Wumbo, last 7 days");
    await expect(metric(page, "time-to-restore")).toContainText("nothing to restore");
    await expect(metric(page, "time-to-restore")).toHaveAttribute("data-value", "");
  });

  test("the environment page shows one timeline: deploys, the rollback and approvals, newest first", async ({ page }) => {
    test.setTimeout(120_000);
    await signInAs(page, "vera", "/apps/wumbo/production");
    const timeline = page.getByTestId("environment-timeline");
    // The demo's incident; the actions journey may have rolled production back once more before this.
    await expect(timeline.locator('[data-kind="rollback"]').first()).toBeVisible({ timeout: 90_000 });
    await expect(timeline.locator('[data-kind="approval"]').first()).toBeVisible({ timeout: 90_000 });
    await expect(timeline.locator('[data-kind="deploy"]').first()).toBeVisible();
    const times = await timeline.getByTestId("timeline-entry").evaluateAll((entries) => entries.map((entry) => entry.getAttribute("data-at") ?? ""));
    expect(times.length).toBeGreaterThan(5);
    expect(times).toEqual([...times].sort().reverse());
  });

  test("a deploy started elsewhere appears on an open environment page's timeline without a reload", async ({ page }) => {
    test.setTimeout(120_000);
    await signInAs(page, "vera", "/apps/beacon/development");
    await expect(page.getByTestId("live-indicator")).toHaveAttribute("data-state", "live");
    const entries = page.getByTestId("environment-timeline").getByTestId("timeline-entry");
    await expect(entries.first()).toBeVisible({ timeout: 90_000 });
    const newestBefore = (await entries.first().getAttribute("data-at")) ?? "";
    await page.evaluate(() => ((window as unknown as { keptAcrossUpdates: boolean }).keptAcrossUpdates = true));

    const token = await tokenFor("dana");
    const { workflow_run_id: runId } = await sandbox<{ workflow_run_id: number }>("POST", "/api/v3/repos/skyward/beacon/actions/workflows/04-deploy.yml/dispatches", { ref: "develop", inputs: { environment: "development" }, return_run_details: true }, token);
    let run = { status: "queued" };
    for (let step = 0; step < 60 && run.status !== "completed"; step++) {
      await advanceClock(step === 0 ? 5_000 : 15_000);
      run = await github<{ status: string }>(`/repos/skyward/beacon/actions/runs/${runId}`, token);
    }
    expect(run.status).toBe("completed");
    // The run's webhooks (deployment, statuses) reach the app one after another; the page updates as they land.
    const newest = entries.first();
    await expect(newest).toContainText(`run ${runId}`, { timeout: 60_000 });
    await expect(newest).toHaveAttribute("data-kind", "deploy", { timeout: 60_000 });
    expect(((await newest.getAttribute("data-at")) ?? "") > newestBefore).toBe(true);
    expect(await page.evaluate(() => (window as unknown as { keptAcrossUpdates?: boolean }).keptAcrossUpdates)).toBe(true);
  });
});
