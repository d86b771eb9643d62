// TEST-ONLY: a RefresherContext for integration tests, against a test database and a stand-in GitHub/ECS
// at `baseUrl` (the in-process sandbox). Counts ECS calls per context so tests can tell who polled.
import { ECSClient } from "@aws-sdk/client-ecs";
import type { FlightdeckConfig } from "@/lib/config";
import { loadConfigFile } from "@/lib/config/load-config";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { LiveEvent } from "@/lib/live/publish";
import { createServiceOctokit } from "@/lib/github/service-client";
import type { RefresherContext } from "./context";

export interface TestContext extends RefresherContext {
  ecsCalls: string[];
  published: LiveEvent[];
}

export function testRefresherContext(options: { prisma: PrismaClient; config: FlightdeckConfig; baseUrl: string; token: string | null }): TestContext {
  const ecsCalls: string[] = [];
  const published: LiveEvent[] = [];
  const clients = new Map<string, ECSClient>();
  const octokit = options.token ? createServiceOctokit(options.token, { retries: 0, baseUrl: options.config.github.apiUrl }) : null;
  return {
    prisma: options.prisma,
    config: options.config,
    ecsCalls,
    published,
    ecs(region) {
      let client = clients.get(region);
      if (!client) {
        client = new ECSClient({ region, endpoint: options.baseUrl, credentials: { accessKeyId: "test", secretAccessKey: "test" }, maxAttempts: 1 });
        client.middlewareStack.add((next, context) => (args) => {
          ecsCalls.push(String(context.commandName));
          return next(args);
        }, { step: "initialize", name: "countCalls" });
        clients.set(region, client);
      }
      return client;
    },
    github: async () => (octokit ? { octokit, identity: "test" } : null),
    async publish(event) {
      published.push(event);
    },
    now: () => new Date(),
  };
}

/** The repository's demo config (flightdeck.config.yaml) pointed at `baseUrl`. */
export function demoConfig(baseUrl: string): FlightdeckConfig {
  return loadConfigFile("flightdeck.config.yaml", { SANDBOX_URL: baseUrl });
}
