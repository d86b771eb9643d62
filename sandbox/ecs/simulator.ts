import type { Clock } from "../clock";
import { clientError, clusterNotFound, EcsError, invalidParameter, serviceNotFound } from "./errors";
import { EcsFaults } from "./faults";
import * as ids from "./ids";
import type {
  ClusterRecord,
  ContainerDefinitionRecord,
  DeploymentConfigurationRecord,
  DeploymentRecord,
  KeyValue,
  PortMapping,
  RegionRecord,
  RolloutState,
  ServiceRecord,
  TaskDefinitionRecord,
  TaskRecord,
} from "./model";

/**
 * The ECS simulator: clusters, services, task definitions and tasks per region, and rolling
 * deployments that play out on the sandbox's virtual clock.
 *
 * A rollout, one scheduler step (`taskStartMs`, 5 s by default) at a time:
 * - the new PRIMARY deployment launches a task (PENDING); a step later it is RUNNING, one task of the
 *   older deployments stops, and the next task launches — until the PRIMARY runs `desiredCount`;
 * - any older tasks left stop, a step later the older deployments are gone (INACTIVE), the rollout
 *   is COMPLETED and the service "has reached a steady state";
 * - a rollout marked to fail launches tasks that fail their health checks; after
 *   `failureThreshold` failures the circuit breaker marks it FAILED and (rollback on) ECS starts a
 *   new PRIMARY deployment with the last completed task definition.
 *
 * State is brought up to date lazily — every read first replays the scheduler steps that fell due
 * (each at its own due time, so timestamps never depend on when someone looked) — and a clock task
 * per service makes the steps happen on time even when nobody reads (realtime demos, listeners).
 */

export interface SeedContainer {
  name: string;
  image: string;
  /** Overrides the digest derived from the image. */
  imageDigest?: string;
  cpu?: number;
  memory?: number;
  environment?: Record<string, string> | KeyValue[];
  /** Defaults to 8080/tcp on the first container, none on the others. */
  portMappings?: PortMapping[];
  essential?: boolean;
}

export interface SeedHistoryEntry {
  /** One image for a single-container family, or one per container name. */
  image: string | Record<string, string>;
  registeredAt: number;
  deployedAt: number;
}

export interface SeedServiceInput {
  region: string;
  cluster: string;
  service: string;
  family: string;
  containers: SeedContainer[];
  desiredCount: number;
  /** Earlier revisions, oldest first: registered as revisions 1…n before the current one. */
  history?: SeedHistoryEntry[];
  /** When the current revision was registered / deployed; default: now. */
  registeredAt?: number;
  deployedAt?: number;
  /** Task-level cpu/memory (strings, as ECS has them); default: the containers' sums. */
  cpu?: string;
  memory?: string;
}

export interface SeededService {
  serviceArn: string;
  clusterArn: string;
  taskDefinitionArn: string;
  deploymentId: string;
  /** Every registered revision's ARN, oldest first. */
  taskDefinitionArns: string[];
}

export interface DeployImagesInput {
  region: string;
  cluster: string;
  service: string;
  /** Container name → new image; containers not named keep theirs. */
  images: Record<string, string>;
  /** Kept on the deployment and echoed in the rollout-finished event (e.g. a workflow run id). */
  startedBy?: string;
}

export interface FailRolloutInput {
  region?: string;
  cluster?: string;
  service?: string;
}

export type ServiceState = "stable" | "rolling" | "failed";

export interface ServiceStatus {
  region: string;
  cluster: string;
  service: string;
  serviceArn: string;
  /** stable: one deployment, at its desired count. rolling: a rollout (or scaling) in progress. failed: a deployment failed and is still listed (rolling back, or stuck without rollback). */
  state: ServiceState;
  desiredCount: number;
  runningCount: number;
  pendingCount: number;
  /** The PRIMARY deployment's task definition and its images (container name → image). */
  taskDefinitionArn: string;
  images: Record<string, string>;
  /** What the RUNNING tasks actually run, per image. */
  runningImages: Array<{ container: string; image: string; count: number }>;
  deployments: Array<{ id: string; status: string; rolloutState: RolloutState; taskDefinitionArn: string; runningCount: number; failedTasks: number }>;
  lastRollout?: { deploymentId: string; taskDefinitionArn: string; startedAt: number; outcome: RolloutState; finishedAt?: number; reason: string };
}

export interface RolloutFinished {
  region: string;
  cluster: string;
  service: string;
  serviceArn: string;
  deploymentId: string;
  taskDefinitionArn: string;
  images: Record<string, string>;
  outcome: "COMPLETED" | "FAILED";
  reason: string;
  /** Virtual epoch ms. */
  at: number;
  startedBy?: string;
  /** This deployment was ECS's automatic rollback after a failure. */
  rollback: boolean;
  /** On FAILED with circuit-breaker rollback: where ECS is rolling back to. */
  rolledBackTo?: { deploymentId: string; taskDefinitionArn: string };
}

