import "server-only";
import {
  DescribeServicesCommand,
  DescribeTaskDefinitionCommand,
  ListTaskDefinitionsCommand,
  type ECSClient,
  type Service,
} from "@aws-sdk/client-ecs";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { ContainerInfo } from "./running-release";
import { chunk, type CachedTaskDefinition } from "./summarize";

// ECS reads the refresher needs. DescribeServices takes at most 10 services per call (an ECS limit);
// task definitions never change once registered, so each revision is fetched once and kept in Postgres.

export const DESCRIBE_SERVICES_BATCH = 10;

/** ECS service name → its description, or null when ECS reports it missing. */
export async function describeServices(client: ECSClient, cluster: string, names: readonly string[]): Promise<Map<string, Service | null>> {
  const result = new Map<string, Service | null>();
  for (const batch of chunk([...new Set(names)], DESCRIBE_SERVICES_BATCH)) {
    const answer = await client.send(new DescribeServicesCommand({ cluster, services: batch }));
    for (const service of answer.services ?? []) if (service.serviceName) result.set(service.serviceName, service);
    for (const name of batch) if (!result.has(name)) result.set(name, null);
  }
  return result;
}

function toCached(arn: string, region: string, definition: { family?: string; revision?: number; containerDefinitions?: { name?: string; image?: string; essential?: boolean; environment?: { name?: string; value?: string }[] }[] }): CachedTaskDefinition {
  const containers: (ContainerInfo & { essential?: boolean })[] = (definition.containerDefinitions ?? []).map((container) => ({
    name: container.name ?? "",
    image: container.image ?? "",
    essential: container.essential,
    environment: (container.environment ?? []).map((entry) => ({ name: entry.name, value: entry.value })),
  }));
  return { arn, region, family: definition.family ?? "", revision: definition.revision ?? 0, containers };
}

// In front of the Postgres cache, one in memory per database: a steady refresher pass then reads no
// task definition at all. Bounded; the oldest entry goes first (a Map iterates in insertion order).
const MEMORY_CACHE_ENTRIES = 2_000;
const memory = new WeakMap<PrismaClient, Map<string, CachedTaskDefinition>>();

function remember(prisma: PrismaClient, value: CachedTaskDefinition): CachedTaskDefinition {
  let entries = memory.get(prisma);
  if (!entries) memory.set(prisma, (entries = new Map()));
  entries.set(value.arn, value);
  if (entries.size > MEMORY_CACHE_ENTRIES) entries.delete(entries.keys().next().value!);
  return value;
}

/** A task definition by ARN: from memory, else the Postgres cache, else ECS (then cached for ever). */
export async function getTaskDefinition(prisma: PrismaClient, client: ECSClient, region: string, arn: string): Promise<CachedTaskDefinition> {
  const known = memory.get(prisma)?.get(arn);
  if (known) return known;
  const cached = await prisma.taskDefinitionCache.findUnique({ where: { arn } });
  if (cached) {
    const containers = cached.containers as unknown as CachedTaskDefinition["containers"];
    return remember(prisma, { arn, region, family: cached.family, revision: cached.revision, containers, registeredAt: cached.registeredAt });
  }
  const answer = await client.send(new DescribeTaskDefinitionCommand({ taskDefinition: arn }));
  const definition = answer.taskDefinition;
  if (!definition) throw new Error(`ECS returned no task definition for ${arn}`);
  const value = { ...toCached(arn, region, definition), registeredAt: definition.registeredAt ?? null };
  await prisma.taskDefinitionCache.upsert({
    where: { arn },
    create: { arn, region, family: value.family, revision: value.revision, containers: value.containers as object[], registeredAt: value.registeredAt },
    update: {},
  });
  return remember(prisma, value);
}

/** ARNs of the family's revisions, newest first (at most `limit`): the seed of deployment history. */
export async function listRecentRevisions(client: ECSClient, family: string, limit: number): Promise<string[]> {
  const answer = await client.send(new ListTaskDefinitionsCommand({ familyPrefix: family, sort: "DESC", maxResults: limit }));
  // familyPrefix is a prefix: wumbo-backend would also match wumbo-backend-canary.
  return (answer.taskDefinitionArns ?? []).filter((arn) => arn.split("/").pop()?.split(":")[0] === family);
}
