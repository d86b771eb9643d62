/**
 * The demo applications: one repository each, with the branches, environments, ECS services and
 * workflows that flightdeck.config.yaml names. The sandbox cannot read the app's config (it shares
 * nothing with lib/), so the names are repeated here and must stay in step with that file.
 */
import { WORKFLOW_FILES } from "./workflow-files";

export type EnvName = "development" | "staging" | "production";

export interface DemoEnvironment {
  name: EnvName;
  id: number;
  /** The workflow file (under .github/workflows) that deploys it. */
  workflow: string;
  /** The branch whose pushes deploy it (for push-triggered workflows), and the ref Flightdeck dispatches. */
  ref: string;
  region: string;
  cluster: string;
  /** Container / service key → ECS service name. */
  services: Record<string, string>;
  /** GitHub protection: required reviewers (team slugs / logins), wait timer, a custom app gate. */
  reviewers: { teams: string[]; users: string[] };
  waitTimerMinutes: number;
  customGate: boolean;
  preventSelfReview: boolean;
  /** Branch policy: protected branches only (production) or any branch. */
  protectedBranchesOnly: boolean;
  /** Whether the app's health check for this environment is served (config lists only some). */
  health: boolean;
}

export type WorkflowKind = "deploy" | "checks" | "scan" | "flags";

export interface DemoWorkflow {
  id: number;
  file: string;
  name: string;
  kind: WorkflowKind;
  /** For deploy workflows without an `environment` input: the environment they always target. */
  fixedEnvironment?: EnvName;
  /** Branches whose pushes trigger it (deploy/checks). */
  pushBranches: string[];
  pullRequests: boolean;
  schedule: boolean;
  createdAt: string;
}

export interface DemoApp {
  slug: string;
  repo: string;
  repoId: number;
  description: string;
  language: string;
  defaultBranch: string;
  /** Branches, the default branch (production line) first. */
  branches: string[];
  environments: DemoEnvironment[];
  workflows: DemoWorkflow[];
  createdAt: string;
  /** First release version on main; later tags count up from it. */
  firstVersion: [number, number];
}

const open = { teams: [], users: [] };
const releaseManagers = { teams: ["release-managers"], users: [] };

function env(partial: Partial<DemoEnvironment> & Pick<DemoEnvironment, "name" | "id" | "workflow" | "ref" | "region" | "cluster" | "services">): DemoEnvironment {
  const production = partial.name === "production";
  return {
    reviewers: production ? releaseManagers : open,
    waitTimerMinutes: 0,
    customGate: false,
    preventSelfReview: production,
    protectedBranchesOnly: production,
    health: true,
    ...partial,
  };
}

function workflow(id: number, file: string, name: string, kind: WorkflowKind, extra: Partial<DemoWorkflow> = {}): DemoWorkflow {
  if (!(file in WORKFLOW_FILES)) throw new Error(`no YAML for workflow ${file}`);
  return { id, file, name, kind, pushBranches: [], pullRequests: false, schedule: false, createdAt: "2024-02-01T10:00:00Z", ...extra };
}

