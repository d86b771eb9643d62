import "server-only";
import { recordGithubReview } from "@/lib/approvals/record-github-review";
import type { recordExternalEvent } from "@/lib/audit/record";
import type { FlightdeckConfig } from "@/lib/config";
import { decideProtectionRule } from "@/lib/environments/protection-rule";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { upsertDeployment, upsertJob, upsertPendingApprovals, upsertRun, type DeploymentPayload, type JobPayload, type RunPayload } from "@/lib/github/ingest";
import { applicationForRepo, githubEnvironmentName, type GithubActor } from "@/lib/github/ingest-mapping";
import type { LiveEvent } from "@/lib/live/publish";
import { recordDeploymentOutcome } from "@/lib/metrics/outcomes";

// What each verified, first-seen delivery changes in the read model and the audit trail.

type Audit = (input: Parameters<typeof recordExternalEvent>[0]) => Promise<unknown>;

export interface ApplyInput {
  prisma: PrismaClient;
  config: FlightdeckConfig;
  event: string;
  action: string | null;
  payload: Record<string, unknown>;
  audit: Audit;
  /** The GitHub App's installation token (answers deployment protection rules); null when not configured. */
  appToken(installationId: number | null): Promise<string | null>;
}

const TERMINAL_DEPLOYMENT_STATES = new Set(["success", "failure", "error"]);

export async function applyGithubEvent(input: ApplyInput): Promise<{ handled: boolean; live: LiveEvent[] }> {
  const { prisma, payload, audit } = input;
  const repository = payload.repository as { full_name?: string } | undefined;
  const app = applicationForRepo(input.config.applications, repository?.full_name);
  if (!app) return { handled: false, live: [] };
  const sender = (payload.sender as GithubActor | undefined) ?? null;

  switch (input.event) {
    case "workflow_run": {
      const run = payload.workflow_run as RunPayload;
      const { environment, resolvedIn } = await upsertRun(prisma, app, run);
      // A run that moved on from waiting (approved, rejected, cancelled) also ends its pending approvals:
      // say so by their own event, which pages that skip run events (the overview) still hear.
      const approvals = resolvedIn.map((environment): LiveEvent => ({ type: "approval.changed", application: app.slug, environment, data: { runId: run.id } }));
      return { handled: true, live: [{ type: "run.changed", application: app.slug, environment, data: { runId: run.id } }, ...approvals] };
    }
    case "workflow_job": {
      const job = payload.workflow_job as JobPayload;
      await upsertJob(prisma, job);
      // Its own type: pages that show no jobs or run states (the overview, metrics) skip it, and a deploy
      // run sends several job events for each run event.
      const stored = await prisma.workflowRun.findUnique({ where: { id: BigInt(job.run_id) }, select: { environment: true } });
      return { handled: true, live: [{ type: "job.changed", application: app.slug, environment: stored?.environment ?? null, data: { runId: job.run_id } }] };
    }
    case "deployment":
    case "deployment_status": {
      const deployment = payload.deployment as DeploymentPayload;
      const status = payload.deployment_status as { state: string; target_url?: string | null; log_url?: string | null; created_at?: string } | undefined;
      const run = payload.workflow_run as { id?: number } | null | undefined;
      const { environment, runId } = await upsertDeployment(prisma, app, deployment, status, run?.id ?? null);
      const common = { source: "github" as const, application: app.slug, environment: environment ?? deployment.environment, targetType: "deployment", target: String(deployment.id) };
      const details = { sha: deployment.sha, ref: deployment.ref, githubEnvironment: deployment.environment, runId: runId === null ? null : Number(runId) };
      if (input.event === "deployment") {
        await audit({ ...common, action: "deployment.created", outcome: "succeeded", githubLogin: deployment.creator?.login ?? sender?.login ?? null, payload: details });
      } else if (status && TERMINAL_DEPLOYMENT_STATES.has(status.state)) {
        await recordDeploymentOutcome(prisma, { application: app.slug, deploymentId: deployment.id, state: status.state, at: status.created_at ? new Date(status.created_at) : new Date() });
        await audit({ ...common, action: "deployment.finished", outcome: status.state === "success" ? "succeeded" : "failed", githubLogin: sender?.login ?? null, payload: { ...details, state: status.state } });
      }
      return { handled: true, live: [{ type: "deployment.changed", application: app.slug, environment }] };
    }
    case "deployment_review":
      return applyReview(input, app, sender);
    case "deployment_protection_rule":
      if (input.action !== "requested") return { handled: false, live: [] };
      return decideProtectionRule({ prisma, config: input.config, app, payload, appToken: input.appToken });
    default:
      return { handled: false, live: [] };
  }
}

async function applyReview(input: ApplyInput, app: NonNullable<ReturnType<typeof applicationForRepo>>, sender: GithubActor | null): Promise<{ handled: boolean; live: LiveEvent[] }> {
  const { prisma, payload } = input;
  const run = payload.workflow_run as RunPayload | undefined;
  if (!run) return { handled: false, live: [] };
  await upsertRun(prisma, app, run);
  if (input.action === "requested") {
    const environments = await upsertPendingApprovals(prisma, app, run, [{ environment: { name: String(payload.environment ?? "") }, wait_timer_started_at: typeof payload.since === "string" ? payload.since : null }]);
    return { handled: true, live: environments.map((environment) => ({ type: "approval.changed", application: app.slug, environment, data: { runId: run.id } })) };
  }
  if (input.action !== "approved" && input.action !== "rejected") return { handled: false, live: [] };
  const reviewer = (payload.approver as GithubActor | undefined) ?? sender;
  if (!reviewer?.login) return { handled: false, live: [] };
  const jobRuns = (payload.workflow_job_runs as { environment?: string }[] | undefined) ?? [];
  const githubEnvironments = [...new Set(jobRuns.map((job) => job.environment).filter((name): name is string => Boolean(name)))];
  const comment = typeof payload.comment === "string" && payload.comment !== "" ? payload.comment : null;
  const live: LiveEvent[] = [];
  for (const githubEnvironment of githubEnvironments) {
    const environment = githubEnvironmentName(app, githubEnvironment);
    if (!environment) continue;
    await recordGithubReview(prisma, input.audit, {
      application: app.slug,
      environment,
      githubEnvironment,
      runId: run.id,
      runAttempt: run.run_attempt ?? 1,
      headSha: run.head_sha,
      reviewer,
      state: input.action,
      comment,
      at: new Date(),
      seenBy: "webhook",
    });
    live.push({ type: "approval.changed", application: app.slug, environment, data: { runId: run.id } });
  }
  return { handled: true, live };
}
