/** The ECS simulator's records: what it remembers per region. The wire shapes are built from these in operations.ts. */

export interface KeyValue {
  name: string;
  value: string;
}

export interface PortMapping {
  containerPort: number;
  hostPort?: number;
  protocol?: "tcp" | "udp";
  name?: string;
  appProtocol?: "http" | "http2" | "grpc";
}

export interface ContainerDefinitionRecord {
  name: string;
  image: string;
  cpu?: number;
  memory?: number;
  memoryReservation?: number;
  essential: boolean;
  environment: KeyValue[];
  portMappings: PortMapping[];
  /** Other documented container-definition fields passed to RegisterTaskDefinition, echoed back as given. */
  extra: Record<string, unknown>;
}

export interface TaskDefinitionRecord {
  region: string;
  family: string;
  revision: number;
  arn: string;
  containers: ContainerDefinitionRecord[];
  cpu: string;
  memory: string;
  networkMode: string;
  requiresCompatibilities: string[];
  executionRoleArn?: string;
  taskRoleArn?: string;
  registeredAt: number;
  registeredBy: string;
  status: "ACTIVE" | "INACTIVE";
}

export type TaskStatus = "PENDING" | "RUNNING" | "STOPPED";

export interface TaskRecord {
  id: string;
  arn: string;
  taskDefinitionArn: string;
  deploymentId: string;
  createdAt: number;
  startedAt?: number;
  stoppingAt?: number;
  stoppedAt?: number;
  lastStatus: TaskStatus;
  desiredStatus: "RUNNING" | "STOPPED";
  stoppedReason?: string;
  stopCode?: "ServiceSchedulerInitiated" | "UserInitiated" | "TaskFailedToStart";
  healthStatus: "HEALTHY" | "UNHEALTHY" | "UNKNOWN";
  /** Bumped on every state change, like ECS's task `version`. */
  version: number;
  availabilityZone: string;
}

export type RolloutState = "IN_PROGRESS" | "COMPLETED" | "FAILED";

export interface DeploymentRecord {
  id: string;
  status: "PRIMARY" | "ACTIVE" | "INACTIVE";
  taskDefinitionArn: string;
  desiredCount: number;
  failedTasks: number;
  createdAt: number;
  updatedAt: number;
  rolloutState: RolloutState;
  rolloutStateReason: string;
  /** Its tasks fail their health checks (fault injection): the circuit breaker trips. */
  failing: boolean;
  /** Set on a deployment ECS created to roll back to an earlier one. */
  rollbackTo?: string;
  startedBy?: string;
  /** Tasks not yet stopped; stopped ones move to the service's `stoppedTasks`. */
  tasks: TaskRecord[];
}

export interface ServiceEventRecord {
  id: string;
  createdAt: number;
  message: string;
}

export interface DeploymentConfigurationRecord {
  deploymentCircuitBreaker: { enable: boolean; rollback: boolean };
  maximumPercent: number;
  minimumHealthyPercent: number;
}

export interface ServiceRecord {
  region: string;
  clusterName: string;
  clusterArn: string;
  name: string;
  arn: string;
  createdAt: number;
  desiredCount: number;
  taskDefinitionArn: string;
  deploymentConfiguration: DeploymentConfigurationRecord;
  /** PRIMARY first, then older ones. */
  deployments: DeploymentRecord[];
  /** Newest first, at most 100 (ECS keeps the latest 100). */
  events: ServiceEventRecord[];
  /** Recently stopped tasks (newest first), for ListTasks desiredStatus=STOPPED and DescribeTasks. */
  stoppedTasks: TaskRecord[];
  /** When the scheduler acts next; undefined once the service is steady. */
  nextAt?: number;
  cancelTick?: () => void;
  /** The last deployment that completed: where a circuit-breaker rollback goes back to. */
  lastCompleted?: { id: string; taskDefinitionArn: string };
  /** The last rollout started by UpdateService / deployImages (not by a rollback). */
  lastRollout?: { deploymentId: string; taskDefinitionArn: string; startedAt: number; outcome: RolloutState; finishedAt?: number; reason: string };
  subnets: string[];
  securityGroups: string[];
}

export interface ClusterRecord {
  region: string;
  name: string;
  arn: string;
  services: Map<string, ServiceRecord>;
}

export interface RegionRecord {
  clusters: Map<string, ClusterRecord>;
  /** Task definition revisions per family, revision 1 first. */
  families: Map<string, TaskDefinitionRecord[]>;
}
