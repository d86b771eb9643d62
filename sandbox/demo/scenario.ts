import { imageFor, DEMO_APPS, type DemoApp, type DemoEnvironment } from "./apps";
import { buildHistory, pick, seededRandom } from "./history";
import type { GitHubData, Job, Repo, Run } from "../github/store";
import { healthKey } from "../github/store";
import { addStatus, deploymentForRun } from "../lifecycle/deployments";
import type { EcsPort } from "../lifecycle/ecs-port";
import { completedJob, planJobs } from "../lifecycle/plans";
import type { RunEngine } from "../lifecycle/run-engine";
import { seedActivity } from "./activity";
import { benchApp, benchRuns } from "./bench";

/**
 * Scenarios: "demo" (weeks of history and one production release waiting for approval) and
 * "empty" (repositories and ECS services at their branch heads, no runs or deployments — a clean
 * slate for tests) and "bench" (demo with four services per environment and over 2,000 runs: see
 * bench.ts). Everything is laid out relative to the clock's current time.
 */
export type ScenarioName = "demo" | "empty" | "bench";
export const SCENARIOS: readonly ScenarioName[] = ["demo", "empty", "bench"];

export interface ScenarioDeps {
  now: number;
  engine: RunEngine;
  ecs: EcsPort | undefined;
  runUrl(repo: Repo, run: Run): string;
  environmentUrl(repo: Repo, env: DemoEnvironment): string;
  /** Realtime demos get new pushes, PR checks and scans over time. */
  activity: boolean;
  schedule(at: number, task: () => void): () => void;
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** Fills `data` (fresh, and already the engine's data, since the engine records runs there). */
export function buildScenario(name: ScenarioName, data: GitHubData, deps: ScenarioDeps): void {
  for (const app of DEMO_APPS) data.repos.set(app.repo, seedRepo(data, name === "bench" ? benchApp(app) : app, deps.now));
  if (name === "empty") {
    // Services run a release two commits behind their branch, so a deploy visibly changes them.
    for (const repo of data.repos.values()) for (const env of repo.app.environments) seedEcs(deps.ecs, repo, env, [{ sha: headOf(repo, env, 2), at: deps.now - DAY }]);
    return;
  }
  const runs: SeedRun[] = [];
  for (const repo of data.repos.values()) runs.push(...planHistory(repo, deps.now), ...(name === "bench" ? benchRuns(repo, deps.now) : []));
  runs.sort((a, b) => a.at - b.at);
  for (const spec of runs) materialize(data, spec, deps);
  for (const repo of data.repos.values()) {
    for (const env of repo.app.environments) {
      const deployed = runs
        .filter((spec) => spec.repo === repo && spec.env === env && spec.outcome !== "tests" && spec.outcome !== "rollout")
        // A release rolled back on ECS: a new revision with the image that ran before it.
        .flatMap((spec, index, all) => [{ sha: spec.sha, at: spec.at + 3 * 60_000 }, ...(spec.rolledBackAfterMs && all[index - 1] ? [{ sha: all[index - 1]!.sha, at: spec.at + spec.rolledBackAfterMs }] : [])]);
      seedEcs(deps.ecs, repo, env, deployed.length > 0 ? deployed : [{ sha: headOf(repo, env), at: deps.now - 20 * DAY }]);
      const latest = runs.filter((spec) => spec.repo === repo && spec.env === env && spec.outcome !== "tests" && spec.outcome !== "rollout").at(-1);
      if (latest?.outcome === "smoke") data.unhealthy.add(healthKey(repo.app.slug, env.name));
    }
  }
}

/** After the engine has the data: the release waiting for approval, and realtime activity. */
export function startScenario(name: ScenarioName, data: GitHubData, deps: ScenarioDeps): void {
  if (name === "empty") return;
  const wumbo = data.repos.get("wumbo");
  if (wumbo) waitingRelease(data, wumbo, deps);
  if (deps.activity) seedActivity(data, deps);
}

function seedRepo(data: GitHubData, app: DemoApp, now: number): Repo {
  const history = buildHistory(app, now);
  const index = new Map(history.commits.map((commit, i) => [commit.sha, i]));
  const repo: Repo = { app, history, index, releases: [] };
  repo.releases = history.tags.map((tag, n) => ({
    id: data.nextId.release++,
    tag: tag.name,
    name: `${app.slug} ${tag.name}`,
    body: `## What's changed\n\n${history.commits.slice(Math.max(0, tag.index - 5), tag.index + 1).map((c) => `* ${c.message.split("\n").at(-1)}`).join("\n")}`,
    author: n % 2 === 0 ? "rita" : "ravi",
    createdAt: (history.commits[tag.index]?.date ?? now) + 30 * 60_000,
    prerelease: false,
  }));
  return repo;
}

export function headOf(repo: Repo, env: DemoEnvironment, behind = 0): string {
  const index = repo.history.branches.get(env.ref) ?? repo.history.commits.length - 1;
  return repo.history.commits[Math.max(0, index - behind)]?.sha ?? "";
}

export interface SeedRun {
  repo: Repo;
  env?: DemoEnvironment;
  workflowFile: string;
  event: Run["event"];
  branch: string;
  sha: string;
  actor: string;
  at: number;
  inputs: Record<string, string | boolean>;
  /** "tests": failed before deploying; "rollout": ECS rolled back; "smoke": deployed but unhealthy. */
  outcome: "success" | "tests" | "rollout" | "smoke";
  approver?: string;
  pullRequest?: Run["pullRequest"];
  /** On-call rolled the release back on ECS (the previous image as a new revision) this long after the run started. */
  rolledBackAfterMs?: number;
}

function planHistory(repo: Repo, now: number): SeedRun[] {
  const random = seededRandom(`${repo.app.repo}/runs`);
  const { commits } = repo.history;
  const out: SeedRun[] = [];
  for (const env of repo.app.environments) {
    const workflow = repo.app.workflows.find((candidate) => candidate.file === env.workflow);
    if (!workflow) continue;
    // Production lags: wumbo's newest main commit is the release now waiting for approval.
    const head = (repo.history.branches.get(env.ref) ?? commits.length - 1) - (env.name === "production" ? 3 : 0);
    const every = env.name === "development" ? 2 : env.name === "staging" ? 4 : 7;
    const dispatched = workflow.pushBranches.length === 0 || (repo.app.slug === "beacon" && env.name === "production");
    for (let i = head; i > 4; i -= every + Math.floor(random() * 2)) {
      const commit = commits[i];
      if (!commit || commit.date > now - HOUR) continue;
      const roll = random();
      const outcome: SeedRun["outcome"] = i === head ? "success" : roll < 0.08 ? "tests" : roll < 0.13 ? "rollout" : "success";
      const manager = random() < 0.5 ? "rita" : "ravi";
      out.push({
        repo,
        env,
        workflowFile: workflow.file,
        event: dispatched ? "workflow_dispatch" : "push",
        branch: env.ref,
        sha: commit.sha,
        actor: dispatched ? (env.name === "production" ? manager : pick(random, ["dana", "oscar"])) : commit.author,
        at: commit.date + (env.name === "production" ? 2 * HOUR : 10 * 60_000),
        inputs: dispatched ? (workflow.fixedEnvironment ? { skip_tests: false } : { environment: env.name, image_tag: "", dry_run: false }) : {},
        outcome,
        approver: env.name === "production" ? (manager === "rita" ? "ravi" : "rita") : undefined,
      });
    }
  }
  stageIncident(repo, out, now);
  // The rollback-worthy one: DreamCatchr staging's latest release deployed, then failed its smoke test.
  const latestStaging = out.filter((spec) => spec.repo.app.slug === "dreamcatchr" && spec.env?.name === "staging").sort((a, b) => b.at - a.at)[0];
  if (latestStaging) latestStaging.outcome = "smoke";
  // PR checks on merges, a nightly scan.
  const checks = repo.app.workflows.find((candidate) => candidate.kind === "checks");
  commits.forEach((commit, i) => {
    const merged = commits[i + 1];
    if (!checks || !merged || merged.parents[1] !== commit.sha) return;
    const number = Number(/#(\d+)/.exec(merged.message)?.[1] ?? 0);
    const branch = /from skyward\/(\S+)/.exec(merged.message)?.[1] ?? "feature";
    out.push({ repo, workflowFile: checks.file, event: "pull_request", branch, sha: commit.sha, actor: commit.author, at: commit.date + 60_000, inputs: {}, outcome: random() < 0.12 ? "tests" : "success", pullRequest: { number, base: repo.app.defaultBranch } });
  });
  const scan = repo.app.workflows.find((candidate) => candidate.kind === "scan");
  if (scan) {
    for (let day = 14; day >= 1; day--) {
      const at = Math.floor((now - day * DAY) / DAY) * DAY + 3 * HOUR;
      const sha = [...commits].reverse().find((commit) => commit.date < at)?.sha ?? commits[0]?.sha ?? "";
      out.push({ repo, workflowFile: scan.file, event: "schedule", branch: repo.app.defaultBranch, sha, actor: "ada", at, inputs: {}, outcome: day === 3 ? "tests" : "success" });
    }
  }
  return out;
}

/**
 * One production incident per application, so the metrics have failures to count and restores to time:
 * Wumbo — the second newest release is rolled back on ECS 75 minutes after its run started; DreamCatchr —
 * a release of five weeks ago fails its rollout and the same commit is deployed again two hours later;
 * Beacon — a release is followed within hours by a hotfix dispatched from a hotfix/ branch.
 */
function stageIncident(repo: Repo, out: SeedRun[], now: number): void {
  const production = out.filter((spec) => spec.env?.name === "production" && spec.outcome === "success").sort((a, b) => b.at - a.at);
  const release = production[1];
  if (!release) return;
  if (repo.app.slug === "wumbo") release.rolledBackAfterMs = 75 * 60_000;
  // Five weeks back: the 30 days before the last 30 have an incident too, so time to restore has a trend.
  const older = production.find((spec) => spec.at < now - 35 * DAY);
  if (repo.app.slug === "dreamcatchr" && older) {
    older.outcome = "rollout";
    out.push({ ...older, at: older.at + 2 * HOUR, outcome: "success", actor: older.approver ?? "ravi", approver: older.actor });
  }
  if (repo.app.slug === "beacon") {
    for (const spec of production.slice(1)) {
      const next = repo.history.commits[(repo.index.get(spec.sha) ?? -1) + 1];
      if (!next) continue;
      const at = Math.max(next.date + 20 * 60_000, spec.at + 2 * HOUR);
      if (at - spec.at > 12 * HOUR || at > now - HOUR) continue;
      out.push({ ...spec, branch: "hotfix/api-timeouts", sha: next.sha, at, actor: "rita", approver: "ravi", outcome: "success" });
      return;
    }
  }
}

function materialize(data: GitHubData, spec: SeedRun, deps: ScenarioDeps): void {
  const workflow = spec.repo.app.workflows.find((candidate) => candidate.file === spec.workflowFile);
  if (!workflow) return;
  const run = deps.engine.seedRun({ repo: spec.repo, workflow, event: spec.event, branch: spec.branch, sha: spec.sha, actor: spec.actor, inputs: spec.inputs, pullRequest: spec.pullRequest }, spec.at);
  let at = spec.at + 5_000;
  const failAt = spec.outcome === "tests" ? (workflow.kind === "deploy" ? "Unit tests" : workflow.kind === "scan" ? "Trivy filesystem scan" : "Run tests") : spec.outcome === "rollout" ? "Wait for service stability" : spec.outcome === "smoke" ? "Smoke test" : undefined;
  let failed = false;
  for (const plan of planJobs(workflow, spec.inputs, run.environment)) {
    const base = { id: data.nextId.job++, runId: run.id, attempt: 1, createdAt: spec.at, runnerId: 1000 + (run.id % 89), runnerName: `GitHub Actions ${1000 + (run.id % 89)}` };
    let job: Job;
    if (failed) {
      job = { ...base, name: plan.name, environment: plan.environment, status: "completed", conclusion: "skipped", startedAt: at, completedAt: at, steps: [], runnerId: null, runnerName: null };
    } else {
      const env = plan.environment ? spec.env : undefined;
      if (env && spec.approver && plan.name === "deploy") {
        const reviewAt = at + 20 * 60_000;
        run.approvals.push({ environmentIds: [env.id], state: "approved", login: spec.approver, comment: "Release notes checked, go.", at: reviewAt });
        at = reviewAt;
      }
      job = completedJob(plan, base, at, { failAt: plan.steps.some(([name]) => name === failAt) ? failAt : undefined });
      if (env && plan.name === "deploy") {
        const deployment = deploymentForRun(data, spec.repo, run, env, at, { runUrl: deps.runUrl(spec.repo, run), environmentUrl: deps.environmentUrl(spec.repo, env) });
        addStatus(data, deployment, "in_progress", at + 10_000);
        addStatus(data, deployment, job.conclusion === "success" ? "success" : "failure", job.completedAt ?? at);
      }
      failed = job.conclusion === "failure";
      at = job.completedAt ?? at;
    }
    data.jobs.push(job);
  }
  Object.assign(run, { status: "completed", conclusion: failed ? "failure" : "success", updatedAt: at, failure: failed ? spec.outcome : undefined });
}

function seedEcs(ecs: EcsPort | undefined, repo: Repo, env: DemoEnvironment, deployed: { sha: string; at: number }[]): void {
  if (!ecs) return;
  const current = deployed.at(-1);
  if (!current) return;
  for (const [key, service] of Object.entries(env.services)) {
    ecs.seedService({
      region: env.region,
      cluster: env.cluster,
      service,
      family: service,
      containers: [{ name: key, image: imageFor(repo.app, env, key, current.sha), cpu: 256, memory: 512, environment: { APP_ENV: env.name } }],
      desiredCount: env.name === "production" ? 3 : key.includes("beat") ? 1 : 2,
      history: deployed.slice(0, -1).slice(-8).map((entry) => ({ image: imageFor(repo.app, env, key, entry.sha), registeredAt: entry.at - 60_000, deployedAt: entry.at })),
      registeredAt: current.at - 60_000,
      deployedAt: current.at,
    });
  }
}

/** Rita dispatched wumbo's newest main to production; test and build passed; it waits for a second release manager. */
function waitingRelease(data: GitHubData, repo: Repo, deps: ScenarioDeps): void {
  const workflow = repo.app.workflows.find((candidate) => candidate.file === "deploy.yml");
  const env = repo.app.environments.find((candidate) => candidate.name === "production");
  if (!workflow || !env) return;
  const started = deps.now - 9 * 60_000;
  const run = deps.engine.seedRun({ repo, workflow, event: "workflow_dispatch", branch: "main", sha: headOf(repo, env), actor: "rita", inputs: { environment: "production", run_migrations: true } }, started);
  let at = started + 5_000;
  for (const plan of planJobs(workflow, run.inputs, run.environment)) {
    const base = { id: data.nextId.job++, runId: run.id, attempt: 1, createdAt: started, runnerId: 1000 + (run.id % 89), runnerName: `GitHub Actions ${1000 + (run.id % 89)}` };
    if (plan.name === "deploy") {
      const steps = completedJob(plan, base, at, {}).steps.map((step) => ({ ...step, status: "queued" as const, conclusion: null, startedAt: null, completedAt: null }));
      data.jobs.push({ ...base, name: plan.name, environment: env.name, status: "waiting", conclusion: null, startedAt: null, completedAt: null, steps, runnerId: null, runnerName: null });
    } else {
      const job = completedJob(plan, base, at, {});
      data.jobs.push(job);
      at = job.completedAt ?? at;
    }
  }
  Object.assign(run, { status: "waiting", updatedAt: at, pending: { environment: env.name, since: at } });
}
