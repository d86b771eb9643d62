import { describe, expect, it } from "vitest";
import { imageTag, runningRelease } from "./running-release";

const ecr = "123456789012.dkr.ecr.us-east-1.amazonaws.com/wumbo-backend";
const sha = "3f9c2e1a7b6d5c4e3f2a1b0c9d8e7f6a5b4c3d2e";

describe("imageTag", () => {
  it("reads the tag and ignores registry ports and digests", () => {
    expect(imageTag(`${ecr}:${sha}`)).toBe(sha);
    expect(imageTag("localhost:5000/app:1.2.3")).toBe("1.2.3");
    expect(imageTag("localhost:5000/app")).toBeNull();
    expect(imageTag(`${ecr}:abc1234@sha256:${"e".repeat(64)}`)).toBe("abc1234");
  });
});

describe("runningRelease", () => {
  it("takes a 7–40 hex image tag as the SHA", () => {
    expect(runningRelease([{ name: "app", image: `${ecr}:${sha}` }])).toMatchObject({ kind: "sha", sha, source: "image-tag" });
    expect(runningRelease([{ name: "app", image: `${ecr}:ABC1234` }])).toMatchObject({ kind: "sha", sha: "abc1234" });
  });

  it("does not take a version tag, a short hex or 'latest' for a SHA", () => {
    for (const tag of ["v1.14.0", "abc123", "latest", "a".repeat(41)]) {
      expect(runningRelease([{ name: "app", image: `${ecr}:${tag}` }]).kind).toBe("unknown");
    }
  });

  it("falls back to GIT_SHA or GIT_COMMIT in the container environment", () => {
    const release = runningRelease([{ name: "app", image: `${ecr}:latest`, environment: [{ name: "LOG_LEVEL", value: "info" }, { name: "GIT_COMMIT", value: sha }] }]);
    expect(release).toMatchObject({ kind: "sha", sha, source: "environment" });
  });

  it("prefers the essential container over a sidecar", () => {
    const release = runningRelease([
      { name: "log-router", image: "amazon/aws-for-fluent-bit:1234567", essential: false },
      { name: "app", image: `${ecr}:${sha}`, essential: true },
    ]);
    expect(release).toMatchObject({ sha, container: "app" });
  });

  it("reports unknown with the digest when nothing names a SHA", () => {
    const digest = `sha256:${"d".repeat(64)}`;
    expect(runningRelease([{ name: "app", image: `${ecr}:latest` }], digest)).toEqual({ kind: "unknown", image: `${ecr}:latest`, digest, container: "app" });
    expect(runningRelease([{ name: "app", image: `${ecr}@${digest}` }])).toMatchObject({ kind: "unknown", digest });
    expect(runningRelease([])).toEqual({ kind: "unknown", image: "", digest: null, container: null });
  });
});
