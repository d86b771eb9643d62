import type { EcsSimulator } from "../ecs";

/**
 * What the run lifecycle and the demo scenario need from the ECS simulator (sandbox/ecs): seed
 * services, deploy new images and hear when rollouts end, read a service's state for health checks.
 */
export type EcsPort = Pick<EcsSimulator, "seedService" | "deployImages" | "onRolloutFinished" | "serviceStatus">;
export type { RolloutFinished } from "../ecs";
