import { EcsError, invalidParameter, serviceNotFound } from "./errors";
import * as ids from "./ids";
import type { ClusterRecord, ContainerDefinitionRecord, DeploymentRecord, KeyValue, PortMapping, ServiceRecord, TaskDefinitionRecord, TaskRecord } from "./model";
import type { EcsSimulator } from "./simulator";

/**
 * The ECS operations the sandbox speaks, as AWS JSON 1.1: a JSON object in, a JSON object out, shaped
 * like the ECS API reference (timestamps as epoch seconds). Input members the sandbox does not model
 * are ignored, as ECS ignores members it does not know.
 */
export interface OperationContext {
  ecs: EcsSimulator;
  region: string;
  input: Record<string, unknown>;
}

type Operation = (ctx: OperationContext) => unknown;

export const OPERATIONS: Record<string, Operation> = {
  ListClusters: listClusters,
  DescribeClusters: describeClusters,
  ListServices: listServices,
  DescribeServices: describeServices,
  DescribeTaskDefinition: describeTaskDefinition,
  ListTaskDefinitions: listTaskDefinitions,
  RegisterTaskDefinition: registerTaskDefinition,
  ListTasks: listTasks,
  DescribeTasks: describeTasks,
  UpdateService: updateService,
};

// ---- operations ---------------------------------------------------------------------------------

function listClusters({ ecs, region, input }: OperationContext): unknown {
  const arns = [...ecs.region(region).clusters.values()].map((cluster) => cluster.arn).sort();
  return page(arns, input, 100, "clusterArns");
}

function describeClusters({ ecs, region, input }: OperationContext): unknown {
  const wanted = optionalStringArray(input, "clusters") ?? ["default"];
  if (wanted.length > 100) throw invalidParameter("clusters can have at most 100 items.");
  const record = ecs.region(region);
  const clusters: unknown[] = [];
  const failures: unknown[] = [];
  for (const reference of wanted) {
    const cluster = record.clusters.get(ids.nameFromArnOrName(reference, "cluster"));
    if (cluster) clusters.push(clusterShape(cluster));
    else failures.push({ arn: reference.startsWith("arn:") ? reference : ids.clusterArn(region, ecs.accountId, reference), reason: "MISSING" });
  }
  return { clusters, failures };
}

function listServices({ ecs, region, input }: OperationContext): unknown {
  const cluster = ecs.findCluster(region, optionalString(input, "cluster"));
  const launchType = optionalString(input, "launchType");
  const services = [...cluster.services.values()].filter(() => launchType === undefined || launchType === "FARGATE");
  return page(
    services.map((svc) => svc.arn).sort(),
    input,
    10,
    "serviceArns",
  );
}

function describeServices({ ecs, region, input }: OperationContext): unknown {
  const wanted = requiredStringArray(input, "services");
  if (wanted.length === 0) throw invalidParameter("Services cannot be empty.");
  if (wanted.length > 10) throw invalidParameter(`services can have at most 10 items, got ${wanted.length}.`);
  const cluster = ecs.findCluster(region, optionalString(input, "cluster"));
  const include = optionalStringArray(input, "include") ?? [];
  const services: unknown[] = [];
  const failures: unknown[] = [];
  for (const reference of wanted) {
    const svc = cluster.services.get(ids.nameFromArnOrName(reference, "service"));
    if (svc) services.push(serviceShape(ecs, svc, include.includes("TAGS")));
    else failures.push({ arn: reference.startsWith("arn:") ? reference : ids.serviceArn(region, ecs.accountId, cluster.name, reference), reason: "MISSING" });
  }
  return { services, failures };
}

function describeTaskDefinition({ ecs, region, input }: OperationContext): unknown {
  const reference = requiredString(input, "taskDefinition");
  ecs.region(region);
  const definition = ecs.findTaskDefinition(region, reference);
  if (!definition) throw new EcsError("ClientException", "Unable to describe task definition.");
  const include = optionalStringArray(input, "include") ?? [];
  return { taskDefinition: taskDefinitionShape(definition), ...(include.includes("TAGS") ? { tags: [] } : {}) };
}

