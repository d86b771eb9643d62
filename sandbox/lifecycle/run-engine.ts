import type { Clock } from "../clock";
import { imageFor, type DemoEnvironment, type DemoWorkflow, type EnvName } from "../demo/apps";
import type { Conclusion, Deployment, DeploymentStatus, GitHubData, Job, Repo, Run, Step } from "../github/store";
import { findEnvironment, healthKey, nextRunNumber } from "../github/store";
import { addStatus, deploymentForRun } from "./deployments";
import type { EcsPort, RolloutFinished } from "./ecs-port";
import type { LifecycleHooks } from "./hooks";
import { DEPLOY_STEP, newSteps, planJobs, SMOKE_STEP, STABILITY_STEP } from "./plans";

/**
 * Moves workflow runs through GitHub's lifecycle on the virtual clock: queued → in_progress (jobs
 * and steps one after another) → waiting on a protected environment → the deploy job rolls the
 * ECS services to images tagged with the run's head SHA, its deployment's statuses following the
 * rollout → completed. Every wait is a clock task, so tests drive it with clock.advance().
 */
export interface EngineDeps {
  clock: Clock;
  data(): GitHubData;
  hooks(): LifecycleHooks;
  ecs(): EcsPort | undefined;
  /** html_url of a run and the environment URL of an app's environment (its health check). */
  runUrl(repo: Repo, run: Run): string;
  environmentUrl(repo: Repo, env: DemoEnvironment): string;
}

export interface StartRun {
  repo: Repo;
  workflow: DemoWorkflow;
  event: Run["event"];
  branch: string;
  sha: string;
  actor: string;
  inputs: Record<string, string | boolean | number>;
  displayTitle?: string;
  pullRequest?: Run["pullRequest"];
}

const QUEUE_MS = 4_000;
const RUNNER_MS = 3_000;

export class RunEngine {
  private timers = new Map<number, Set<() => void>>();
  /** ECS deployment id → the run waiting for it. */
  private rollouts = new Map<string, { runId: number; jobId: number; outcome?: RolloutFinished["outcome"] }>();
  /** Failures to inject into upcoming runs (control API): "tests" or "smoke". */
  private failNext: { repo?: string; step: "tests" | "smoke" }[] = [];
  private unsubscribe: (() => void) | undefined;

  constructor(private readonly deps: EngineDeps) {}

  /** Subscribes to ECS rollout events; call again after the ECS simulator is (re)created. */
  attachEcs(): void {
    this.unsubscribe?.();
    this.unsubscribe = this.deps.ecs()?.onRolloutFinished((event) => this.rolloutFinished(event));
  }

  reset(): void {
    for (const cancels of this.timers.values()) for (const cancel of cancels) cancel();
    this.timers.clear();
    this.rollouts.clear();
    this.failNext = [];
  }

  injectFailure(step: "tests" | "smoke", repo?: string): void {
    this.failNext.push({ step, repo });
  }

  /** The environment a run of `workflow` deploys: its `environment` input, else the branch mapping. */
  environmentOf(repo: Repo, workflow: DemoWorkflow, branch: string, inputs: Record<string, unknown>): EnvName | undefined {
    if (workflow.kind !== "deploy" && workflow.kind !== "flags") return undefined;
    if (workflow.fixedEnvironment) return workflow.fixedEnvironment;
    if (typeof inputs.environment === "string") return findEnvironment(repo, inputs.environment)?.name;
    const env = repo.app.environments.find((candidate) => candidate.ref === branch && candidate.workflow === workflow.file && !(candidate.name === "production" && workflow.file === "04-deploy.yml"));
    return env?.name;
  }

  now(): number {
    return this.deps.clock.now();
  }

  /** Dispatches, pushes and PRs land here: the run is queued and moves on with the clock. */
  start(input: StartRun): Run {
    const run = this.seedRun(input, this.deps.clock.now());
    this.queueJobs(input.repo, run);
    return run;
  }

