import { z } from "zod";
import { ROLES } from "@/lib/authz/roles";

// Names that end up in URLs (/apps/<app>/<env>) and in ECS / GitHub identifiers.
const slug = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]*$/, "expected a lowercase slug (letters, digits, dashes)");

const httpUrl = z
  .string()
  .url("expected an absolute http(s) URL")
  .refine((value) => /^https?:\/\//.test(value), "expected an http(s) URL")
  .transform((value) => value.replace(/\/+$/, ""));

const ecsServiceName = z.string().min(1, "expected an ECS service name");

export const environmentSchema = z.strictObject({
  /** Our name for the environment, used in URLs. */
  name: slug,
  /** The GitHub environment the deploy workflow targets (defaults to `name`). */
  githubEnvironment: z.string().min(1).optional(),
  /** Workflow file name under .github/workflows, e.g. deploy.yml. */
  workflow: z.string().regex(/^[\w.-]+\.ya?ml$/, "expected a workflow file name like deploy.yml"),
  /** Ref dispatched by default (branch, tag or SHA). */
  ref: z.string().min(1),
  /** Protected environments need a release manager to deploy and an approval on GitHub. */
  protected: z.boolean().default(false),
  /** Distinct approvers Flightdeck collects before approving on GitHub. */
  requiredApprovals: z.number().int().min(1).max(10).default(1),
  /** Four-eyes: whoever started a deploy may not approve it. */
  preventSelfReview: z.boolean().default(true),
  ecs: z.strictObject({
    region: z.string().regex(/^[a-z]{2}(-[a-z]+)+-\d$/, "expected an AWS region like eu-west-1"),
    cluster: z.string().min(1),
    /** Our service key (backend, worker…) → ECS service name in that cluster. */
    services: z.record(slug, ecsServiceName).refine((s) => Object.keys(s).length > 0, "expected at least one service"),
  }),
  healthChecks: z.array(z.strictObject({ name: z.string().min(1), url: httpUrl })).default([]),
});

export const applicationSchema = z.strictObject({
  slug,
  name: z.string().min(1),
  /** owner/name on GitHub. */
  repo: z.string().regex(/^[\w.-]+\/[\w.-]+$/, "expected owner/name"),
  defaultBranch: z.string().min(1).default("main"),
  environments: z
    .array(environmentSchema)
    .min(1, "expected at least one environment")
    .superRefine((envs, ctx) => {
      const seen = new Set<string>();
      envs.forEach((env, index) => {
        if (seen.has(env.name)) {
          ctx.addIssue({ code: "custom", path: [index, "name"], message: `duplicate environment "${env.name}"` });
        }
        seen.add(env.name);
      });
    }),
});

export const configSchema = z.strictObject({
  github: z.strictObject({
    /** The org whose members may sign in. */
    org: z.string().min(1),
    /** Web base URL (OAuth pages): https://github.com or a GitHub Enterprise Server. */
    webUrl: httpUrl.default("https://github.com"),
    /** REST base URL: https://api.github.com or https://<ghes>/api/v3. */
    apiUrl: httpUrl.default("https://api.github.com"),
  }),
  /** GitHub team slug (in the org) → Flightdeck roles granted to its members. */
  teamRoles: z.record(z.string().min(1), z.array(z.enum(ROLES)).min(1)).default({}),
  applications: z
    .array(applicationSchema)
    .min(1, "expected at least one application")
    .superRefine((apps, ctx) => {
      const seen = new Set<string>();
      apps.forEach((app, index) => {
        if (seen.has(app.slug)) {
          ctx.addIssue({ code: "custom", path: [index, "slug"], message: `duplicate application "${app.slug}"` });
        }
        seen.add(app.slug);
      });
    }),
});

export type FlightdeckConfig = z.infer<typeof configSchema>;
export type ApplicationConfig = z.infer<typeof applicationSchema>;
export type EnvironmentConfig = z.infer<typeof environmentSchema>;
