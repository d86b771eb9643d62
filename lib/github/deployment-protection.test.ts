import { describe, expect, test } from "vitest";
import { parseProtectionCallback } from "./deployment-protection";

const api = "https://ghe.example.com/api/v3";

describe("the protection rule's callback URL", () => {
  test("names the run of the expected repository under the configured API", () => {
    expect(parseProtectionCallback(`${api}/repos/skyward/beacon/actions/runs/9100000123/deployment_protection_rule`, api, "skyward/Beacon")).toEqual({ owner: "skyward", repo: "beacon", runId: 9100000123 });
  });

  test("is refused on another host, for another repository, or for another endpoint, so the App token goes nowhere else", () => {
    expect(parseProtectionCallback("https://evil.example/api/v3/repos/skyward/beacon/actions/runs/1/deployment_protection_rule", api, "skyward/beacon")).toBeNull();
    expect(parseProtectionCallback(`${api}.evil.example/repos/skyward/beacon/actions/runs/1/deployment_protection_rule`, api, "skyward/beacon")).toBeNull();
    expect(parseProtectionCallback(`${api}/repos/skyward/wumbo/actions/runs/1/deployment_protection_rule`, api, "skyward/beacon")).toBeNull();
    expect(parseProtectionCallback(`${api}/repos/skyward/beacon/actions/runs/1/cancel`, api, "skyward/beacon")).toBeNull();
    expect(parseProtectionCallback(undefined, api, "skyward/beacon")).toBeNull();
  });
});