  /** A run record without jobs or progress — the scenario fills in history with it. */
  seedRun(input: StartRun, now: number): Run {
    const data = this.deps.data();
    const environment = this.environmentOf(input.repo, input.workflow, input.branch, input.inputs);
    const run: Run = {
      id: data.nextId.run++,
      repo: input.repo.app.repo,
      workflowId: input.workflow.id,
      runNumber: nextRunNumber(data, input.workflow.id),
      attempt: 1,
      event: input.event,
      status: "queued",
      conclusion: null,
      headBranch: input.branch,
      headSha: input.sha,
      actor: input.actor,
      triggeringActor: input.actor,
      displayTitle: input.displayTitle ?? defaultTitle(input, environment),
      createdAt: now,
      updatedAt: now,
      runStartedAt: now,
      inputs: input.inputs,
      environment,
      approvals: [],
      pullRequest: input.pullRequest,
    };
    data.runs.push(run);
    return run;
  }

  private queueJobs(repo: Repo, run: Run): void {
    const data = this.deps.data();
    const workflow = repo.app.workflows.find((candidate) => candidate.id === run.workflowId);
    if (!workflow) return;
    const now = this.deps.clock.now();
    const failure = this.takeFailure(repo);
    for (const plan of planJobs(workflow, run.inputs, run.environment)) {
      const steps = newSteps(plan).map((step) => ({ ...step, fail: failure !== undefined && failsAt(failure, step.name) }));
      const job: Job & { skipped?: boolean } = { id: data.nextId.job++, runId: run.id, attempt: run.attempt, name: plan.name, status: "queued", conclusion: null, createdAt: now, startedAt: null, completedAt: null, steps, environment: plan.environment, runnerId: null, runnerName: null };
      if (plan.skipped) Object.assign(job, { status: "completed", conclusion: "skipped", startedAt: now, completedAt: now, steps: [] });
      data.jobs.push(job);
    }
    this.deps.hooks().workflowRun("requested", repo, run);
    const first = this.jobsOf(run).find((job) => job.status === "queued");
    if (first) this.deps.hooks().workflowJob("queued", repo, run, first);
    this.after(run, QUEUE_MS, () => {
      run.status = "in_progress";
      run.runStartedAt = this.deps.clock.now();
      this.touch(run);
      this.deps.hooks().workflowRun("in_progress", repo, run);
      this.nextJob(repo, run);
    });
  }

  jobsOf(run: Run): Job[] {
    return this.deps.data().jobs.filter((job) => job.runId === run.id && job.attempt === run.attempt);
  }

  private nextJob(repo: Repo, run: Run): void {
    const job = this.jobsOf(run).find((candidate) => candidate.status === "queued");
    if (!job) return this.finishRun(repo, run, "success");
    const env = job.environment ? findEnvironment(repo, job.environment) : undefined;
    if (env && gated(env) && !run.approvals.some((approval) => approval.state === "approved" && approval.environmentIds.includes(env.id) && approval.at >= run.runStartedAt)) {
      job.status = "waiting";
      run.status = "waiting";
      run.pending = { environment: env.name, since: this.deps.clock.now() };
      this.touch(run);
      const hooks = this.deps.hooks();
      hooks.workflowJob("waiting", repo, run, job);
      if (env.reviewers.teams.length + env.reviewers.users.length > 0) hooks.deploymentReview("requested", repo, run, env);
      if (env.customGate) hooks.protectionRule(repo, run, env);
      if (env.waitTimerMinutes > 0) this.after(run, env.waitTimerMinutes * 60_000, () => this.releaseIfClear(repo, run));
      return;
    }
    this.startJob(repo, run, job, env);
  }

