import "server-only";
import { DescribeServicesCommand, DescribeTaskDefinitionCommand, UpdateServiceCommand } from "@aws-sdk/client-ecs";
import { z } from "zod";
import { defineCommand } from "@/lib/commands/define-command";
import { findEnvironment } from "@/lib/config";
import { ecsClient, isThrottling } from "@/lib/ecs/client";
import { ConflictError, InvalidInputError, NotFoundError, RateLimitedError, UpstreamUnavailableError } from "@/lib/errors";

const input = z.object({
  application: z.string().min(1),
  environment: z.string().min(1),
  /** Our service key (backend, worker…); every service of the environment when omitted. */
  service: z.string().min(1).optional(),
  /** The revision to go back to, e.g. 41 (same task-definition family as now). */
  revision: z.coerce.number().int().positive("Choose the release to roll back to."),
  reason: z.string().trim().min(3, "Say why you roll back (it goes into the audit trail).").max(500),
});

function locate(application: string, environment: string, service: string | undefined) {
  const found = findEnvironment(application, environment);
  if (!found) throw new NotFoundError(`There is no environment ${application}/${environment}.`);
  const services = Object.entries(found.env.ecs.services).filter(([key]) => !service || key === service);
  if (services.length === 0) throw new NotFoundError(`${environment} has no service ${service}.`);
  return { ...found, services };
}

function ecsFailure(error: unknown): unknown {
  if (isThrottling(error)) return new RateLimitedError("ECS", null);
  const name = (error as { name?: string }).name ?? "";
  if (/ServiceNotFound|ServiceNotActive|ClusterNotFound/.test(name)) return new ConflictError("ECS no longer has this service as configured; check the cluster and service names.");
  if (/ClientException|InvalidParameter/.test(name)) return new ConflictError("ECS refused the change; the release may no longer be registered.");
  return new UpstreamUnavailableError("ECS");
}

/**
 * Rolls back by pointing the ECS service(s) at an earlier task-definition revision of the same
 * family — the seeds' manual rollback. On-call's button: allowed in a locked environment.
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
  async effect({ input: given, correlationId }) {
    const where = locate(given.application, given.environment, given.service);
    const { region, cluster } = where.env.ecs;
    const client = ecsClient(region);
    const names = where.services.map(([, name]) => name);
    const described = await client.send(new DescribeServicesCommand({ cluster, services: names })).catch((error: unknown) => {
      throw ecsFailure(error);
    });
    // Resolve every target first: nothing changes unless every service can be rolled back.
    const plan = await Promise.all(
      where.services.map(async ([key, name]) => {
        const current = described.services?.find((service) => service.serviceName === name)?.taskDefinition;
        if (!current) throw new ConflictError(`ECS does not report service ${name}.`);
        const family = current.split("/").pop()?.split(":")[0] ?? "";
        const currentRevision = Number(current.split(":").pop());
        if (given.revision === currentRevision) throw new InvalidInputError({ revision: [`${key} already runs revision ${given.revision}.`] });
        const target = await client.send(new DescribeTaskDefinitionCommand({ taskDefinition: `${family}:${given.revision}` })).catch(() => null);
        if (!target?.taskDefinition?.taskDefinitionArn) throw new InvalidInputError({ revision: [`${family} has no revision ${given.revision}.`] });
        return { key, name, from: current, to: target.taskDefinition.taskDefinitionArn };
      }),
    );
    for (const step of plan) {
      await client
        .send(new UpdateServiceCommand({ cluster, service: step.name, taskDefinition: step.to, forceNewDeployment: false }))
        .catch((error: unknown) => {
          throw ecsFailure(error);
        });
    }
    const services = plan.map(({ key, from, to }) => ({ service: key, from, to }));
    return { result: { services, correlationId }, payload: { reason: given.reason, revision: given.revision, services } };
  },
});
