import { z } from "zod";

/**
 * Strict schemas of the ECS responses the sandbox sends, written from the Amazon ECS API Reference
 * (Data Types and each action's "Response Elements"). Every object is strict — a member the reference
 * does not document fails the check — and members the sandbox always sends are required, with their
 * documented types and enum values. Documented members the sandbox never sends are allowed (optional,
 * loosely typed) so the schemas describe ECS rather than the sandbox.
 *
 * The SDK deserializer accepts almost anything, so the wire tests check raw bodies against these.
 */

const epochSeconds = z.number().positive();
const arn = (resource: string): z.ZodString => z.string().regex(new RegExp(`^arn:aws:ecs:[a-z0-9-]+:\\d{12}:${resource}/`));
const optionalUnknown = z.unknown().optional();

export const KeyValuePair = z.strictObject({ name: z.string(), value: z.string() });
export const Tag = z.strictObject({ key: z.string(), value: z.string() });
export const Failure = z.strictObject({ arn: z.string(), reason: z.string(), detail: z.string().optional() });

export const Cluster = z.strictObject({
  clusterArn: arn("cluster"),
  clusterName: z.string(),
  configuration: optionalUnknown,
  status: z.enum(["ACTIVE", "PROVISIONING", "DEPROVISIONING", "FAILED", "INACTIVE"]),
  registeredContainerInstancesCount: z.number().int(),
  runningTasksCount: z.number().int(),
  pendingTasksCount: z.number().int(),
  activeServicesCount: z.number().int(),
  statistics: z.array(KeyValuePair),
  tags: z.array(Tag),
  settings: z.array(z.strictObject({ name: z.literal("containerInsights"), value: z.enum(["enhanced", "enabled", "disabled"]) })),
  capacityProviders: z.array(z.string()),
  defaultCapacityProviderStrategy: z.array(z.strictObject({ capacityProvider: z.string(), weight: z.number().optional(), base: z.number().optional() })),
  attachments: optionalUnknown,
  attachmentsStatus: optionalUnknown,
  serviceConnectDefaults: optionalUnknown,
});

const AwsVpcConfiguration = z.strictObject({ subnets: z.array(z.string()), securityGroups: z.array(z.string()).optional(), assignPublicIp: z.enum(["ENABLED", "DISABLED"]).optional() });
export const NetworkConfiguration = z.strictObject({ awsvpcConfiguration: AwsVpcConfiguration.optional() });

export const Deployment = z.strictObject({
  id: z.string().regex(/^ecs-svc\/\d{19}$/),
  status: z.enum(["PRIMARY", "ACTIVE", "INACTIVE"]),
  taskDefinition: arn("task-definition"),
  desiredCount: z.number().int().min(0),
  pendingCount: z.number().int().min(0),
  runningCount: z.number().int().min(0),
  failedTasks: z.number().int().min(0),
  createdAt: epochSeconds,
  updatedAt: epochSeconds,
  capacityProviderStrategy: optionalUnknown,
  launchType: z.enum(["EC2", "FARGATE", "EXTERNAL", "MANAGED_INSTANCES"]),
  platformVersion: z.string().optional(),
  platformFamily: z.string().optional(),
  networkConfiguration: NetworkConfiguration.optional(),
  rolloutState: z.enum(["COMPLETED", "FAILED", "IN_PROGRESS"]),
  rolloutStateReason: z.string(),
  serviceConnectConfiguration: optionalUnknown,
  serviceConnectResources: optionalUnknown,
  volumeConfigurations: optionalUnknown,
  fargateEphemeralStorage: optionalUnknown,
  vpcLatticeConfigurations: optionalUnknown,
});

export const ServiceEvent = z.strictObject({ id: z.string().uuid(), createdAt: epochSeconds, message: z.string().regex(/^\(service [^)]+\) /) });

export const DeploymentConfiguration = z.strictObject({
  deploymentCircuitBreaker: z.strictObject({ enable: z.boolean(), rollback: z.boolean(), resetOnHealthyTask: z.boolean().optional(), thresholdConfiguration: optionalUnknown }).optional(),
  maximumPercent: z.number().int().optional(),
  minimumHealthyPercent: z.number().int().optional(),
  alarms: optionalUnknown,
  strategy: z.enum(["ROLLING", "BLUE_GREEN", "LINEAR", "CANARY"]).optional(),
  bakeTimeInMinutes: optionalUnknown,
  lifecycleHooks: optionalUnknown,
  linearConfiguration: optionalUnknown,
  canaryConfiguration: optionalUnknown,
  earlySuccessCriteria: optionalUnknown,
});