  /** Starts the waiting deploy job once every protection rule of its environment is satisfied. */
  releaseIfClear(repo: Repo, run: Run): Deployment | undefined {
    const pending = run.pending;
    if (!pending || run.status !== "waiting") return undefined;
    const env = findEnvironment(repo, pending.environment);
    const job = this.jobsOf(run).find((candidate) => candidate.status === "waiting");
    if (!env || !job) return undefined;
    const now = this.deps.clock.now();
    const reviewed = env.reviewers.teams.length + env.reviewers.users.length === 0 || run.approvals.some((a) => a.state === "approved" && a.environmentIds.includes(env.id) && a.at >= pending.since);
    const timerDone = now >= pending.since + env.waitTimerMinutes * 60_000;
    const gateDone = !env.customGate || pending.customApprovedAt !== undefined;
    if (!reviewed || !timerDone || !gateDone) return undefined;
    run.pending = undefined;
    run.status = "in_progress";
    job.status = "queued";
    return this.startJob(repo, run, job, env);
  }

  /** Deployments and statuses made through the REST API are announced like the runs' own. */
  announceDeployment(repo: Repo, deployment: Deployment): void {
    this.deps.hooks().deployment(repo, undefined, deployment);
  }

  announceStatus(repo: Repo, deployment: Deployment, status: DeploymentStatus): void {
    const run = this.deps.data().runs.find((candidate) => candidate.id === deployment.runId);
    this.deps.hooks().deploymentStatus(repo, run, deployment, status);
  }

  /** Tells the outside world about a review (the deployment_review webhook). */
  reviewed(repo: Repo, run: Run, env: DemoEnvironment, state: "approved" | "rejected", login: string, comment: string): void {
    this.deps.hooks().deploymentReview(state, repo, run, env, { login, comment });
  }

  /** A rejection (by a reviewer or a custom protection rule): the run fails, ECS is never touched. */
  reject(repo: Repo, run: Run): void {
    const job = this.jobsOf(run).find((candidate) => candidate.status === "waiting");
    run.pending = undefined;
    run.failure = "rejected";
    if (job) {
      const now = this.deps.clock.now();
      Object.assign(job, { status: "completed", conclusion: "failure", startedAt: now, completedAt: now });
      job.steps = [];
      this.deps.hooks().workflowJob("completed", repo, run, job);
    }
    this.finishRun(repo, run, "failure");
  }

  private startJob(repo: Repo, run: Run, job: Job, env: DemoEnvironment | undefined): Deployment | undefined {
    const now = this.deps.clock.now();
    job.status = "in_progress";
    job.startedAt = now;
    job.runnerId = 1000 + (job.id % 97);
    job.runnerName = `GitHub Actions ${job.runnerId}`;
    if (run.status !== "in_progress") run.status = "in_progress";
    this.touch(run);
    this.deps.hooks().workflowJob("in_progress", repo, run, job);
    let deployment: Deployment | undefined;
    if (env && job.name === "deploy") {
      const data = this.deps.data();
      deployment = deploymentForRun(data, repo, run, env, now, { runUrl: this.deps.runUrl(repo, run), environmentUrl: this.deps.environmentUrl(repo, env) });
      this.deps.hooks().deployment(repo, run, deployment);
      this.deps.hooks().deploymentStatus(repo, run, deployment, deployment.statuses.at(-1) ?? addStatus(data, deployment, "queued", now));
    }
    this.after(run, RUNNER_MS, () => this.runStep(repo, run, job, 0));
    return deployment;
  }

  private runStep(repo: Repo, run: Run, job: Job, index: number): void {
    const step = job.steps[index] as (Step & { fail?: boolean }) | undefined;
    if (!step) return this.finishJob(repo, run, job, "success");
    step.status = "in_progress";
    step.startedAt = this.deps.clock.now();
    this.touch(run);
    const env = job.environment ? findEnvironment(repo, job.environment) : undefined;
    if (step.name === DEPLOY_STEP && env && run.inputs.dry_run !== true) this.deployToEcs(repo, run, job, env);
    if (step.name === STABILITY_STEP && env && this.awaiting(job).length > 0) return; // completed by rolloutFinished
    this.after(run, step.durationMs, () => this.endStep(repo, run, job, index, step.fail ? "failure" : "success"));
  }

