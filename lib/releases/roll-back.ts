import "server-only";
import { randomUUID } from "node:crypto";
import { UpdateServiceCommand } from "@aws-sdk/client-ecs";
import { z } from "zod";
import { defineCommand } from "@/lib/commands/define-command";
import { findEnvironment } from "@/lib/config";
import { ecsClient, isThrottling } from "@/lib/ecs/client";
import { recordEvent } from "@/lib/audit/record";
import type { CurrentUser } from "@/lib/auth/current-user";
import { db } from "@/lib/db";
import { ConflictError, ExpectedError, NotFoundError, RateLimitedError, UpstreamUnavailableError } from "@/lib/errors";
import { Prisma } from "@/lib/generated/prisma/client";
import { planRollback } from "./rollback-plan";

const input = z.object({
  application: z.string().min(1),
  environment: z.string().min(1),
  /** Our service key (backend, worker…); every service of the environment when omitted. */
  service: z.string().min(1).optional(),
  /** The release (git SHA) to go back to; each service returns to its latest revision that ran it. */
  sha: z.string().trim().toLowerCase().regex(/^[0-9a-f]{7,40}$/, "Choose the release to roll back to."),
  reason: z.string().trim().min(3, "Say why you roll back (it goes into the audit trail).").max(500),
});

export function locate(application: string, environment: string, service: string | undefined) {
  const found = findEnvironment(application, environment);
  if (!found) throw new NotFoundError(`There is no environment ${application}/${environment}.`);
  const services = Object.entries(found.env.ecs.services).filter(([key]) => !service || key === service);
  if (services.length === 0) throw new NotFoundError(`${environment} has no service ${service}.`);
  return { ...found, services };
}

export function ecsFailure(error: unknown): unknown {
  if (error instanceof ExpectedError) return error;
  if (isThrottling(error)) return new RateLimitedError("ECS", null);
  const name = (error as { name?: string }).name ?? "";
  if (/ServiceNotFound|ServiceNotActive|ClusterNotFound/.test(name)) return new ConflictError("ECS no longer has this service as configured; check the cluster and service names.");
  if (/ClientException|InvalidParameter/.test(name)) return new ConflictError("ECS refused the change; the release may no longer be registered.");
  return new UpstreamUnavailableError("ECS");
}

/**
 * Holds the rollback: locks the environment so the next automatic deploy does not undo it. An
 * existing lock is kept as it is (someone already stopped the line, with their own reason).
 */
async function holdEnvironment(actor: CurrentUser, application: string, environment: string, reason: string, correlationId: string): Promise<boolean> {
  const lockReason = `rolled back by ${actor.login}: ${reason}`.slice(0, 500);
  try {
    await db().environmentLock.create({ data: { application, environment, lockedBy: actor.login, reason: lockReason } });
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") return false;
    throw error;
  }
  await recordEvent({
    actor: { type: "user", id: actor.id, login: actor.login },
    action: "env.locked",
    outcome: "succeeded",
    application,
    environment,
    targetType: "environment",
    target: `${application}/${environment}`,
    // Its own correlation id: the rollback's id would make this event count as the rollback's outcome.
    correlationId: randomUUID(),
    payload: { before: null, after: { lockedBy: actor.login, reason: lockReason }, cause: { rollbackCorrelationId: correlationId } },
  });
  return true;
}

/**
 * Rolls back by pointing the ECS service(s) at the latest earlier task-definition revision that ran
 * the chosen release — the seeds' manual rollback — then locks the environment to hold it. On-call's
 * button: allowed in a locked environment, and needs only ECS (not GitHub).
 */
export const rollBack = defineCommand({
  name: "service.rollback",
  input,
  audit: { action: "service.rollback", successAction: "service.rolled_back" },
  authorize: ({ input: given }) => {
    locate(given.application, given.environment, given.service);
    return {
      permission: "service.rollback",
      scope: { application: given.application, environment: given.environment, targetType: "service", target: given.service ?? "all services" },
      lock: "ignore",
    };
  },
  async effect({ actor, input: given, correlationId }) {
    const where = locate(given.application, given.environment, given.service);
    const { region, cluster } = where.env.ecs;
    const client = ecsClient(region);
    // Resolve every target first: nothing changes unless every service can be rolled back.
    const plan = await planRollback(client, cluster, where.services, given.sha).catch((error: unknown) => {
      throw ecsFailure(error);
    });
    const done: string[] = [];
    for (const step of plan) {
      try {
        await client.send(new UpdateServiceCommand({ cluster, service: step.ecsService, taskDefinition: step.target.arn, forceNewDeployment: false }));
        done.push(step.service);
      } catch (error) {
        if (done.length === 0) throw ecsFailure(error);
        // Half-done must never be silent: say exactly which services moved and which did not.
        const rest = plan.filter((candidate) => !done.includes(candidate.service)).map((candidate) => candidate.service);
        throw new ConflictError(`Rolled back ${done.join(", ")}, but ECS refused ${rest.join(", ")} (${(error as Error).name ?? "error"}). Retry to finish, or roll those services back one at a time.`);
      }
    }
    const locked = await holdEnvironment(actor, given.application, given.environment, given.reason, correlationId);
    const services = plan.map(({ service, current, target }) => ({ service, from: current.arn, to: target.arn, fromSha: current.sha, toSha: target.sha }));
    return { result: { services, locked, correlationId }, payload: { reason: given.reason, sha: given.sha, services, locked } };
  },
});