export const Service = z.strictObject({
  serviceArn: arn("service"),
  serviceName: z.string(),
  clusterArn: arn("cluster"),
  loadBalancers: z.array(z.unknown()),
  serviceRegistries: z.array(z.unknown()),
  status: z.enum(["ACTIVE", "DRAINING", "INACTIVE"]),
  desiredCount: z.number().int().min(0),
  runningCount: z.number().int().min(0),
  pendingCount: z.number().int().min(0),
  launchType: z.enum(["EC2", "FARGATE", "EXTERNAL", "MANAGED_INSTANCES"]).optional(),
  capacityProviderStrategy: optionalUnknown,
  platformVersion: z.string().optional(),
  platformFamily: z.string().optional(),
  taskDefinition: arn("task-definition"),
  deploymentConfiguration: DeploymentConfiguration,
  taskSets: optionalUnknown,
  deployments: z.array(Deployment).min(1),
  roleArn: z.string().optional(),
  events: z.array(ServiceEvent).max(100),
  createdAt: epochSeconds,
  currentServiceDeployment: z.string().optional(),
  currentServiceRevisions: optionalUnknown,
  placementConstraints: z.array(z.unknown()),
  placementStrategy: z.array(z.unknown()),
  networkConfiguration: NetworkConfiguration.optional(),
  healthCheckGracePeriodSeconds: z.number().int().optional(),
  schedulingStrategy: z.enum(["REPLICA", "DAEMON"]),
  deploymentController: z.strictObject({ type: z.enum(["ECS", "CODE_DEPLOY", "EXTERNAL"]) }).optional(),
  tags: z.array(Tag).optional(),
  createdBy: z.string().optional(),
  enableECSManagedTags: z.boolean().optional(),
  propagateTags: z.enum(["TASK_DEFINITION", "SERVICE", "NONE"]).optional(),
  enableExecuteCommand: z.boolean().optional(),
  availabilityZoneRebalancing: z.enum(["ENABLED", "DISABLED"]).optional(),
  resourceManagementType: optionalUnknown,
});

export const PortMapping = z.strictObject({
  containerPort: z.number().int(),
  hostPort: z.number().int().optional(),
  protocol: z.enum(["tcp", "udp"]).optional(),
  name: z.string().optional(),
  appProtocol: z.enum(["http", "http2", "grpc"]).optional(),
  containerPortRange: z.string().optional(),
});

const CONTAINER_DEFINITION_EXTRAS = [
  "repositoryCredentials",
  "links",
  "restartPolicy",
  "entryPoint",
  "command",
  "environmentFiles",
  "linuxParameters",
  "secrets",
  "dependsOn",
  "startTimeout",
  "stopTimeout",
  "versionConsistency",
  "hostname",
  "user",
  "workingDirectory",
  "disableNetworking",
  "privileged",
  "readonlyRootFilesystem",
  "dnsServers",
  "dnsSearchDomains",
  "extraHosts",
  "dockerSecurityOptions",
  "interactive",
  "pseudoTerminal",
  "dockerLabels",
  "ulimits",
  "logConfiguration",
  "healthCheck",
  "resourceRequirements",
  "firelensConfiguration",
  "credentialSpecs",
] as const;

export const ContainerDefinition = z.strictObject({
  name: z.string().min(1),
  image: z.string().min(1),
  cpu: z.number().int().min(0),
  memory: z.number().int().optional(),
  memoryReservation: z.number().int().optional(),
  portMappings: z.array(PortMapping),
  essential: z.boolean(),
  environment: z.array(KeyValuePair),
  mountPoints: z.array(z.unknown()),
  volumesFrom: z.array(z.unknown()),
  systemControls: z.array(z.unknown()),
  ...Object.fromEntries(CONTAINER_DEFINITION_EXTRAS.map((key) => [key, optionalUnknown])),
});

export const TaskDefinition = z.strictObject({
  taskDefinitionArn: arn("task-definition").regex(/:\d+$/),
  containerDefinitions: z.array(ContainerDefinition).min(1),
  family: z.string(),
  taskRoleArn: z.string().optional(),
  executionRoleArn: z.string().optional(),
  networkMode: z.enum(["bridge", "host", "awsvpc", "none"]),
  revision: z.number().int().min(1),
  volumes: z.array(z.unknown()),
  status: z.enum(["ACTIVE", "INACTIVE", "DELETE_IN_PROGRESS"]),
  requiresAttributes: z.array(z.strictObject({ name: z.string(), value: z.string().optional(), targetType: z.string().optional(), targetId: z.string().optional() })).optional(),
  placementConstraints: z.array(z.unknown()),
  compatibilities: z.array(z.enum(["EC2", "FARGATE", "EXTERNAL", "MANAGED_INSTANCES"])),
  runtimePlatform: optionalUnknown,
  requiresCompatibilities: z.array(z.enum(["EC2", "FARGATE", "EXTERNAL", "MANAGED_INSTANCES"])),
  // Task-level cpu and memory are strings in ECS (they also accept "1 vCPU" / "2 GB" forms).
  cpu: z.string(),
  memory: z.string(),
  inferenceAccelerators: optionalUnknown,
  pidMode: optionalUnknown,
  ipcMode: optionalUnknown,
  proxyConfiguration: optionalUnknown,
  registeredAt: epochSeconds,
  deregisteredAt: epochSeconds.optional(),
  deleteRequestedAt: epochSeconds.optional(),
  registeredBy: z.string().optional(),
  ephemeralStorage: optionalUnknown,
  enableFaultInjection: z.boolean().optional(),
});

