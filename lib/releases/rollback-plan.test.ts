import { describe, expect, test } from "vitest";
import { diffTaskDefinitions, factsOf } from "./rollback-plan";

const current = factsOf({
  taskDefinitionArn: "arn:aws:ecs:us-east-1:1:task-definition/api:5",
  family: "api",
  revision: 5,
  cpu: "512",
  memory: "1024",
  containerDefinitions: [
    { name: "app", essential: true, image: "registry/api:cccccccccccccccccccccccccccccccccccccccc", environment: [{ name: "FEATURE_X", value: "on" }, { name: "DB_URL", value: "postgres://secret" }, { name: "LOG", value: "info" }] },
    { name: "proxy", essential: false, image: "envoy:1.30" },
  ],
});
const target = factsOf({
  taskDefinitionArn: "arn:aws:ecs:us-east-1:1:task-definition/api:3",
  family: "api",
  revision: 3,
  cpu: "512",
  memory: "512",
  containerDefinitions: [
    { name: "app", essential: true, image: "registry/api:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", environment: [{ name: "DB_URL", value: "postgres://other" }, { name: "LOG", value: "info" }, { name: "OLD_FLAG", value: "1" }] },
    { name: "proxy", essential: false, image: "envoy:1.30" },
  ],
});

describe("task definition facts and differences", () => {
  test("the release is read from the essential container's image tag", () => {
    expect(current).toMatchObject({ revision: 5, sha: "cccccccccccccccccccccccccccccccccccccccc", image: "registry/api:cccccccccccccccccccccccccccccccccccccccc" });
  });

  test("what a rollback changes: image, size, and variables by name only", () => {
    const diff = diffTaskDefinitions(current, target);
    expect(diff).toEqual({
      image: { from: "registry/api:cccccccccccccccccccccccccccccccccccccccc", to: "registry/api:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa" },
      cpu: null,
      memory: { from: "1024", to: "512" },
      variablesAdded: ["app.OLD_FLAG"],
      variablesRemoved: ["app.FEATURE_X"],
      variablesChanged: ["app.DB_URL"],
    });
    expect(JSON.stringify(diff)).not.toContain("secret");
  });

  test("identical definitions differ in nothing", () => {
    expect(diffTaskDefinitions(current, current)).toEqual({ image: null, cpu: null, memory: null, variablesAdded: [], variablesRemoved: [], variablesChanged: [] });
  });
});