  private endStep(repo: Repo, run: Run, job: Job, index: number, conclusion: "success" | "failure"): void {
    const step = job.steps[index];
    if (!step || step.status === "completed") return;
    step.status = "completed";
    step.conclusion = conclusion;
    step.completedAt = this.deps.clock.now();
    if (conclusion === "failure") {
      for (const rest of job.steps.slice(index + 1)) Object.assign(rest, { status: "completed", conclusion: "skipped", startedAt: step.completedAt, completedAt: step.completedAt });
      run.failure ??= step.name === STABILITY_STEP ? "ecs-rollout" : step.name === SMOKE_STEP ? "smoke-test" : "tests";
      return this.finishJob(repo, run, job, "failure");
    }
    this.runStep(repo, run, job, index + 1);
  }

  private deployToEcs(repo: Repo, run: Run, job: Job, env: DemoEnvironment): void {
    const ecs = this.deps.ecs();
    if (!ecs) return;
    const tag = typeof run.inputs.image_tag === "string" && run.inputs.image_tag !== "" ? run.inputs.image_tag : run.headSha;
    for (const [key, service] of Object.entries(env.services)) {
      const image = imageFor(repo.app, env, key, tag);
      const { deploymentId } = ecs.deployImages({ region: env.region, cluster: env.cluster, service, images: { [key]: image }, startedBy: `github-actions/${run.id}` });
      this.rollouts.set(deploymentId, { runId: run.id, jobId: job.id });
    }
    const deployment = this.deploymentOf(run, env);
    if (deployment) this.status(repo, run, deployment, "in_progress");
  }

  private awaiting(job: Job): { id: string; outcome?: string }[] {
    return [...this.rollouts.entries()].filter(([, entry]) => entry.jobId === job.id).map(([id, entry]) => ({ id, outcome: entry.outcome }));
  }

  private rolloutFinished(event: RolloutFinished): void {
    const entry = this.rollouts.get(event.deploymentId);
    if (!entry) return;
    entry.outcome = event.outcome;
    const data = this.deps.data();
    const run = data.runs.find((candidate) => candidate.id === entry.runId);
    const job = data.jobs.find((candidate) => candidate.id === entry.jobId);
    const repo = run ? data.repos.get(run.repo) : undefined;
    if (!run || !job || !repo || run.status === "completed") return;
    const all = this.awaiting(job);
    if (all.some((rollout) => rollout.outcome === undefined)) return;
    for (const rollout of all) this.rollouts.delete(rollout.id);
    const index = job.steps.findIndex((step) => step.name === STABILITY_STEP);
    const failed = all.some((rollout) => rollout.outcome === "FAILED");
    if (index >= 0 && job.steps[index]?.status === "in_progress") this.endStep(repo, run, job, index, failed ? "failure" : "success");
  }

  private finishJob(repo: Repo, run: Run, job: Job, conclusion: "success" | "failure" | "cancelled"): void {
    const now = this.deps.clock.now();
    job.status = "completed";
    job.conclusion = conclusion;
    job.completedAt = now;
    this.touch(run);
    this.deps.hooks().workflowJob("completed", repo, run, job);
    const env = job.environment ? findEnvironment(repo, job.environment) : undefined;
    const deployment = env ? this.deploymentOf(run, env) : undefined;
    if (deployment && env) {
      this.status(repo, run, deployment, conclusion === "success" ? "success" : "failure");
      const key = healthKey(repo.app.slug, env.name);
      if (conclusion === "success") this.deps.data().unhealthy.delete(key);
      else if (run.failure === "smoke-test") this.deps.data().unhealthy.add(key);
    }
    if (conclusion !== "success") return this.finishRun(repo, run, conclusion);
    this.nextJob(repo, run);
  }