export const Container = z.strictObject({
  containerArn: z.string().regex(/^arn:aws:ecs:[a-z0-9-]+:\d{12}:container\//),
  taskArn: arn("task"),
  name: z.string(),
  image: z.string(),
  imageDigest: z.string().regex(/^sha256:[0-9a-f]{64}$/).optional(),
  runtimeId: z.string().optional(),
  lastStatus: z.string(),
  exitCode: z.number().int().optional(),
  reason: z.string().optional(),
  networkBindings: z.array(z.unknown()).optional(),
  networkInterfaces: z.array(z.unknown()).optional(),
  healthStatus: z.enum(["HEALTHY", "UNHEALTHY", "UNKNOWN"]).optional(),
  managedAgents: optionalUnknown,
  cpu: z.string().optional(),
  memory: z.string().optional(),
  memoryReservation: z.string().optional(),
  gpuIds: optionalUnknown,
  neuronDeviceIds: optionalUnknown,
  gpuSharingStrategy: optionalUnknown,
});

export const Task = z.strictObject({
  attachments: z.array(z.unknown()),
  attributes: z.array(z.strictObject({ name: z.string(), value: z.string().optional(), targetType: z.string().optional(), targetId: z.string().optional() })),
  availabilityZone: z.string(),
  capacityProviderName: z.string().optional(),
  clusterArn: arn("cluster"),
  connectivity: z.enum(["CONNECTED", "DISCONNECTED"]),
  connectivityAt: epochSeconds,
  containerInstanceArn: z.string().optional(),
  containers: z.array(Container).min(1),
  cpu: z.string(),
  createdAt: epochSeconds,
  desiredStatus: z.enum(["RUNNING", "STOPPED"]),
  enableExecuteCommand: z.boolean(),
  executionStoppedAt: epochSeconds.optional(),
  group: z.string().regex(/^service:/),
  healthStatus: z.enum(["HEALTHY", "UNHEALTHY", "UNKNOWN"]),
  inferenceAccelerators: optionalUnknown,
  lastStatus: z.enum(["PROVISIONING", "PENDING", "ACTIVATING", "RUNNING", "DEACTIVATING", "STOPPING", "DEPROVISIONING", "STOPPED", "DELETED"]),
  launchType: z.enum(["EC2", "FARGATE", "EXTERNAL", "MANAGED_INSTANCES"]),
  memory: z.string(),
  overrides: z.strictObject({ containerOverrides: z.array(z.strictObject({ name: z.string() })), inferenceAcceleratorOverrides: z.array(z.unknown()) }),
  platformVersion: z.string(),
  platformFamily: z.string(),
  pullStartedAt: epochSeconds.optional(),
  pullStoppedAt: epochSeconds.optional(),
  startedAt: epochSeconds.optional(),
  startedBy: z.string(),
  stopCode: z.enum(["TaskFailedToStart", "EssentialContainerExited", "UserInitiated", "ServiceSchedulerInitiated", "SpotInterruption", "TerminationNotice"]).optional(),
  stoppedAt: epochSeconds.optional(),
  stoppedReason: z.string().optional(),
  stoppingAt: epochSeconds.optional(),
  tags: z.array(Tag),
  taskArn: arn("task"),
  taskDefinitionArn: arn("task-definition"),
  version: z.number().int().min(1),
  ephemeralStorage: z.strictObject({ sizeInGiB: z.number().int() }).optional(),
  fargateEphemeralStorage: optionalUnknown,
});

const arnList = (key: string, resource: string): z.ZodType => z.strictObject({ [key]: z.array(arn(resource)), nextToken: z.string().min(1).optional() });

/** Each operation's output ("Response Elements"). */
export const OUTPUTS = {
  ListClusters: arnList("clusterArns", "cluster"),
  DescribeClusters: z.strictObject({ clusters: z.array(Cluster), failures: z.array(Failure) }),
  ListServices: arnList("serviceArns", "service"),
  DescribeServices: z.strictObject({ services: z.array(Service), failures: z.array(Failure) }),
  DescribeTaskDefinition: z.strictObject({ taskDefinition: TaskDefinition, tags: z.array(Tag).optional() }),
  ListTaskDefinitions: arnList("taskDefinitionArns", "task-definition"),
  RegisterTaskDefinition: z.strictObject({ taskDefinition: TaskDefinition, tags: z.array(Tag).optional() }),
  ListTasks: arnList("taskArns", "task"),
  DescribeTasks: z.strictObject({ tasks: z.array(Task), failures: z.array(Failure) }),
  UpdateService: z.strictObject({ service: Service }),
} as const;

/** Error bodies: `__type` (ECS's short name, or Coral's namespaced one for front-end errors) and `message`. */
export const ErrorBody = z.strictObject({ __type: z.string().regex(/^(com\.amazon\.coral\.service#)?[A-Z][A-Za-z]+Exception$/), message: z.string().min(1) });