function listTaskDefinitions({ ecs, region, input }: OperationContext): unknown {
  const prefix = optionalString(input, "familyPrefix");
  const status = optionalString(input, "status") ?? "ACTIVE";
  if (!["ACTIVE", "INACTIVE", "DELETE_IN_PROGRESS"].includes(status)) throw invalidParameter(`Invalid status: ${status}.`);
  const sort = optionalString(input, "sort") ?? "ASC";
  if (sort !== "ASC" && sort !== "DESC") throw invalidParameter(`Invalid sort: ${sort}.`);
  const definitions = [...ecs.region(region).families.entries()]
    .filter(([family]) => prefix === undefined || family === prefix || family.startsWith(prefix))
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .flatMap(([, revisions]) => revisions)
    .filter((definition) => definition.status === status)
    .map((definition) => definition.arn);
  return page(sort === "DESC" ? definitions.reverse() : definitions, input, 100, "taskDefinitionArns");
}

function registerTaskDefinition({ ecs, region, input }: OperationContext): unknown {
  const family = requiredString(input, "family");
  const rawContainers = input.containerDefinitions;
  if (!Array.isArray(rawContainers)) throw invalidParameter("Container definitions are required.");
  const containers = rawContainers.map((raw, index) => containerFromInput(raw, index));
  const definition = ecs.registerTaskDefinition(region, {
    family,
    containers,
    cpu: optionalString(input, "cpu"),
    memory: optionalString(input, "memory"),
    networkMode: optionalString(input, "networkMode"),
    requiresCompatibilities: optionalStringArray(input, "requiresCompatibilities"),
    executionRoleArn: optionalString(input, "executionRoleArn"),
    taskRoleArn: optionalString(input, "taskRoleArn"),
  });
  const tags = Array.isArray(input.tags) ? input.tags : undefined;
  return { taskDefinition: taskDefinitionShape(definition), ...(tags && tags.length > 0 ? { tags } : {}) };
}

function listTasks({ ecs, region, input }: OperationContext): unknown {
  const cluster = ecs.findCluster(region, optionalString(input, "cluster"));
  const serviceName = optionalString(input, "serviceName");
  const desiredStatus = optionalString(input, "desiredStatus") ?? "RUNNING";
  if (!["RUNNING", "PENDING", "STOPPED"].includes(desiredStatus)) throw invalidParameter(`Invalid desiredStatus: ${desiredStatus}.`);
  const family = optionalString(input, "family");
  const startedBy = optionalString(input, "startedBy");
  let services = [...cluster.services.values()];
  if (serviceName !== undefined) {
    const svc = cluster.services.get(ids.nameFromArnOrName(serviceName, "service"));
    if (!svc) throw serviceNotFound();
    services = [svc];
  }
  const tasks = services
    .flatMap((svc) => allTasks(svc))
    .filter((task) => task.desiredStatus === (desiredStatus === "STOPPED" ? "STOPPED" : "RUNNING"))
    .filter((task) => desiredStatus !== "PENDING" || task.lastStatus === "PENDING")
    .filter((task) => family === undefined || task.taskDefinitionArn.includes(`:task-definition/${family}:`))
    .filter((task) => startedBy === undefined || task.deploymentId === startedBy);
  return page(
    tasks.map((task) => task.arn),
    input,
    100,
    "taskArns",
  );
}

