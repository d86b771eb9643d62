import { describe, expect, test } from "vitest";
import { metricsHref, parseMetricsFilters } from "./filters";

const choices = { applications: ["wumbo", "beacon"], environments: ["development", "staging", "production"] };

describe("metrics filters", () => {
  test("defaults: every application, production, 30 days", () => {
    expect(parseMetricsFilters({}, choices)).toEqual({ filters: { application: null, environment: "production", days: 30 }, ignored: [] });
  });

  test("known values are taken; unknown ones fall back and are reported", () => {
    expect(parseMetricsFilters({ app: "beacon", env: "staging", period: "7" }, choices).filters).toEqual({ application: "beacon", environment: "staging", days: 7 });
    expect(parseMetricsFilters({ period: "90d" }, choices).filters.days).toBe(90);
    expect(parseMetricsFilters({ app: "nope", env: "qa", period: "14" }, choices)).toEqual({ filters: { application: null, environment: "production", days: 30 }, ignored: ["app", "env", "period"] });
  });

  test("links keep the other filters", () => {
    expect(metricsHref({ application: "wumbo", environment: "production", days: 30 }, { days: 7 })).toBe("/metrics?app=wumbo&env=production&period=7");
    expect(metricsHref({ application: null, environment: "staging", days: 90 })).toBe("/metrics?env=staging&period=90");
  });
});
