/**
 * The "bench" scenario's differences from "demo" (scripts/bench-overview.ts): every environment has
 * four ECS services, and there are well over 2,000 workflow runs (extra PR-check runs spread over the
 * history). scripts/bench/flightdeck.bench.yaml names the same services; keep the two in step.
 */
import type { DemoApp } from "./apps";
import { pick, seededRandom } from "./history";
import type { Repo } from "../github/store";
import type { SeedRun } from "./scenario";

export const BENCH_SERVICES_PER_ENVIRONMENT = 4;
const EXTRA_SERVICE_KEYS = ["migrations", "scheduler", "flower"];
/** Extra PR-check runs per repository (3 repositories: ~2,100 runs with the demo's own). */
const EXTRA_CHECK_RUNS = 650;

/** The app with services added (named like its first service: wumbo-dev-backend → wumbo-dev-migrations) up to four per environment. */
export function benchApp(app: DemoApp): DemoApp {
  return {
    ...app,
    environments: app.environments.map((env) => {
      const [firstKey, firstName] = Object.entries(env.services)[0] ?? ["", ""];
      const prefix = firstName.endsWith(firstKey) ? firstName.slice(0, firstName.length - firstKey.length) : `${firstName}-`;
      const services = { ...env.services };
      for (const key of EXTRA_SERVICE_KEYS) {
        if (Object.keys(services).length >= BENCH_SERVICES_PER_ENVIRONMENT) break;
        if (!(key in services)) services[key] = `${prefix}${key}`;
      }
      return { ...env, services };
    }),
  };
}

/** PR-check runs on random commits of the repository's history (deterministic). */
export function benchRuns(repo: Repo, now: number): SeedRun[] {
  const checks = repo.app.workflows.find((candidate) => candidate.kind === "checks");
  const commits = repo.history.commits.filter((commit) => commit.date < now - 3_600_000);
  if (!checks || commits.length === 0) return [];
  const random = seededRandom(`${repo.app.repo}/bench`);
  return Array.from({ length: EXTRA_CHECK_RUNS }, (_, n) => {
    const commit = pick(random, commits);
    return {
      repo,
      workflowFile: checks.file,
      event: "pull_request" as const,
      branch: `feature/bench-${n % 40}`,
      sha: commit.sha,
      actor: commit.author,
      at: commit.date + Math.floor(random() * 3_600_000),
      inputs: {},
      outcome: random() < 0.1 ? ("tests" as const) : ("success" as const),
      pullRequest: { number: 1000 + (n % 40), base: repo.app.defaultBranch },
    };
  });
}