  finishRun(repo: Repo, run: Run, conclusion: Conclusion): void {
    if (run.status === "completed") return;
    const now = this.deps.clock.now();
    for (const job of this.jobsOf(run)) {
      if (job.status === "completed") continue;
      const skipped = conclusion === "cancelled" && job.status === "in_progress" ? "cancelled" : "skipped";
      for (const step of job.steps) if (step.status !== "completed") Object.assign(step, { status: "completed", conclusion: step.status === "in_progress" ? skipped : "skipped", completedAt: now, startedAt: step.startedAt ?? now });
      Object.assign(job, { status: "completed", conclusion: skipped, completedAt: now, startedAt: job.startedAt ?? now });
      this.deps.hooks().workflowJob("completed", repo, run, job);
    }
    run.status = "completed";
    run.conclusion = conclusion;
    run.pending = undefined;
    this.touch(run);
    for (const cancel of this.timers.get(run.id) ?? []) cancel();
    this.timers.delete(run.id);
    this.deps.hooks().workflowRun("completed", repo, run);
  }

  cancel(repo: Repo, run: Run): void {
    for (const [id, entry] of this.rollouts) if (entry.runId === run.id) this.rollouts.delete(id);
    this.finishRun(repo, run, "cancelled");
  }

  /** Re-runs a completed run as its next attempt: same id, new jobs (all, or only the failed ones). */
  rerun(repo: Repo, run: Run, actor: string, failedOnly: boolean): void {
    const previous = this.jobsOf(run);
    run.attempt += 1;
    Object.assign(run, { status: "queued", conclusion: null, triggeringActor: actor, failure: undefined, pending: undefined });
    run.runStartedAt = this.deps.clock.now();
    this.queueJobs(repo, run);
    if (!failedOnly) return;
    // Jobs that succeeded last time are carried over as they were.
    for (const job of this.jobsOf(run)) {
      const before = previous.find((candidate) => candidate.name === job.name);
      if (before?.conclusion === "success") Object.assign(job, { status: "completed", conclusion: "success", startedAt: before.startedAt, completedAt: before.completedAt, steps: before.steps.map((step) => ({ ...step })) });
    }
  }

  private deploymentOf(run: Run, env: DemoEnvironment): Deployment | undefined {
    return this.deps.data().deployments.filter((deployment) => deployment.runId === run.id && deployment.environment === env.name).at(-1);
  }

  private status(repo: Repo, run: Run, deployment: Deployment, state: "in_progress" | "success" | "failure"): void {
    const status = addStatus(this.deps.data(), deployment, state, this.deps.clock.now(), { creator: "github-actions[bot]" });
    this.deps.hooks().deploymentStatus(repo, run, deployment, status);
  }

  private takeFailure(repo: Repo): "tests" | "smoke" | undefined {
    const index = this.failNext.findIndex((entry) => entry.repo === undefined || entry.repo === repo.app.repo);
    if (index < 0) return undefined;
    const [entry] = this.failNext.splice(index, 1);
    return entry?.step;
  }

  private touch(run: Run): void {
    run.updatedAt = this.deps.clock.now();
  }

  private after(run: Run, ms: number, task: () => void): void {
    const cancels = this.timers.get(run.id) ?? new Set();
    const cancel = this.deps.clock.schedule(this.deps.clock.now() + ms, () => {
      cancels.delete(cancel);
      task();
    });
    cancels.add(cancel);
    this.timers.set(run.id, cancels);
  }
}

function failsAt(failure: "tests" | "smoke", step: string): boolean {
  return failure === "tests" ? step === "Unit tests" || step === "Run tests" : step === SMOKE_STEP;
}

export function gated(env: DemoEnvironment): boolean {
  return env.reviewers.teams.length + env.reviewers.users.length > 0 || env.waitTimerMinutes > 0 || env.customGate;
}

function defaultTitle(input: StartRun, environment: EnvName | undefined): string {
  if (input.event === "workflow_dispatch") return environment ? `${input.workflow.name} → ${environment}` : input.workflow.name;
  if (input.event === "schedule") return input.workflow.name;
  const commit = input.repo.history.commits[input.repo.index.get(input.sha) ?? -1];
  return (commit?.message.split("\n").filter((line) => line.trim() !== "").at(-1) ?? input.workflow.name).slice(0, 120);
}