function describeTasks({ ecs, region, input }: OperationContext): unknown {
  const wanted = requiredStringArray(input, "tasks");
  if (wanted.length === 0) throw invalidParameter("Tasks cannot be empty.");
  if (wanted.length > 100) throw invalidParameter(`tasks can have at most 100 items, got ${wanted.length}.`);
  const cluster = ecs.findCluster(region, optionalString(input, "cluster"));
  const byId = new Map<string, { svc: ServiceRecord; task: TaskRecord }>();
  for (const svc of cluster.services.values()) for (const task of allTasks(svc)) byId.set(task.id, { svc, task });
  const tasks: unknown[] = [];
  const failures: unknown[] = [];
  for (const reference of wanted) {
    const found = byId.get(ids.nameFromArnOrName(reference, "task"));
    if (found) tasks.push(taskShape(ecs, found.svc, found.task));
    else failures.push({ arn: reference.startsWith("arn:") ? reference : ids.taskArn(region, ecs.accountId, cluster.name, reference), reason: "MISSING" });
  }
  return { tasks, failures };
}

function updateService({ ecs, region, input }: OperationContext): unknown {
  const service = requiredString(input, "service");
  const configuration = input.deploymentConfiguration;
  let breaker: { enable: boolean; rollback: boolean } | undefined;
  if (configuration !== undefined) {
    if (!isObject(configuration)) throw invalidParameter("deploymentConfiguration must be an object.");
    const raw = configuration.deploymentCircuitBreaker;
    if (raw !== undefined) {
      if (!isObject(raw) || typeof raw.enable !== "boolean" || typeof raw.rollback !== "boolean") throw invalidParameter("deploymentCircuitBreaker needs enable and rollback.");
      breaker = { enable: raw.enable, rollback: raw.rollback };
    }
  }
  const desiredCount = input.desiredCount;
  if (desiredCount !== undefined && typeof desiredCount !== "number") throw new EcsError("com.amazon.coral.service#SerializationException", "desiredCount must be a number");
  const forceNewDeployment = input.forceNewDeployment;
  const svc = ecs.updateService(region, {
    cluster: optionalString(input, "cluster"),
    service,
    taskDefinition: optionalString(input, "taskDefinition"),
    desiredCount,
    forceNewDeployment: forceNewDeployment === true,
    deploymentCircuitBreaker: breaker,
  });
  return { service: serviceShape(ecs, svc, false) };
}

// ---- shapes -------------------------------------------------------------------------------------

function clusterShape(cluster: ClusterRecord): unknown {
  const services = [...cluster.services.values()];
  const tasks = services.flatMap((svc) => svc.deployments.flatMap((deployment) => deployment.tasks));
  return {
    clusterArn: cluster.arn,
    clusterName: cluster.name,
    status: "ACTIVE",
    registeredContainerInstancesCount: 0,
    runningTasksCount: tasks.filter((task) => task.lastStatus === "RUNNING").length,
    pendingTasksCount: tasks.filter((task) => task.lastStatus === "PENDING").length,
    activeServicesCount: services.length,
    statistics: [],
    tags: [],
    settings: [{ name: "containerInsights", value: "disabled" }],
    capacityProviders: ["FARGATE", "FARGATE_SPOT"],
    defaultCapacityProviderStrategy: [],
  };
}

