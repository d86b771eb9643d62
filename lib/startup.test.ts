import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { startupProblems } from "./startup";

const productionEnv = {
  NODE_ENV: "production",
  NEXTAUTH_SECRET: "p".repeat(48),
  NEXTAUTH_URL: "https://flightdeck.example.com",
  GITHUB_CLIENT_ID: "Iv1.real",
  GITHUB_CLIENT_SECRET: "real-secret",
  DATABASE_URL: "postgresql://db.example.com/flightdeck",
};

describe("startupProblems", () => {
  it("lets a correctly configured production server start", () => {
    expect(startupProblems(productionEnv)).toEqual([]);
  });

  it("refuses production with missing secrets or development defaults", () => {
    const problems = startupProblems({ ...productionEnv, NEXTAUTH_SECRET: undefined, GITHUB_CLIENT_SECRET: "flightdeck-dev-secret" });
    expect(problems).toContain("NEXTAUTH_SECRET is not set");
    expect(problems).toContain("GITHUB_CLIENT_SECRET is still the development default");
  });

  it("does not demand production secrets in development", () => {
    expect(startupProblems({ NODE_ENV: "development" })).toEqual([]);
  });

  it("names the config file and the bad field", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "flightdeck-config-"));
    const file = path.join(dir, "bad.yaml");
    writeFileSync(file, "github: { org: acme }\napplications: []\n");
    expect(startupProblems({ NODE_ENV: "development", FLIGHTDECK_CONFIG: file })).toEqual([
      `${file} is invalid:\n  - applications: expected at least one application`,
    ]);
    expect(startupProblems({ NODE_ENV: "development", FLIGHTDECK_CONFIG: path.join(dir, "missing.yaml") })[0]).toMatch(/cannot read the Flightdeck config file/);
  });
});
