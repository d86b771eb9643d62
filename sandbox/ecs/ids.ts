import { createHash } from "node:crypto";

/** ARNs, ids and digests of the ECS simulator. Deterministic wherever possible, so demos and tests read the same every run. */
export const DEFAULT_ACCOUNT_ID = "123456789012";

export const sha256Hex = (text: string): string => createHash("sha256").update(text).digest("hex");

/** `sha256:<64 hex>`, derived from the image reference: the same image always has the same digest. */
export const imageDigest = (image: string): string => `sha256:${sha256Hex(`image:${image}`)}`;

export const clusterArn = (region: string, account: string, cluster: string): string => `arn:aws:ecs:${region}:${account}:cluster/${cluster}`;

/** The long ARN format (with the cluster name), the only one new accounts get since 2021. */
export const serviceArn = (region: string, account: string, cluster: string, service: string): string =>
  `arn:aws:ecs:${region}:${account}:service/${cluster}/${service}`;

export const taskArn = (region: string, account: string, cluster: string, taskId: string): string => `arn:aws:ecs:${region}:${account}:task/${cluster}/${taskId}`;

export const taskDefinitionArn = (region: string, account: string, family: string, revision: number): string =>
  `arn:aws:ecs:${region}:${account}:task-definition/${family}:${revision}`;

export const containerArn = (region: string, account: string, cluster: string, taskId: string, name: string): string =>
  `arn:aws:ecs:${region}:${account}:container/${cluster}/${taskId}/${sha256Hex(`container:${taskId}:${name}`).slice(0, 8)}-${sha256Hex(`c2:${taskId}:${name}`).slice(0, 4)}`;

/** A task id: 32 hex digits, as ECS prints them. */
export const taskId = (seed: string): string => sha256Hex(`task:${seed}`).slice(0, 32);

/** `ecs-svc/` and 19 digits, like ECS deployment ids. */
export function deploymentId(seed: string): string {
  const digits = (BigInt(`0x${sha256Hex(`deployment:${seed}`).slice(0, 24)}`) % 10n ** 19n).toString().padStart(19, "0");
  return `ecs-svc/${digits.replace(/^0/, "1")}`;
}

/** A UUID-shaped id (service events carry one). */
export function uuidFrom(seed: string): string {
  const hex = sha256Hex(`uuid:${seed}`);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** The last path segment of an ARN, or the value itself when it is a bare name. `arn:…:service/cluster/name` → `name`. */
export function nameFromArnOrName(value: string, kind: "cluster" | "service" | "task"): string {
  if (!value.startsWith("arn:")) return value;
  const resource = value.split(":").slice(5).join(":");
  if (!resource.startsWith(`${kind}/`)) return value;
  const parts = resource.split("/");
  return parts[parts.length - 1] ?? value;
}

/** Seconds since the epoch with millisecond fractions: how AWS JSON protocols carry timestamps. */
export const epochSeconds = (ms: number): number => ms / 1000;
