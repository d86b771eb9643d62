import "server-only";
import { z } from "zod";
import { DEV_DEFAULTS, productionEnvProblems } from "./env-checks";

/**
 * Secrets and deployment settings come from the environment, never from the YAML config.
 * Development gets working defaults so `npm run dev` needs no setup; a production server refuses
 * to start with any of them missing or left at a development default.
 */
const serverEnvSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\//, "expected a postgresql:// URL"),
  NEXTAUTH_URL: z.string().url().default("http://localhost:3000"),
  NEXTAUTH_SECRET: z.string().min(32, "expected at least 32 characters").default(DEV_DEFAULTS.NEXTAUTH_SECRET),
  GITHUB_CLIENT_ID: z.string().min(1).default(DEV_DEFAULTS.GITHUB_CLIENT_ID),
  GITHUB_CLIENT_SECRET: z.string().min(1).default(DEV_DEFAULTS.GITHUB_CLIENT_SECRET),
  GITHUB_WEBHOOK_SECRET: z.string().min(1).default(DEV_DEFAULTS.GITHUB_WEBHOOK_SECRET),
  /** Service token for reads (a GitHub App installation token or a fine-grained token). */
  GITHUB_TOKEN: z.string().min(1).optional(),
  /**
   * The GitHub App that answers deployment protection rules (locks hold on GitHub too): its id and
   * private key (PEM; "\n" escapes accepted), from which installation tokens are minted per request.
   * GITHUB_APP_INSTALLATION_TOKEN instead hands over a ready installation token (the sandbox's demo app).
   */
  GITHUB_APP_ID: z.string().regex(/^\d+$/, "expected the App's numeric id").optional(),
  GITHUB_APP_PRIVATE_KEY: z.string().min(1).optional(),
  GITHUB_APP_INSTALLATION_TOKEN: z.string().min(1).optional(),
});

export type ServerEnv = z.infer<typeof serverEnvSchema>;

let cached: ServerEnv | undefined;

export function serverEnv(): ServerEnv {
  if (cached) return cached;
  // Defense in depth: instrumentation already refused to start, but never run on dev defaults.
  const problems = process.env.NODE_ENV === "production" ? productionEnvProblems(process.env) : [];
  if (problems.length > 0) throw new Error(`refusing to run in production: ${problems.join("; ")}`);
  const result = serverEnvSchema.safeParse(process.env);
  if (!result.success) {
    const detail = result.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`).join("; ");
    throw new Error(`invalid environment: ${detail}`);
  }
  cached = result.data;
  return cached;
}
