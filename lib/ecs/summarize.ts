// Pure reading of what DescribeServices says (unit-tested): which task definition is PRIMARY and how its
// rollout is going, in the read model's vocabulary.
import type { Service } from "@aws-sdk/client-ecs";
import type { RolloutState } from "@/lib/overview/types";
import type { ContainerInfo } from "./running-release";

export interface CachedTaskDefinition {
  arn: string;
  region: string;
  family: string;
  revision: number;
  containers: (ContainerInfo & { essential?: boolean })[];
  registeredAt?: Date | null;
}

export interface ServiceSummary {
  taskDefinitionArn: string | null;
  rollout: { state: RolloutState; running: number; desired: number; pending: number; failedTasks: number; reason: string | null };
  /** When the PRIMARY deployment was created. */
  primarySince: Date | null;
}

export function chunk<T>(items: readonly T[], size: number): T[][] {
  const batches: T[][] = [];
  for (let start = 0; start < items.length; start += size) batches.push(items.slice(start, start + size));
  return batches;
}

export function summarizeService(service: Service): ServiceSummary {
  const deployments = service.deployments ?? [];
  const primary = deployments.find((deployment) => deployment.status === "PRIMARY") ?? deployments[0];
  const rolloutState = primary?.rolloutState;
  // FAILED wins; more than one deployment means old tasks are still being replaced, even if the
  // PRIMARY's own rolloutState is missing (services without the circuit breaker do not report one).
  const state: RolloutState =
    rolloutState === "FAILED" ? "failed" : rolloutState === "IN_PROGRESS" || deployments.length > 1 ? "rolling" : primary ? "stable" : "unknown";
  return {
    taskDefinitionArn: primary?.taskDefinition ?? service.taskDefinition ?? null,
    rollout: {
      state,
      running: primary?.runningCount ?? service.runningCount ?? 0,
      desired: primary?.desiredCount ?? service.desiredCount ?? 0,
      pending: primary?.pendingCount ?? service.pendingCount ?? 0,
      failedTasks: primary?.failedTasks ?? 0,
      reason: state === "stable" ? null : (primary?.rolloutStateReason ?? null),
    },
    primarySince: primary?.createdAt ?? null,
  };
}

/** family:revision from a task definition ARN (…:task-definition/family:12). */
export function parseTaskDefinitionArn(arn: string): { family: string; revision: number } | null {
  const match = /task-definition\/([^:/]+):(\d+)$/.exec(arn);
  return match ? { family: match[1]!, revision: Number(match[2]) } : null;
}