export interface RegisterTaskDefinitionInput {
  family: string;
  containers: ContainerDefinitionRecord[];
  cpu?: string;
  memory?: string;
  networkMode?: string;
  requiresCompatibilities?: string[];
  executionRoleArn?: string;
  taskRoleArn?: string;
  registeredAt?: number;
}

export interface UpdateServiceInput {
  cluster?: string;
  service: string;
  taskDefinition?: string;
  desiredCount?: number;
  forceNewDeployment?: boolean;
  deploymentCircuitBreaker?: { enable: boolean; rollback: boolean };
  startedBy?: string;
}

export interface EcsSimulatorOptions {
  clock: Clock;
  accountId?: string;
  /** One scheduler step: a task goes PENDING → RUNNING in this much virtual time. */
  taskStartMs?: number;
  /** Failed tasks before the circuit breaker trips (ECS: half the desired count, at least 3). */
  failureThreshold?: number;
}

export interface EcsSimulator {
  readonly accountId: string;
  readonly taskStartMs: number;
  readonly faults: EcsFaults;
  seedService(input: SeedServiceInput): SeededService;
  deployImages(input: DeployImagesInput): { taskDefinitionArn: string; deploymentId: string };
  /** The next rollout started on a matching service (any, if nothing given) fails and is rolled back. */
  failNextRollout(input?: FailRolloutInput): FailRolloutInput & { id: number };
  pendingRolloutFailures(): Array<FailRolloutInput & { id: number }>;
  serviceStatus(region: string, cluster: string, service: string): ServiceStatus | undefined;
  /** Every seeded service, for scenarios and health pages. */
  listServices(): Array<{ region: string; cluster: string; service: string }>;
  onRolloutFinished(listener: (event: RolloutFinished) => void): () => void;
  reset(): void;

  // Used by the JSON 1.1 operations (operations.ts). region(), findCluster() and updateService() first replay the scheduler steps that fell due.
  region(region: string): RegionRecord;
  findCluster(region: string, cluster: string | undefined): ClusterRecord;
  findTaskDefinition(region: string, reference: string): TaskDefinitionRecord | undefined;
  registerTaskDefinition(region: string, input: RegisterTaskDefinitionInput): TaskDefinitionRecord;
  updateService(region: string, input: UpdateServiceInput): ServiceRecord;
  digestOf(image: string): string;
}

const DEFAULT_STEP_MS = 5_000;
const MAX_EVENTS = 100;
const MAX_STOPPED_TASKS = 100;
const STOPPED_TASK_RETENTION_MS = 60 * 60 * 1000;
const ZONES = ["a", "b", "c"];

