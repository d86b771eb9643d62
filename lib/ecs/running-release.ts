// Which git SHA a service runs, read from what ECS reports. Pure, so every rule is unit-tested.

export interface ContainerInfo {
  name: string;
  image: string;
  environment?: { name?: string; value?: string }[];
}

export type RunningRelease =
  | { kind: "sha"; sha: string; source: "image-tag" | "environment"; image: string; container: string }
  | { kind: "unknown"; image: string; digest: string | null; container: string | null };

const SHA = /^[0-9a-f]{7,40}$/i;
const SHA_ENV_NAMES = ["GIT_SHA", "GIT_COMMIT"];

/** The tag of an image reference (registry/repo:tag@digest), or null when it has none. */
export function imageTag(image: string): string | null {
  const withoutDigest = image.split("@")[0] ?? image;
  const lastSlash = withoutDigest.lastIndexOf("/");
  const colon = withoutDigest.indexOf(":", lastSlash + 1);
  return colon === -1 ? null : withoutDigest.slice(colon + 1);
}

export function imageDigest(image: string): string | null {
  const at = image.indexOf("@");
  return at === -1 ? null : image.slice(at + 1);
}

/**
 * The release of a task definition: the first container whose image tag is a 7–40 hex SHA; else
 * a GIT_SHA / GIT_COMMIT environment variable; else unknown, with the image digest when known.
 * Essential containers are looked at first so a sidecar (log router, proxy) never wins.
 */
export function runningRelease(containers: readonly (ContainerInfo & { essential?: boolean })[], runningDigest: string | null = null): RunningRelease {
  const ordered = [...containers].sort((a, b) => Number(b.essential !== false) - Number(a.essential !== false));
  for (const container of ordered) {
    const tag = imageTag(container.image);
    if (tag && SHA.test(tag)) return { kind: "sha", sha: tag.toLowerCase(), source: "image-tag", image: container.image, container: container.name };
  }
  for (const container of ordered) {
    const variable = container.environment?.find((entry) => entry.name && SHA_ENV_NAMES.includes(entry.name) && entry.value && SHA.test(entry.value));
    if (variable?.value) return { kind: "sha", sha: variable.value.toLowerCase(), source: "environment", image: container.image, container: container.name };
  }
  const first = ordered[0];
  return { kind: "unknown", image: first?.image ?? "", digest: runningDigest ?? (first ? imageDigest(first.image) : null), container: first?.name ?? null };
}
