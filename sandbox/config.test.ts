import { describe, expect, it } from "vitest";
import { optionsFromEnv } from "./config";

describe("optionsFromEnv", () => {
  it("has working development defaults", () => {
    expect(optionsFromEnv({})).toEqual({
      port: 4010,
      host: undefined,
      publicUrl: undefined,
      appWebhookUrl: undefined,
      webhookSecret: "flightdeck-dev-webhook-secret",
      appInstallationToken: undefined,
      clock: { mode: "realtime", speed: 1, startAt: undefined },
      oauth: { clientId: "flightdeck-dev", clientSecret: "flightdeck-dev-secret", callbackUrl: undefined },
    });
  });

  it("reads every variable and trims a trailing slash from URLs", () => {
    const options = optionsFromEnv({
      SANDBOX_PORT: "4110",
      SANDBOX_PUBLIC_URL: "http://localhost:4110/",
      SANDBOX_CLOCK: "manual",
      SANDBOX_SPEED: "30",
      SANDBOX_OAUTH_CLIENT_ID: "flightdeck-e2e",
      APP_WEBHOOK_URL: "http://localhost:3100/api/webhooks/github",
      SANDBOX_APP_INSTALLATION_TOKEN: "ghs_e2eAppInstallationToken0001",
    });
    expect(options).toMatchObject({
      port: 4110,
      publicUrl: "http://localhost:4110",
      clock: { mode: "manual", speed: 30 },
      oauth: { clientId: "flightdeck-e2e" },
      appWebhookUrl: "http://localhost:3100/api/webhooks/github",
      appInstallationToken: "ghs_e2eAppInstallationToken0001",
    });
  });

  it("refuses values it cannot use instead of guessing", () => {
    expect(() => optionsFromEnv({ SANDBOX_PORT: "http" })).toThrow(/SANDBOX_PORT/);
    expect(() => optionsFromEnv({ SANDBOX_CLOCK: "fast" })).toThrow(/SANDBOX_CLOCK/);
    expect(() => optionsFromEnv({ SANDBOX_SPEED: "0" })).toThrow(/SANDBOX_SPEED/);
    expect(() => optionsFromEnv({ SANDBOX_PUBLIC_URL: "localhost:4010" })).toThrow(/SANDBOX_PUBLIC_URL/);
    expect(() => optionsFromEnv({ SANDBOX_APP_INSTALLATION_TOKEN: "ghp_personal-token" })).toThrow(/SANDBOX_APP_INSTALLATION_TOKEN/);
  });
});