export function createEcsSimulator(options: EcsSimulatorOptions): EcsSimulator {
  const { clock } = options;
  const accountId = options.accountId ?? ids.DEFAULT_ACCOUNT_ID;
  const step = options.taskStartMs ?? DEFAULT_STEP_MS;
  const threshold = options.failureThreshold ?? 3;
  if (!(step > 0)) throw new Error(`taskStartMs must be positive, got ${step}`);

  let regions = new Map<string, RegionRecord>();
  let digests = new Map<string, string>();
  let failures: Array<FailRolloutInput & { id: number }> = [];
  let nextFailureId = 1;
  let seq = 0;
  const listeners = new Set<(event: RolloutFinished) => void>();
  const finishedQueue: RolloutFinished[] = [];
  let flushing = false;
  const faults = new EcsFaults();

  const nextSeed = (...parts: string[]): string => `${parts.join("/")}#${seq++}`;

  function regionRecord(region: string): RegionRecord {
    let record = regions.get(region);
    if (!record) {
      record = { clusters: new Map(), families: new Map() };
      regions.set(region, record);
    }
    return record;
  }

  // ---- scheduling -------------------------------------------------------------------------------

  function settleService(svc: ServiceRecord, now: number): void {
    let guard = 0;
    while (svc.nextAt !== undefined && svc.nextAt <= now) {
      const at = svc.nextAt;
      svc.nextAt = undefined;
      tick(svc, at);
      if (++guard > 100_000) throw new Error(`ECS simulator: service ${svc.name} does not converge`);
    }
    pruneStopped(svc, now);
    arm(svc);
    flushFinished();
  }

  function settleRegion(region: string): void {
    const record = regions.get(region);
    if (!record) return;
    const now = clock.now();
    for (const cluster of record.clusters.values()) for (const svc of cluster.services.values()) settleService(svc, now);
  }

  /** A clock task at the next step, so rollouts advance (and listeners hear of them) without reads. */
  function arm(svc: ServiceRecord): void {
    svc.cancelTick?.();
    svc.cancelTick = undefined;
    const at = svc.nextAt;
    if (at === undefined) return;
    const cancel = clock.schedule(at, () => {
      if (svc.cancelTick !== cancel) return;
      svc.cancelTick = undefined;
      settleService(svc, Math.max(at, clock.now()));
    });
    svc.cancelTick = cancel;
  }

  function flushFinished(): void {
    if (flushing) return;
    flushing = true;
    try {
      for (let event = finishedQueue.shift(); event; event = finishedQueue.shift()) {
        for (const listener of [...listeners]) {
          try {
            listener(event);
          } catch {
            // A listener's failure is its own; the simulation goes on.
          }
        }
      }
    } finally {
      flushing = false;
    }
  }

  // ---- the scheduler ----------------------------------------------------------------------------

  function event(svc: ServiceRecord, at: number, message: string): void {
    svc.events.unshift({ id: ids.uuidFrom(nextSeed(svc.arn, "event")), createdAt: at, message });
    // Same-time events stay in insertion order (newest first) because unshift keeps them stable.
    if (svc.events.length > MAX_EVENTS) svc.events.length = MAX_EVENTS;
  }

  function launch(svc: ServiceRecord, deployment: DeploymentRecord, at: number): TaskRecord {
    const id = ids.taskId(nextSeed(svc.arn, "task"));
    const task: TaskRecord = {
      id,
      arn: ids.taskArn(svc.region, accountId, svc.clusterName, id),
      taskDefinitionArn: deployment.taskDefinitionArn,
      deploymentId: deployment.id,
      createdAt: at,
      lastStatus: "PENDING",
      desiredStatus: "RUNNING",
      healthStatus: "UNKNOWN",
      version: 1,
      availabilityZone: `${svc.region}${ZONES[seq % ZONES.length] ?? "a"}`,
    };
    deployment.tasks.push(task);
    deployment.updatedAt = at;
    event(svc, at, `(service ${svc.name}) has started 1 tasks: (task ${id}).`);
    return task;
  }

  function start(task: TaskRecord, at: number): void {
    task.lastStatus = "RUNNING";
    task.startedAt = at;
    task.healthStatus = "HEALTHY";
    task.version += 1;
  }

  function stop(svc: ServiceRecord, deployment: DeploymentRecord, task: TaskRecord, at: number, reason: string, code: TaskRecord["stopCode"] = "ServiceSchedulerInitiated"): void {
    task.desiredStatus = "STOPPED";
    task.lastStatus = "STOPPED";
    task.stoppingAt = at;
    task.stoppedAt = at;
    task.stoppedReason = reason;
    task.stopCode = code;
    task.version += 1;
    deployment.tasks = deployment.tasks.filter((other) => other !== task);
    deployment.updatedAt = at;
    svc.stoppedTasks.unshift(task);
    if (svc.stoppedTasks.length > MAX_STOPPED_TASKS) svc.stoppedTasks.length = MAX_STOPPED_TASKS;
  }

  function pruneStopped(svc: ServiceRecord, now: number): void {
    svc.stoppedTasks = svc.stoppedTasks.filter((task) => (task.stoppedAt ?? now) > now - STOPPED_TASK_RETENTION_MS);
  }

  const count = (deployment: DeploymentRecord, status: TaskRecord["lastStatus"]): number => deployment.tasks.filter((task) => task.lastStatus === status).length;

  /** One scheduler step of `svc` at virtual time `at`. Sets `svc.nextAt` when there is more to do. */
  function tick(svc: ServiceRecord, at: number): void {
    const primary = svc.deployments[0];
    if (!primary) return;
    const older = svc.deployments.slice(1);

    if (primary.failing && primary.rolloutState === "IN_PROGRESS" && primary.desiredCount > 0) {
      for (const task of primary.tasks.filter((candidate) => candidate.lastStatus === "PENDING")) {
        start(task, task.createdAt + Math.round(step / 2));
        task.healthStatus = "UNHEALTHY";
        stop(svc, primary, task, at, "Task failed container health checks");
        primary.failedTasks += 1;
        event(svc, at, `(service ${svc.name}) (task ${task.id}) failed container health checks.`);
        event(svc, at, `(service ${svc.name}) has stopped 1 running tasks: (task ${task.id}).`);
      }
      if (primary.failedTasks >= threshold) {
        failDeployment(svc, primary, at);
        return;
      }
      launch(svc, primary, at);
      svc.nextAt = at + step;
      return;
    }

    // Pending tasks come up; for each, one task of an older deployment stops.
    let stoppedOlder = false;
    for (const task of primary.tasks.filter((candidate) => candidate.lastStatus === "PENDING")) {
      start(task, at);
      primary.updatedAt = at;
      const victim = [...older].reverse().flatMap((deployment) => deployment.tasks.map((t) => ({ deployment, task: t })))[0];
      if (victim) {
        stop(svc, victim.deployment, victim.task, at, `Scaling activity initiated by (deployment ${primary.id})`);
        event(svc, at, `(service ${svc.name}) has stopped 1 running tasks: (task ${victim.task.id}).`);
        stoppedOlder = true;
      }
    }

    const running = count(primary, "RUNNING");
    const pending = count(primary, "PENDING");
    if (running + pending < primary.desiredCount) {
      launch(svc, primary, at);
      svc.nextAt = at + step;
      return;
    }
    if (running > primary.desiredCount) {
      const extra = primary.tasks.filter((task) => task.lastStatus === "RUNNING").slice(primary.desiredCount);
      for (const task of extra) stop(svc, primary, task, at, "Service scaled in");
      event(svc, at, `(service ${svc.name}) has stopped ${extra.length} running tasks: ${extra.map((task) => `(task ${task.id})`).join(" ")}.`);
      svc.nextAt = at + step;
      return;
    }
    if (pending > 0) {
      svc.nextAt = at + step;
      return;
    }
    const leftovers = older.flatMap((deployment) => deployment.tasks.map((task) => ({ deployment, task })));
    if (leftovers.length > 0) {
      for (const { deployment, task } of leftovers) stop(svc, deployment, task, at, `Scaling activity initiated by (deployment ${primary.id})`);
      event(svc, at, `(service ${svc.name}) has stopped ${leftovers.length} running tasks: ${leftovers.map(({ task }) => `(task ${task.id})`).join(" ")}.`);
      stoppedOlder = true;
    }
    if (stoppedOlder) {
      // Connections drain for a step before the old deployments are retired.
      svc.nextAt = at + step;
      return;
    }

    // Converged.
    for (const deployment of older) {
      deployment.status = "INACTIVE";
      deployment.updatedAt = at;
    }
    svc.deployments = [primary];
    primary.updatedAt = at;
    if (primary.rolloutState === "IN_PROGRESS") {
      primary.rolloutState = "COMPLETED";
      primary.rolloutStateReason = `ECS deployment ${primary.id} completed.`;
      event(svc, at, `(service ${svc.name}) (deployment ${primary.id}) deployment completed.`);
      svc.lastCompleted = { id: primary.id, taskDefinitionArn: primary.taskDefinitionArn };
      if (svc.lastRollout?.deploymentId === primary.id) Object.assign(svc.lastRollout, { outcome: "COMPLETED", finishedAt: at, reason: primary.rolloutStateReason });
      finishedQueue.push(finished(svc, primary, "COMPLETED", at));
    }
    event(svc, at, `(service ${svc.name}) has reached a steady state.`);
  }

  function failDeployment(svc: ServiceRecord, deployment: DeploymentRecord, at: number): void {
    deployment.rolloutState = "FAILED";
    deployment.rolloutStateReason = "ECS deployment circuit breaker: tasks failed to start.";
    deployment.updatedAt = at;
    event(svc, at, `(service ${svc.name}) (deployment ${deployment.id}) deployment failed: tasks failed to start.`);
    const target = svc.deploymentConfiguration.deploymentCircuitBreaker.rollback ? svc.lastCompleted : undefined;
    if (svc.lastRollout?.deploymentId === deployment.id) Object.assign(svc.lastRollout, { outcome: "FAILED", finishedAt: at, reason: deployment.rolloutStateReason });
    finishedQueue.push({ ...finished(svc, deployment, "FAILED", at), ...(target ? { rolledBackTo: { deploymentId: target.id, taskDefinitionArn: target.taskDefinitionArn } } : {}) });
    if (!target) return;
    event(svc, at, `(service ${svc.name}) rolling back to deployment ${target.id}.`);
    const rollback = newDeployment(svc, target.taskDefinitionArn, at, { failing: false, rollbackTo: target.id });
    rollback.rolloutStateReason = `ECS deployment circuit breaker: rolling back to deployment ${target.id}.`;
    svc.taskDefinitionArn = target.taskDefinitionArn;
    tick(svc, at);
  }

  function finished(svc: ServiceRecord, deployment: DeploymentRecord, outcome: "COMPLETED" | "FAILED", at: number): RolloutFinished {
    return {
      region: svc.region,
      cluster: svc.clusterName,
      service: svc.name,
      serviceArn: svc.arn,
      deploymentId: deployment.id,
      taskDefinitionArn: deployment.taskDefinitionArn,
      images: imagesOf(svc.region, deployment.taskDefinitionArn),
      outcome,
      reason: deployment.rolloutStateReason,
      at,
      ...(deployment.startedBy !== undefined ? { startedBy: deployment.startedBy } : {}),
      rollback: deployment.rollbackTo !== undefined,
    };
  }

  /** A new PRIMARY deployment; the previous PRIMARY becomes ACTIVE and its pending tasks are cancelled. */
  function newDeployment(svc: ServiceRecord, taskDefinitionArn: string, at: number, extra: { failing: boolean; rollbackTo?: string; startedBy?: string }): DeploymentRecord {
    const previous = svc.deployments[0];
    if (previous) {
      previous.status = "ACTIVE";
      previous.updatedAt = at;
      for (const task of previous.tasks.filter((candidate) => candidate.lastStatus === "PENDING")) stop(svc, previous, task, at, `Scaling activity initiated by (deployment ${previous.id})`);
    }
    const id = ids.deploymentId(nextSeed(svc.arn, "deployment"));
    const deployment: DeploymentRecord = {
      id,
      status: "PRIMARY",
      taskDefinitionArn,
      desiredCount: svc.desiredCount,
      failedTasks: 0,
      createdAt: at,
      updatedAt: at,
      rolloutState: "IN_PROGRESS",
      rolloutStateReason: `ECS deployment ${id} in progress.`,
      failing: extra.failing,
      ...(extra.rollbackTo !== undefined ? { rollbackTo: extra.rollbackTo } : {}),
      ...(extra.startedBy !== undefined ? { startedBy: extra.startedBy } : {}),
      tasks: [],
    };
    svc.deployments.unshift(deployment);
    return deployment;
  }

  function startRollout(svc: ServiceRecord, taskDefinitionArn: string, startedBy: string | undefined): DeploymentRecord {
    const at = clock.now();
    settleService(svc, at);
    const failing = takeFailure(svc);
    const deployment = newDeployment(svc, taskDefinitionArn, at, { failing, startedBy });
    svc.taskDefinitionArn = taskDefinitionArn;
    svc.lastRollout = { deploymentId: deployment.id, taskDefinitionArn, startedAt: at, outcome: "IN_PROGRESS", reason: deployment.rolloutStateReason };
    svc.nextAt = at;
    settleService(svc, at);
    return deployment;
  }

  function takeFailure(svc: ServiceRecord): boolean {
    const rule = failures.find(
      (candidate) =>
        (candidate.region === undefined || candidate.region === svc.region) &&
        (candidate.cluster === undefined || candidate.cluster === svc.clusterName || candidate.cluster === svc.clusterArn) &&
        (candidate.service === undefined || candidate.service === svc.name || candidate.service === svc.arn),
    );
    if (!rule) return false;
    failures = failures.filter((other) => other !== rule);
    return true;
  }

  // ---- task definitions -------------------------------------------------------------------------

  function register(region: string, input: RegisterTaskDefinitionInput): TaskDefinitionRecord {
    if (!/^[A-Za-z0-9_-]{1,255}$/.test(input.family)) throw invalidParameter("Family contains invalid characters: only letters, numbers, hyphens and underscores are allowed, up to 255.");
    if (input.containers.length === 0) throw clientError("Container list cannot be empty.");
    const names = new Set<string>();
    for (const container of input.containers) {
      if (names.has(container.name)) throw clientError(`Duplicate container name: ${container.name}.`);
      names.add(container.name);
    }
    const record = regionRecord(region);
    const revisions = record.families.get(input.family) ?? [];
    const revision = revisions.length + 1;
    // Fargate needs task-level sizes: the containers' sums, at least the smallest Fargate size.
    const sum = (pick: (c: ContainerDefinitionRecord) => number | undefined, minimum: number): string =>
      String(Math.max(minimum, input.containers.reduce((total, container) => total + (pick(container) ?? 0), 0)));
    const definition: TaskDefinitionRecord = {
      region,
      family: input.family,
      revision,
      arn: ids.taskDefinitionArn(region, accountId, input.family, revision),
      containers: input.containers.map(cloneContainer),
      cpu: input.cpu ?? sum((c) => c.cpu, 256),
      memory: input.memory ?? sum((c) => c.memory ?? c.memoryReservation, 512),
      networkMode: input.networkMode ?? "awsvpc",
      requiresCompatibilities: input.requiresCompatibilities ?? ["FARGATE"],
      executionRoleArn: input.executionRoleArn ?? `arn:aws:iam::${accountId}:role/ecsTaskExecutionRole`,
      ...(input.taskRoleArn !== undefined ? { taskRoleArn: input.taskRoleArn } : {}),
      registeredAt: input.registeredAt ?? clock.now(),
      registeredBy: `arn:aws:sts::${accountId}:assumed-role/flightdeck-deployer/flightdeck`,
      status: "ACTIVE",
    };
    revisions.push(definition);
    record.families.set(input.family, revisions);
    return definition;
  }

  function findTaskDefinition(region: string, reference: string): TaskDefinitionRecord | undefined {
    const record = regions.get(region);
    if (!record) return undefined;
    let family = reference;
    let revision: number | undefined;
    const arn = /^arn:aws[a-z-]*:ecs:([^:]+):(\d{12}):task-definition\/([^:]+):(\d+)$/.exec(reference);
    if (arn) {
      if (arn[1] !== region || arn[2] !== accountId) return undefined;
      family = arn[3] ?? "";
      revision = Number(arn[4]);
    } else {
      const colon = /^([^:]+):(\d+)$/.exec(reference);
      if (colon) {
        family = colon[1] ?? "";
        revision = Number(colon[2]);
      }
    }
    const revisions = record.families.get(family);
    if (!revisions) return undefined;
    if (revision === undefined) return [...revisions].reverse().find((definition) => definition.status === "ACTIVE");
    return revisions[revision - 1];
  }

  function imagesOf(region: string, taskDefinitionArn: string): Record<string, string> {
    const definition = findTaskDefinition(region, taskDefinitionArn);
    return Object.fromEntries((definition?.containers ?? []).map((container) => [container.name, container.image]));
  }

  // ---- lookups ----------------------------------------------------------------------------------

  function findCluster(region: string, cluster: string | undefined): ClusterRecord {
    settleRegion(region);
    const name = ids.nameFromArnOrName(cluster ?? "default", "cluster");
    const record = regions.get(region)?.clusters.get(name);
    if (!record) throw clusterNotFound();
    return record;
  }

  function findService(region: string, cluster: string, service: string): ServiceRecord {
    const record = findCluster(region, cluster).services.get(ids.nameFromArnOrName(service, "service"));
    if (!record) throw serviceNotFound();
    return record;
  }

  // ---- the programmatic API ---------------------------------------------------------------------

  function seedService(input: SeedServiceInput): SeededService {
    const now = clock.now();
    const record = regionRecord(input.region);
    if (input.containers.length === 0) throw new Error("seedService: give at least one container");
    if (!Number.isInteger(input.desiredCount) || input.desiredCount < 0) throw new Error("seedService: desiredCount must be a non-negative integer");
    let cluster = record.clusters.get(input.cluster);
    if (!cluster) {
      cluster = { region: input.region, name: input.cluster, arn: ids.clusterArn(input.region, accountId, input.cluster), services: new Map() };
      record.clusters.set(input.cluster, cluster);
    }
    if (cluster.services.has(input.service)) throw new Error(`seedService: ${input.cluster}/${input.service} already exists in ${input.region}`);
    for (const container of input.containers) if (container.imageDigest) digests.set(container.image, container.imageDigest);

    const base = input.containers.map((container, index) => seedContainer(container, index));
    const imagesFor = (image: string | Record<string, string>): ContainerDefinitionRecord[] =>
      base.map((container, index) => ({
        ...cloneContainer(container),
        image: typeof image === "string" ? (index === 0 ? image : container.image) : (image[container.name] ?? container.image),
      }));

    const rollouts: Array<{ definition: TaskDefinitionRecord; deployedAt: number }> = [];
    for (const entry of input.history ?? []) {
      const definition = register(input.region, { family: input.family, containers: imagesFor(entry.image), cpu: input.cpu, memory: input.memory, registeredAt: entry.registeredAt });
      rollouts.push({ definition, deployedAt: entry.deployedAt });
    }
    const last = rollouts[rollouts.length - 1];
    const sameAsLast = last !== undefined && last.definition.containers.every((container, index) => container.image === base[index]?.image);
    if (!sameAsLast) {
      const definition = register(input.region, { family: input.family, containers: base, cpu: input.cpu, memory: input.memory, registeredAt: input.registeredAt ?? input.deployedAt ?? now });
      rollouts.push({ definition, deployedAt: input.deployedAt ?? now });
    }
    const current = rollouts[rollouts.length - 1];
    if (!current) throw new Error("seedService: nothing registered");

    const arn = ids.serviceArn(input.region, accountId, input.cluster, input.service);
    const svc: ServiceRecord = {
      region: input.region,
      clusterName: input.cluster,
      clusterArn: cluster.arn,
      name: input.service,
      arn,
      createdAt: rollouts[0]?.deployedAt ?? now,
      desiredCount: input.desiredCount,
      taskDefinitionArn: current.definition.arn,
      deploymentConfiguration: defaultDeploymentConfiguration(),
      deployments: [],
      events: [],
      stoppedTasks: [],
      subnets: [`subnet-${ids.sha256Hex(`${arn}:a`).slice(0, 17)}`, `subnet-${ids.sha256Hex(`${arn}:b`).slice(0, 17)}`],
      securityGroups: [`sg-${ids.sha256Hex(`${arn}:sg`).slice(0, 17)}`],
    };
    // The history as ECS would have recorded it: each rollout started its tasks and reached a steady state.
    for (const { definition, deployedAt } of rollouts) {
      const deployment = newDeployment(svc, definition.arn, deployedAt, { failing: false });
      svc.deployments = [deployment];
      const done = deployedAt + (input.desiredCount + 1) * step;
      for (let i = 0; i < input.desiredCount; i++) {
        const task = launch(svc, deployment, deployedAt + i * step);
        start(task, deployedAt + (i + 1) * step);
      }
      deployment.rolloutState = "COMPLETED";
      deployment.rolloutStateReason = `ECS deployment ${deployment.id} completed.`;
      deployment.updatedAt = done;
      event(svc, done, `(service ${svc.name}) (deployment ${deployment.id}) deployment completed.`);
      event(svc, done, `(service ${svc.name}) has reached a steady state.`);
      svc.lastCompleted = { id: deployment.id, taskDefinitionArn: definition.arn };
    }
    svc.events.sort((a, b) => b.createdAt - a.createdAt);
    // Only the current deployment's tasks are still around.
    const primary = svc.deployments[0];
    if (!primary) throw new Error("seedService: no deployment");
    svc.stoppedTasks = [];
    cluster.services.set(input.service, svc);
    return {
      serviceArn: arn,
      clusterArn: cluster.arn,
      taskDefinitionArn: current.definition.arn,
      deploymentId: primary.id,
      taskDefinitionArns: rollouts.map(({ definition }) => definition.arn),
    };
  }

  function seedContainer(container: SeedContainer, index: number): ContainerDefinitionRecord {
    const environment = Array.isArray(container.environment)
      ? container.environment.map(({ name, value }) => ({ name, value }))
      : Object.entries(container.environment ?? {}).map(([name, value]) => ({ name, value }));
    return {
      name: container.name,
      image: container.image,
      ...(container.cpu !== undefined ? { cpu: container.cpu } : {}),
      ...(container.memory !== undefined ? { memory: container.memory } : {}),
      essential: container.essential ?? true,
      environment,
      portMappings: (container.portMappings ?? (index === 0 ? [{ containerPort: 8080 }] : [])).map(normalizePort),
      extra: {},
    };
  }

  function deployImages(input: DeployImagesInput): { taskDefinitionArn: string; deploymentId: string } {
    const svc = findService(input.region, input.cluster, input.service);
    const current = findTaskDefinition(input.region, svc.taskDefinitionArn);
    if (!current) throw new Error(`deployImages: the task definition ${svc.taskDefinitionArn} is gone`);
    for (const name of Object.keys(input.images)) {
      if (!current.containers.some((container) => container.name === name)) {
        throw new Error(`deployImages: ${current.family} has no container "${name}" (has ${current.containers.map((c) => c.name).join(", ")})`);
      }
    }
    const definition = register(input.region, {
      family: current.family,
      containers: current.containers.map((container) => ({ ...cloneContainer(container), image: input.images[container.name] ?? container.image })),
      cpu: current.cpu,
      memory: current.memory,
      networkMode: current.networkMode,
      requiresCompatibilities: current.requiresCompatibilities,
      executionRoleArn: current.executionRoleArn,
      taskRoleArn: current.taskRoleArn,
    });
    const deployment = startRollout(svc, definition.arn, input.startedBy);
    return { taskDefinitionArn: definition.arn, deploymentId: deployment.id };
  }

  function updateService(region: string, input: UpdateServiceInput): ServiceRecord {
    const svc = findService(region, input.cluster ?? "default", input.service);
    if (input.desiredCount !== undefined && (!Number.isInteger(input.desiredCount) || input.desiredCount < 0)) {
      throw invalidParameter("desiredCount must be a non-negative integer.");
    }
    let definition: TaskDefinitionRecord | undefined;
    if (input.taskDefinition !== undefined) {
      definition = findTaskDefinition(region, input.taskDefinition);
      if (!definition || definition.status !== "ACTIVE") throw clientError("TaskDefinition not found.");
    }
    if (input.deploymentCircuitBreaker) svc.deploymentConfiguration.deploymentCircuitBreaker = { ...input.deploymentCircuitBreaker };
    if (input.desiredCount !== undefined) {
      svc.desiredCount = input.desiredCount;
      const primary = svc.deployments[0];
      if (primary) primary.desiredCount = input.desiredCount;
    }
    const changesTaskDefinition = definition !== undefined && definition.arn !== svc.taskDefinitionArn;
    if (changesTaskDefinition || input.forceNewDeployment) {
      startRollout(svc, definition?.arn ?? svc.taskDefinitionArn, input.startedBy);
    } else if (input.desiredCount !== undefined && svc.nextAt === undefined) {
      // Scaling only: the scheduler starts or stops tasks from now on.
      svc.nextAt = clock.now();
      settleService(svc, clock.now());
    }
    return svc;
  }

  function serviceStatus(region: string, cluster: string, service: string): ServiceStatus | undefined {
    let svc: ServiceRecord;
    try {
      svc = findService(region, cluster, service);
    } catch (error) {
      if (error instanceof EcsError) return undefined;
      throw error;
    }
    const primary = svc.deployments[0];
    const running = svc.deployments.flatMap((deployment) => deployment.tasks.filter((task) => task.lastStatus === "RUNNING"));
    const runningImages = new Map<string, { container: string; image: string; count: number }>();
    for (const task of running) {
      for (const [container, image] of Object.entries(imagesOf(region, task.taskDefinitionArn))) {
        const key = `${container}\n${image}`;
        const entry = runningImages.get(key) ?? { container, image, count: 0 };
        entry.count += 1;
        runningImages.set(key, entry);
      }
    }
    const failed = svc.deployments.some((deployment) => deployment.rolloutState === "FAILED");
    const state: ServiceState = failed ? "failed" : svc.nextAt !== undefined || svc.deployments.length > 1 ? "rolling" : "stable";
    return {
      region,
      cluster: svc.clusterName,
      service: svc.name,
      serviceArn: svc.arn,
      state,
      desiredCount: svc.desiredCount,
      runningCount: running.length,
      pendingCount: svc.deployments.reduce((total, deployment) => total + count(deployment, "PENDING"), 0),
      taskDefinitionArn: primary?.taskDefinitionArn ?? svc.taskDefinitionArn,
      images: imagesOf(region, primary?.taskDefinitionArn ?? svc.taskDefinitionArn),
      runningImages: [...runningImages.values()],
      deployments: svc.deployments.map((deployment) => ({
        id: deployment.id,
        status: deployment.status,
        rolloutState: deployment.rolloutState,
        taskDefinitionArn: deployment.taskDefinitionArn,
        runningCount: count(deployment, "RUNNING"),
        failedTasks: deployment.failedTasks,
      })),
      ...(svc.lastRollout ? { lastRollout: { ...svc.lastRollout } } : {}),
    };
  }

  return {
    accountId,
    taskStartMs: step,
    faults,
    seedService,
    deployImages,
    failNextRollout(input = {}) {
      const rule = { id: nextFailureId++, ...stripUndefined(input) };
      failures.push(rule);
      return { ...rule };
    },
    pendingRolloutFailures: () => failures.map((rule) => ({ ...rule })),
    serviceStatus,
    listServices() {
      const now = clock.now();
      return [...regions.entries()].flatMap(([region, record]) =>
        [...record.clusters.values()].flatMap((cluster) =>
          [...cluster.services.values()].map((svc) => {
            settleService(svc, now);
            return { region, cluster: cluster.name, service: svc.name };
          }),
        ),
      );
    },
    onRolloutFinished(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    reset() {
      for (const record of regions.values()) for (const cluster of record.clusters.values()) for (const svc of cluster.services.values()) svc.cancelTick?.();
      regions = new Map();
      digests = new Map();
      failures = [];
      finishedQueue.length = 0;
      faults.clear();
      seq = 0;
    },
    region(region) {
      settleRegion(region);
      return regionRecord(region);
    },
    findCluster,
    findTaskDefinition(region, reference) {
      return findTaskDefinition(region, reference);
    },
    registerTaskDefinition: register,
    updateService,
    digestOf: (image) => digests.get(image) ?? ids.imageDigest(image),
  };
}

function defaultDeploymentConfiguration(): DeploymentConfigurationRecord {
  return { deploymentCircuitBreaker: { enable: true, rollback: true }, maximumPercent: 200, minimumHealthyPercent: 100 };
}

function normalizePort(port: PortMapping): PortMapping {
  return { containerPort: port.containerPort, hostPort: port.hostPort ?? port.containerPort, protocol: port.protocol ?? "tcp", ...(port.name ? { name: port.name } : {}), ...(port.appProtocol ? { appProtocol: port.appProtocol } : {}) };
}

function cloneContainer(container: ContainerDefinitionRecord): ContainerDefinitionRecord {
  return {
    ...container,
    environment: container.environment.map((pair) => ({ ...pair })),
    portMappings: container.portMappings.map((port) => normalizePort(port)),
    extra: structuredClone(container.extra),
  };
}

function stripUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

export type { RolloutState };