export const DEMO_APPS: readonly DemoApp[] = [
  {
    slug: "wumbo",
    repo: "wumbo",
    repoId: 612_004_101,
    description: "Wumbo monorepo: FastAPI backend, Next.js web frontend and worker.",
    language: "Python",
    defaultBranch: "main",
    branches: ["main", "staging", "development"],
    createdAt: "2023-01-16T09:12:00Z",
    firstVersion: [1, 9],
    environments: [
      env({ name: "development", id: 3_100_101, workflow: "deploy.yml", ref: "development", region: "us-east-1", cluster: "wumbo-development", services: { backend: "wumbo-dev-backend", frontend: "wumbo-dev-frontend", worker: "wumbo-dev-worker" } }),
      env({ name: "staging", id: 3_100_102, workflow: "deploy.yml", ref: "staging", region: "us-east-1", cluster: "wumbo-staging", services: { backend: "wumbo-staging-backend", frontend: "wumbo-staging-frontend", worker: "wumbo-staging-worker" } }),
      env({ name: "production", id: 3_100_103, workflow: "deploy.yml", ref: "main", region: "us-east-1", cluster: "wumbo-production", services: { backend: "wumbo-prod-backend", frontend: "wumbo-prod-frontend", worker: "wumbo-prod-worker" } }),
    ],
    workflows: [
      workflow(71_000_101, "deploy.yml", "Deploy", "deploy", { pushBranches: ["main", "staging", "development"] }),
      workflow(71_000_102, "pr-checks.yml", "PR Checks", "checks", { pullRequests: true }),
      workflow(71_000_103, "security-scan.yml", "Security Scan", "scan", { schedule: true }),
    ],
  },
  {
    slug: "dreamcatchr",
    repo: "dreamcatchr",
    repoId: 612_004_102,
    description: "DreamCatchr: Django + Celery.",
    language: "Python",
    defaultBranch: "main",
    branches: ["main", "staging", "dev"],
    createdAt: "2023-05-03T14:40:00Z",
    firstVersion: [2, 4],
    environments: [
      env({ name: "development", id: 3_100_201, workflow: "ci-cd.yml", ref: "dev", region: "eu-west-1", cluster: "dreamcatchr-dev", health: false, services: { web: "dreamcatchr-dev-web", "celery-worker": "dreamcatchr-dev-celery", "celery-beat": "dreamcatchr-dev-beat" } }),
      env({ name: "staging", id: 3_100_202, workflow: "ci-cd.yml", ref: "staging", region: "eu-west-1", cluster: "dreamcatchr-staging", services: { web: "dreamcatchr-staging-web", "celery-worker": "dreamcatchr-staging-celery", "celery-beat": "dreamcatchr-staging-beat" } }),
      env({ name: "production", id: 3_100_203, workflow: "production-deploy.yml", ref: "main", region: "eu-west-1", cluster: "dreamcatchr-production", waitTimerMinutes: 5, reviewers: { teams: ["release-managers"], users: ["ada"] }, services: { web: "dreamcatchr-prod-web", "celery-worker": "dreamcatchr-prod-celery", "celery-beat": "dreamcatchr-prod-beat" } }),
    ],
    workflows: [
      workflow(71_000_201, "ci-cd.yml", "CI/CD", "deploy", { pushBranches: ["dev", "staging", "main"], pullRequests: true }),
      workflow(71_000_202, "production-deploy.yml", "Production Deploy", "deploy", { fixedEnvironment: "production" }),
      workflow(71_000_203, "ci-local.yml", "CI (Docker Compose)", "checks", { pullRequests: true }),
    ],
  },
  {
    slug: "beacon",
    repo: "beacon",
    repoId: 612_004_103,
    description: "Beacon: API and web app, one unified deployment workflow.",
    language: "TypeScript",
    defaultBranch: "main",
    branches: ["main", "develop"],
    createdAt: "2024-02-01T08:00:00Z",
    firstVersion: [0, 18],
    environments: [
      env({ name: "development", id: 3_100_301, workflow: "04-deploy.yml", ref: "develop", region: "us-west-2", cluster: "beacon-development", health: false, services: { api: "beacon-dev-api", web: "beacon-dev-web" } }),
      env({ name: "staging", id: 3_100_302, workflow: "04-deploy.yml", ref: "main", region: "us-west-2", cluster: "beacon-staging", health: false, services: { api: "beacon-staging-api", web: "beacon-staging-web" } }),
      env({ name: "production", id: 3_100_303, workflow: "04-deploy.yml", ref: "main", region: "us-west-2", cluster: "beacon-production", health: false, customGate: true, services: { api: "beacon-prod-api", web: "beacon-prod-web" } }),
    ],
    workflows: [
      workflow(71_000_301, "01-validation.yml", "01 · Validation & Tests", "checks", { pushBranches: ["main", "develop"], pullRequests: true }),
      workflow(71_000_304, "04-deploy.yml", "04 · Deploy", "deploy", { pushBranches: ["develop", "main"] }),
      workflow(71_000_315, "15-feature-flags.yml", "15 · Feature Flags", "flags"),
    ],
  },
];

export function findApp(repo: string): DemoApp | undefined {
  return DEMO_APPS.find((app) => app.repo.toLowerCase() === repo.toLowerCase());
}

/** The environment a push to `branch` deploys, per the config's branch → environment mapping. */
export function environmentForBranch(app: DemoApp, branch: string): DemoEnvironment | undefined {
  // beacon's main deploys staging on push; production only ever by dispatch.
  return app.environments.find((candidate) => candidate.ref === branch && !(candidate.name === "production" && candidate.workflow === "04-deploy.yml"));
}

/** The ECR image for one service at one commit: the run's head SHA is the tag. */
export function imageFor(app: DemoApp, environment: DemoEnvironment, serviceKey: string, sha: string): string {
  return `123456789012.dkr.ecr.${environment.region}.amazonaws.com/${app.slug}-${serviceKey}:${sha}`;
}