function serviceShape(ecs: EcsSimulator, svc: ServiceRecord, withTags: boolean): unknown {
  const sum = (status: TaskRecord["lastStatus"]): number =>
    svc.deployments.reduce((total, deployment) => total + deployment.tasks.filter((task) => task.lastStatus === status).length, 0);
  const network = networkConfiguration(svc);
  const { deploymentCircuitBreaker, maximumPercent, minimumHealthyPercent } = svc.deploymentConfiguration;
  return {
    serviceArn: svc.arn,
    serviceName: svc.name,
    clusterArn: svc.clusterArn,
    loadBalancers: [],
    serviceRegistries: [],
    status: "ACTIVE",
    desiredCount: svc.desiredCount,
    runningCount: sum("RUNNING"),
    pendingCount: sum("PENDING"),
    launchType: "FARGATE",
    platformVersion: "LATEST",
    platformFamily: "Linux",
    taskDefinition: svc.taskDefinitionArn,
    deploymentConfiguration: { deploymentCircuitBreaker: { ...deploymentCircuitBreaker }, maximumPercent, minimumHealthyPercent, strategy: "ROLLING" },
    deployments: svc.deployments.map((deployment) => deploymentShape(deployment, network)),
    events: svc.events.map((event) => ({ id: event.id, createdAt: ids.epochSeconds(event.createdAt), message: event.message })),
    createdAt: ids.epochSeconds(svc.createdAt),
    placementConstraints: [],
    placementStrategy: [],
    networkConfiguration: network,
    healthCheckGracePeriodSeconds: 0,
    schedulingStrategy: "REPLICA",
    deploymentController: { type: "ECS" },
    createdBy: `arn:aws:iam::${ecs.accountId}:role/flightdeck-infra`,
    enableECSManagedTags: true,
    propagateTags: "NONE",
    enableExecuteCommand: false,
    availabilityZoneRebalancing: "ENABLED",
    ...(withTags ? { tags: [] } : {}),
  };
}

function networkConfiguration(svc: ServiceRecord): unknown {
  return { awsvpcConfiguration: { subnets: [...svc.subnets], securityGroups: [...svc.securityGroups], assignPublicIp: "DISABLED" } };
}

function deploymentShape(deployment: DeploymentRecord, network: unknown): unknown {
  const count = (status: TaskRecord["lastStatus"]): number => deployment.tasks.filter((task) => task.lastStatus === status).length;
  return {
    id: deployment.id,
    status: deployment.status,
    taskDefinition: deployment.taskDefinitionArn,
    desiredCount: deployment.desiredCount,
    pendingCount: count("PENDING"),
    runningCount: count("RUNNING"),
    failedTasks: deployment.failedTasks,
    createdAt: ids.epochSeconds(deployment.createdAt),
    updatedAt: ids.epochSeconds(deployment.updatedAt),
    launchType: "FARGATE",
    platformVersion: "1.4.0",
    platformFamily: "Linux",
    networkConfiguration: network,
    rolloutState: deployment.rolloutState,
    rolloutStateReason: deployment.rolloutStateReason,
  };
}

function taskDefinitionShape(definition: TaskDefinitionRecord): unknown {
  return {
    taskDefinitionArn: definition.arn,
    containerDefinitions: definition.containers.map(containerDefinitionShape),
    family: definition.family,
    ...(definition.taskRoleArn !== undefined ? { taskRoleArn: definition.taskRoleArn } : {}),
    ...(definition.executionRoleArn !== undefined ? { executionRoleArn: definition.executionRoleArn } : {}),
    networkMode: definition.networkMode,
    revision: definition.revision,
    volumes: [],
    status: definition.status,
    requiresAttributes: [{ name: "com.amazonaws.ecs.capability.docker-remote-api.1.18" }, { name: "ecs.capability.task-eni" }],
    placementConstraints: [],
    compatibilities: ["EC2", "FARGATE"],
    requiresCompatibilities: [...definition.requiresCompatibilities],
    cpu: definition.cpu,
    memory: definition.memory,
    registeredAt: ids.epochSeconds(definition.registeredAt),
    registeredBy: definition.registeredBy,
  };
}

function containerDefinitionShape(container: ContainerDefinitionRecord): unknown {
  return {
    ...container.extra,
    name: container.name,
    image: container.image,
    ...(container.cpu !== undefined ? { cpu: container.cpu } : { cpu: 0 }),
    ...(container.memory !== undefined ? { memory: container.memory } : {}),
    ...(container.memoryReservation !== undefined ? { memoryReservation: container.memoryReservation } : {}),
    portMappings: container.portMappings.map((port) => ({ ...port })),
    essential: container.essential,
    environment: container.environment.map((pair) => ({ ...pair })),
    mountPoints: [],
    volumesFrom: [],
    systemControls: [],
  };
}

