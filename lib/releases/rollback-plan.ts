import {
  DescribeServicesCommand,
  DescribeTaskDefinitionCommand,
  ListTaskDefinitionsCommand,
  type ECSClient,
  type TaskDefinition,
} from "@aws-sdk/client-ecs";
import { runningRelease } from "@/lib/ecs/running-release";
import { ConflictError, InvalidInputError } from "@/lib/errors";

// What a rollback will do, resolved from ECS alone (so it works while GitHub is down and does not
// depend on how fresh the read model is): for each service, the task definition it runs now and the
// most recent earlier revision of its family that ran the chosen release (git SHA).

/** How far back a family's revisions are searched for the chosen release. */
export const SEARCH_REVISIONS = 50;

export interface TaskDefinitionFacts {
  arn: string;
  revision: number;
  sha: string | null;
  /** The essential container's image (the one the SHA is read from). */
  image: string | null;
  /** Environment variables of every container, "container.NAME" → value (values never leave the server). */
  environment: Map<string, string>;
  cpu: string | null;
  memory: string | null;
}

export interface ServicePlan {
  service: string;
  ecsService: string;
  current: TaskDefinitionFacts;
  target: TaskDefinitionFacts;
}

/** What changes between two task definitions, safe to show: variable names, never values. */
export interface TaskDefinitionDiff {
  image: { from: string | null; to: string | null } | null;
  cpu: { from: string | null; to: string | null } | null;
  memory: { from: string | null; to: string | null } | null;
  variablesAdded: string[];
  variablesRemoved: string[];
  variablesChanged: string[];
}

export function factsOf(definition: TaskDefinition): TaskDefinitionFacts {
  const containers = (definition.containerDefinitions ?? []).map((container) => ({
    name: container.name ?? "",
    image: container.image ?? "",
    essential: container.essential,
    environment: (container.environment ?? []).map((entry) => ({ name: entry.name, value: entry.value })),
  }));
  const release = runningRelease(containers);
  const environment = new Map<string, string>();
  for (const container of containers) for (const entry of container.environment) if (entry.name) environment.set(`${container.name}.${entry.name}`, entry.value ?? "");
  return {
    arn: definition.taskDefinitionArn ?? "",
    revision: definition.revision ?? 0,
    sha: release.kind === "sha" ? release.sha : null,
    image: release.image || null,
    environment,
    cpu: definition.cpu ?? null,
    memory: definition.memory ?? null,
  };
}

function change(from: string | null, to: string | null) {
  return from === to ? null : { from, to };
}

/** Pure: what rolling from `current` to `target` changes. */
export function diffTaskDefinitions(current: TaskDefinitionFacts, target: TaskDefinitionFacts): TaskDefinitionDiff {
  const names = new Set([...current.environment.keys(), ...target.environment.keys()]);
  const added: string[] = [];
  const removed: string[] = [];
  const changed: string[] = [];
  for (const name of [...names].sort()) {
    const before = current.environment.get(name);
    const after = target.environment.get(name);
    if (before === undefined) added.push(name);
    else if (after === undefined) removed.push(name);
    else if (before !== after) changed.push(name);
  }
  return {
    image: change(current.image, target.image),
    cpu: change(current.cpu, target.cpu),
    memory: change(current.memory, target.memory),
    variablesAdded: added,
    variablesRemoved: removed,
    variablesChanged: changed,
  };
}

async function describe(client: ECSClient, taskDefinition: string): Promise<TaskDefinition | null> {
  const answer = await client.send(new DescribeTaskDefinitionCommand({ taskDefinition })).catch((error: unknown) => {
    if (/ClientException|InvalidParameter/.test((error as { name?: string }).name ?? "")) return null;
    throw error;
  });
  return answer?.taskDefinition ?? null;
}

/** The most recent revision of `family` older than `below` whose release is `sha`, or null. */
async function findRevisionRunning(client: ECSClient, family: string, below: number, sha: string): Promise<TaskDefinition | null> {
  const listed = await client.send(new ListTaskDefinitionsCommand({ familyPrefix: family, sort: "DESC", maxResults: SEARCH_REVISIONS }));
  for (const arn of listed.taskDefinitionArns ?? []) {
    const revision = Number(arn.split(":").pop());
    if (!(revision < below) || !arn.includes(`/${family}:`)) continue;
    const definition = await describe(client, arn);
    const facts = definition ? factsOf(definition) : null;
    if (facts?.sha && (facts.sha === sha || facts.sha.startsWith(sha) || sha.startsWith(facts.sha))) return definition;
  }
  return null;
}

/**
 * Resolves the rollback of `services` (our key → ECS service name) to the release `sha`. Services
 * that already run it are left out; if that leaves nothing, or a service never ran it, nothing happens
 * and the error says which. ECS errors propagate (the caller maps them to messages).
 */
export async function planRollback(client: ECSClient, cluster: string, services: readonly [string, string][], sha: string): Promise<ServicePlan[]> {
  const short = sha.slice(0, 7);
  const described = await client.send(new DescribeServicesCommand({ cluster, services: services.map(([, name]) => name) }));
  const plans: ServicePlan[] = [];
  const missing: string[] = [];
  for (const [key, name] of services) {
    const arn = described.services?.find((service) => service.serviceName === name)?.taskDefinition;
    if (!arn) throw new ConflictError(`ECS does not report service ${name} in ${cluster}.`);
    const current = await describe(client, arn);
    if (!current) throw new ConflictError(`ECS no longer describes ${arn}.`);
    const currentFacts = factsOf(current);
    if (currentFacts.sha && (currentFacts.sha.startsWith(sha) || sha.startsWith(currentFacts.sha))) continue;
    const target = await findRevisionRunning(client, current.family ?? "", currentFacts.revision, sha);
    if (!target) {
      missing.push(key);
      continue;
    }
    plans.push({ service: key, ecsService: name, current: currentFacts, target: factsOf(target) });
  }
  if (missing.length > 0) {
    throw new InvalidInputError({ sha: [`${missing.join(", ")} never ran ${short} in the last ${SEARCH_REVISIONS} revisions; roll back services one at a time.`] });
  }
  if (plans.length === 0) throw new InvalidInputError({ sha: [`Already running ${short}: there is nothing to roll back.`] });
  return plans;
}
