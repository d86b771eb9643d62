// Test-only: the people and the stand-in deploy the lock tests share (lib/environments/*.integration.test.ts).
import { randomUUID } from "node:crypto";
import { z } from "zod";
import type { CurrentUser } from "@/lib/auth/current-user";
import { defineCommand } from "@/lib/commands/define-command";
import { runCommand } from "@/lib/commands/run-command";

const request = { ip: "198.51.100.4", userAgent: "vitest" };
const person = (login: string, roles: CurrentUser["roles"]): CurrentUser => ({ id: randomUUID(), githubId: "1", login, name: null, avatarUrl: null, teams: [], roles });

export const oscar = person("oscar", ["viewer", "deployer", "oncall"]);
export const rita = person("rita", ["viewer", "release_manager"]);
export const dana = person("dana", ["viewer", "deployer"]);

/** Runs a command as `actor` with a fresh idempotency key. */
export const run = (command: Parameters<typeof runCommand>[0], input: unknown, actor: CurrentUser) => runCommand(command, input, { idempotencyKey: randomUUID(), actor, request });

/** A stand-in for a deploy: any command that respects locks. */
export const deployLike = defineCommand({
  name: "test.deploy",
  input: z.object({ application: z.string(), environment: z.string() }),
  audit: { action: "deploy.requested" },
  authorize: ({ input }) => ({ permission: "deploy.unprotected", scope: { application: input.application, environment: input.environment } }),
  effect: async () => ({ result: { dispatched: true } }),
});