function taskShape(ecs: EcsSimulator, svc: ServiceRecord, task: TaskRecord): unknown {
  const definition = ecs.findTaskDefinition(svc.region, task.taskDefinitionArn);
  const started = task.startedAt !== undefined;
  const pulled = started ? { pullStartedAt: ids.epochSeconds(task.createdAt + 1_000), pullStoppedAt: ids.epochSeconds(Math.max(task.createdAt + 1_000, (task.startedAt ?? 0) - 500)) } : {};
  const containerStatus = task.lastStatus;
  return {
    attachments: [],
    attributes: [{ name: "ecs.cpu-architecture", value: "x86_64" }],
    availabilityZone: task.availabilityZone,
    clusterArn: svc.clusterArn,
    connectivity: task.lastStatus === "STOPPED" ? "DISCONNECTED" : "CONNECTED",
    connectivityAt: ids.epochSeconds(task.createdAt + 500),
    containers: (definition?.containers ?? []).map((container) => ({
      containerArn: ids.containerArn(svc.region, ecs.accountId, svc.clusterName, task.id, container.name),
      taskArn: task.arn,
      name: container.name,
      image: container.image,
      ...(started ? { imageDigest: ecs.digestOf(container.image), runtimeId: `${task.id}-${ids.sha256Hex(`${task.id}:${container.name}`).slice(0, 10)}` } : {}),
      lastStatus: containerStatus,
      ...(task.lastStatus === "STOPPED" && started ? { exitCode: 137, reason: task.stoppedReason } : {}),
      networkInterfaces: [],
      healthStatus: task.healthStatus,
      cpu: String(container.cpu ?? 0),
      ...(container.memory !== undefined ? { memory: String(container.memory) } : {}),
    })),
    cpu: definition?.cpu ?? "256",
    createdAt: ids.epochSeconds(task.createdAt),
    desiredStatus: task.desiredStatus,
    enableExecuteCommand: false,
    group: `service:${svc.name}`,
    healthStatus: task.healthStatus,
    lastStatus: task.lastStatus,
    launchType: "FARGATE",
    memory: definition?.memory ?? "512",
    overrides: { containerOverrides: (definition?.containers ?? []).map((container) => ({ name: container.name })), inferenceAcceleratorOverrides: [] },
    platformVersion: "1.4.0",
    platformFamily: "Linux",
    ...pulled,
    ...(started ? { startedAt: ids.epochSeconds(task.startedAt ?? 0) } : {}),
    startedBy: task.deploymentId,
    ...(task.stopCode !== undefined ? { stopCode: task.stopCode } : {}),
    ...(task.stoppedAt !== undefined ? { stoppedAt: ids.epochSeconds(task.stoppedAt), executionStoppedAt: ids.epochSeconds(task.stoppedAt) } : {}),
    ...(task.stoppedReason !== undefined ? { stoppedReason: task.stoppedReason } : {}),
    ...(task.stoppingAt !== undefined ? { stoppingAt: ids.epochSeconds(task.stoppingAt) } : {}),
    tags: [],
    taskArn: task.arn,
    taskDefinitionArn: task.taskDefinitionArn,
    version: task.version,
    ephemeralStorage: { sizeInGiB: 20 },
  };
}

const allTasks = (svc: ServiceRecord): TaskRecord[] => [...svc.deployments.flatMap((deployment) => deployment.tasks), ...svc.stoppedTasks];

// ---- input helpers ------------------------------------------------------------------------------

