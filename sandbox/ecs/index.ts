/** The ECS simulator: the programmatic API for the rest of the sandbox, and its two mounts. */
export { createEcsSimulator } from "./simulator";
export type {
  DeployImagesInput,
  EcsSimulator,
  EcsSimulatorOptions,
  FailRolloutInput,
  RolloutFinished,
  SeedContainer,
  SeedHistoryEntry,
  SeededService,
  SeedServiceInput,
  ServiceState,
  ServiceStatus,
} from "./simulator";
export { ecsMount, ECS_TARGET_PREFIX } from "./ecs-mount";
export { ecsControlMount, ECS_CONTROL_PREFIX } from "./ecs-control";
export type { EcsFaultInput, EcsFaultRule } from "./faults";
export { DEFAULT_ACCOUNT_ID, imageDigest } from "./ids";
