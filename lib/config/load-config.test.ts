import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { ConfigError, interpolateEnv, parseConfig } from "./load-config";

const minimal = `
github: { org: acme }
applications:
  - slug: shop
    name: Shop
    repo: acme/shop
    environments:
      - name: production
        workflow: deploy.yml
        ref: main
        protected: true
        ecs: { region: eu-west-1, cluster: shop-prod, services: { web: shop-prod-web } }
`;

function errorOf(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error("expected a ConfigError");
}

describe("parseConfig", () => {
  it("accepts a minimal file and fills defaults", () => {
    const config = parseConfig(minimal, "test.yaml", {});
    expect(config.github.webUrl).toBe("https://github.com");
    expect(config.github.apiUrl).toBe("https://api.github.com");
    const env = config.applications[0]?.environments[0];
    expect(env).toMatchObject({ protected: true, requiredApprovals: 1, preventSelfReview: true, healthChecks: [] });
  });

  it("names the path of a bad field and what was expected", () => {
    const message = errorOf(() => parseConfig(minimal.replace("eu-west-1", "Ireland"), "bad.yaml", {}));
    expect(message).toContain("bad.yaml is invalid");
    expect(message).toContain("applications.0.environments.0.ecs.region: expected an AWS region like eu-west-1");
  });

  it("refuses unknown keys, so a typo is not silently ignored", () => {
    const message = errorOf(() => parseConfig(minimal.replace("protected: true", "protectd: true"), "typo.yaml", {}));
    expect(message).toMatch(/applications\.0\.environments\.0: .*protectd/);
  });

  it("refuses an unknown role in the team mapping", () => {
    const message = errorOf(() => parseConfig(`${minimal}\nteamRoles: { sre: [superuser] }\n`, "roles.yaml", {}));
    expect(message).toContain("teamRoles.sre.0");
  });

  it("refuses duplicate environments", () => {
    const doubled = minimal.replace(
      "        ecs: { region: eu-west-1, cluster: shop-prod, services: { web: shop-prod-web } }\n",
      "        ecs: { region: eu-west-1, cluster: shop-prod, services: { web: shop-prod-web } }\n      - name: production\n        workflow: deploy.yml\n        ref: main\n        ecs: { region: eu-west-1, cluster: x, services: { web: y } }\n",
    );
    expect(errorOf(() => parseConfig(doubled, "dup.yaml", {}))).toContain('applications.0.environments.1.name: duplicate environment "production"');
  });

  it("reports YAML syntax errors with the file name", () => {
    expect(errorOf(() => parseConfig("github: [", "broken.yaml", {}))).toContain("broken.yaml is not valid YAML");
  });

  it("validates the shipped demo config", () => {
    const config = parseConfig(readFileSync("flightdeck.config.yaml", "utf8"), "flightdeck.config.yaml", { SANDBOX_URL: "http://localhost:4999" });
    expect(config.github).toEqual({ org: "skyward", webUrl: "http://localhost:4999", apiUrl: "http://localhost:4999/api/v3" });
    expect(config.applications.map((app) => app.slug)).toEqual(["wumbo", "dreamcatchr", "beacon"]);
    expect(config.applications.every((app) => app.environments.some((env) => env.protected))).toBe(true);
  });
});

describe("interpolateEnv", () => {
  it("replaces variables, uses defaults, and names a missing variable's location", () => {
    expect(interpolateEnv({ a: ["${X}/x", "${Y:-fallback}"] }, { X: "one" })).toEqual({ a: ["one/x", "fallback"] });
    expect(() => interpolateEnv({ github: { apiUrl: "${NOPE}" } }, {})).toThrow("github.apiUrl: environment variable NOPE is not set");
  });
});