function containerFromInput(raw: unknown, index: number): ContainerDefinitionRecord {
  if (!isObject(raw)) throw invalidParameter(`containerDefinitions[${index}] must be an object.`);
  const name = raw.name;
  const image = raw.image;
  if (typeof name !== "string" || name === "") throw clientErrorFor("Container.name should not be null or empty.");
  if (typeof image !== "string" || image === "") throw clientErrorFor("Container.image should not be null or empty.");
  const environment: KeyValue[] = Array.isArray(raw.environment)
    ? raw.environment.filter(isObject).map((pair) => ({ name: String(pair.name ?? ""), value: String(pair.value ?? "") }))
    : [];
  const portMappings: PortMapping[] = Array.isArray(raw.portMappings)
    ? raw.portMappings.filter(isObject).map((port) => ({
        containerPort: Number(port.containerPort),
        hostPort: Number(port.hostPort ?? port.containerPort),
        protocol: port.protocol === "udp" ? "udp" : "tcp",
        ...(typeof port.name === "string" ? { name: port.name } : {}),
        ...(port.appProtocol === "http" || port.appProtocol === "http2" || port.appProtocol === "grpc" ? { appProtocol: port.appProtocol } : {}),
      }))
    : [];
  const extra = Object.fromEntries(Object.entries(raw).filter(([key]) => PASS_THROUGH.has(key)));
  return {
    name,
    image,
    ...(typeof raw.cpu === "number" ? { cpu: raw.cpu } : {}),
    ...(typeof raw.memory === "number" ? { memory: raw.memory } : {}),
    ...(typeof raw.memoryReservation === "number" ? { memoryReservation: raw.memoryReservation } : {}),
    essential: raw.essential !== false,
    environment,
    portMappings,
    extra,
  };
}

/** Container-definition members kept as given (documented ones only, so responses stay in shape). */
const PASS_THROUGH = new Set(["command", "entryPoint", "secrets", "logConfiguration", "healthCheck", "dockerLabels", "workingDirectory", "user", "readonlyRootFilesystem", "stopTimeout", "startTimeout", "ulimits", "dependsOn"]);

const clientErrorFor = (message: string): EcsError => new EcsError("ClientException", message);

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function optionalString(input: Record<string, unknown>, key: string): string | undefined {
  const value = input[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "string") throw new EcsError("com.amazon.coral.service#SerializationException", `${key} must be a string`);
  return value;
}

function requiredString(input: Record<string, unknown>, key: string): string {
  const value = optionalString(input, key);
  if (value === undefined || value === "") throw invalidParameter(`${key} is required.`);
  return value;
}

function optionalStringArray(input: Record<string, unknown>, key: string): string[] | undefined {
  const value = input[key];
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value) || !value.every((item): item is string => typeof item === "string")) {
    throw new EcsError("com.amazon.coral.service#SerializationException", `${key} must be a list of strings`);
  }
  return value;
}

function requiredStringArray(input: Record<string, unknown>, key: string): string[] {
  const value = optionalStringArray(input, key);
  if (value === undefined) throw invalidParameter(`${key} is required.`);
  return value;
}

/** `maxResults` / `nextToken` paging. The token is opaque to callers; here it carries the offset. */
function page<K extends string>(items: string[], input: Record<string, unknown>, defaultSize: number, key: K): Record<K, string[]> & { nextToken?: string } {
  const maxResults = input.maxResults;
  if (maxResults !== undefined && (typeof maxResults !== "number" || !Number.isInteger(maxResults) || maxResults < 1 || maxResults > 100)) {
    throw invalidParameter("maxResults must be between 1 and 100.");
  }
  const size = maxResults ?? defaultSize;
  const token = optionalString(input, "nextToken");
  let offset = 0;
  if (token !== undefined) {
    const decoded = /^o:(\d+)$/.exec(Buffer.from(token, "base64").toString("utf8"));
    if (!decoded) throw invalidParameter("Invalid nextToken.");
    offset = Number(decoded[1]);
  }
  const slice = items.slice(offset, offset + size);
  const next = offset + size < items.length ? Buffer.from(`o:${offset + size}`).toString("base64") : undefined;
  return { [key]: slice, ...(next !== undefined ? { nextToken: next } : {}) } as Record<K, string[]> & { nextToken?: string };
}
