import { getConfig } from "@/lib/config";

export interface EnvironmentSummary {
  name: string;
  githubEnvironment: string;
  workflow: string;
  ref: string;
  protected: boolean;
  requiredApprovals: number;
  region: string;
  cluster: string;
  services: { key: string; ecsName: string }[];
  healthChecks: number;
}

export interface ApplicationSummary {
  slug: string;
  name: string;
  repo: string;
  repoUrl: string;
  environments: EnvironmentSummary[];
}

/** The configured applications as small DTOs for rendering (the config holds no secrets, but pages get only what they show). */
export function listApplications(): ApplicationSummary[] {
  const { applications, github } = getConfig();
  return applications.map((app) => ({
    slug: app.slug,
    name: app.name,
    repo: app.repo,
    repoUrl: `${github.webUrl}/${app.repo}`,
    environments: app.environments.map((env) => ({
      name: env.name,
      githubEnvironment: env.githubEnvironment ?? env.name,
      workflow: env.workflow,
      ref: env.ref,
      protected: env.protected,
      requiredApprovals: env.requiredApprovals,
      region: env.ecs.region,
      cluster: env.ecs.cluster,
      services: Object.entries(env.ecs.services).map(([key, ecsName]) => ({ key, ecsName })),
      healthChecks: env.healthChecks.length,
    })),
  }));
}
