// Test-only: an in-process sandbox plus Flightdeck users for demo people, each with a real OAuth token
// from the sandbox sealed in the database as sign-in would store it. For integration tests of
// commands that act on GitHub with the person's own token.
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll } from "vitest";
import type { CurrentUser } from "@/lib/auth/current-user";
import { seal } from "@/lib/crypto/secret-box";
import { DEV_DEFAULTS } from "@/lib/env-checks";
import type { CreateSandboxOptions, Sandbox } from "@/sandbox/server";
import { signIn, startSandbox } from "@/sandbox/testing/sandbox-fixture";
import type { TestDatabase } from "./database";

export interface SandboxPeople {
  sandbox: Sandbox;
  people: Record<string, CurrentUser>;
}

/**
 * Registers hooks: start the sandbox, point the config at it (optionally patching the YAML text), and
 * create users. Call after useTestDatabase("file"); lib/db and lib/config read the environment at first use.
 */
export function useSandboxPeople(
  database: () => TestDatabase,
  roles: Record<string, CurrentUser["roles"]>,
  patchConfig: (yaml: string) => string = (yaml) => yaml,
  /** Read when the sandbox starts (e.g. a webhook URL known only after an earlier beforeAll). */
  sandboxOptions: () => CreateSandboxOptions = () => ({}),
): () => SandboxPeople {
  let state: SandboxPeople | undefined;
  beforeAll(async () => {
    const sandbox = await startSandbox(sandboxOptions());
    const file = path.join(mkdtempSync(path.join(tmpdir(), "flightdeck-config-")), "config.yaml");
    writeFileSync(file, patchConfig(readFileSync("flightdeck.config.yaml", "utf8")));
    Object.assign(process.env, { DATABASE_URL: database().url, SANDBOX_URL: sandbox.url, AWS_ENDPOINT_URL_ECS: sandbox.url, FLIGHTDECK_CONFIG: file });
    const people: Record<string, CurrentUser> = {};
    for (const [login, granted] of Object.entries(roles)) {
      const token = await signIn(sandbox, login);
      const user = await database().prisma.user.create({
        data: { githubId: BigInt(Math.floor(Math.random() * 1e9)), login, githubTokenEnc: seal(token, DEV_DEFAULTS.NEXTAUTH_SECRET, "github-user-token") },
      });
      people[login] = { id: user.id, githubId: String(user.githubId), login, name: null, avatarUrl: null, teams: [], roles: granted };
    }
    state = { sandbox, people };
  });
  afterAll(async () => {
    await state?.sandbox.close();
  });
  return () => {
    if (!state) throw new Error("the sandbox exists only inside tests and hooks");
    return state;
  };
}
