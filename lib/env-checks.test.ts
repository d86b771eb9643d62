import { describe, expect, it } from "vitest";
import { DEV_DEFAULTS, productionEnvProblems } from "./env-checks";

const good = {
  NEXTAUTH_SECRET: "x".repeat(40),
  NEXTAUTH_URL: "https://flightdeck.example.com",
  GITHUB_CLIENT_ID: "Iv1.abc",
  GITHUB_CLIENT_SECRET: "s3cret",
  DATABASE_URL: "postgresql://db/flightdeck",
};

describe("productionEnvProblems", () => {
  it("accepts a complete production environment", () => {
    expect(productionEnvProblems(good)).toEqual([]);
  });

  it("names each missing secret", () => {
    expect(productionEnvProblems({})).toEqual(
      expect.arrayContaining(["NEXTAUTH_SECRET is not set", "GITHUB_CLIENT_SECRET is not set", "DATABASE_URL is not set"]),
    );
  });

  it("refuses development defaults and short secrets", () => {
    expect(productionEnvProblems({ ...good, GITHUB_CLIENT_SECRET: DEV_DEFAULTS.GITHUB_CLIENT_SECRET })).toEqual([
      "GITHUB_CLIENT_SECRET is still the development default",
    ]);
    expect(productionEnvProblems({ ...good, NEXTAUTH_SECRET: "short" })).toEqual(["NEXTAUTH_SECRET is shorter than 32 characters"]);
  });

  it("requires https except on localhost", () => {
    expect(productionEnvProblems({ ...good, NEXTAUTH_URL: "http://flightdeck.example.com" })).toHaveLength(1);
    expect(productionEnvProblems({ ...good, NEXTAUTH_URL: "http://localhost:3100" })).toEqual([]);
  });
});
