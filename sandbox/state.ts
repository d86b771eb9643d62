import type { Clock } from "./clock";
import type { SandboxOptions } from "./config";
import { Faults } from "./control/faults";
import { RequestCounts } from "./control/request-counts";
import { seedDirectory, type Directory } from "./directory";
import { createEcsSimulator, type EcsSimulator } from "./ecs";
import { RateLimits } from "./github/rate-limit";
import { urlsFor, type Urls } from "./github/shapes";
import { GitHubWorld } from "./lifecycle/world";
import type { Logger } from "./log";
import { OAuthStore } from "./oauth/oauth-store";

/** Everything the sandbox remembers. One object, so `reset` can put all of it back at once. */
export interface SandboxState {
  readonly options: SandboxOptions;
  readonly publicUrl: string;
  readonly urls: Urls;
  readonly clock: Clock;
  readonly log: Logger;
  directory: Directory;
  readonly oauth: OAuthStore;
  readonly rateLimits: RateLimits;
  readonly faults: Faults;
  readonly requests: RequestCounts;
  /** The AWS ECS simulator (clusters, services, task definitions, rollouts on the clock). reset() empties it; scenarios seed it. */
  readonly ecs: EcsSimulator;
  /** Repositories, workflow runs, deployments, the run lifecycle engine and webhook deliveries. reset() reloads the current scenario. */
  readonly github: GitHubWorld;
  /** Back to the seeded demo data: tokens, codes, rate limits, faults and counts cleared. The clock keeps running — time never goes backwards. */
  reset(): void;
}

export function createState(options: SandboxOptions, publicUrl: string, clock: Clock, log: Logger): SandboxState {
  const ecs = createEcsSimulator({ clock });
  const urls = urlsFor(publicUrl);
  const github = new GitHubWorld({
    clock,
    urls,
    log,
    ecs,
    directory: () => state.directory,
    webhookUrl: options.appWebhookUrl,
    webhookSecret: options.webhookSecret,
    appToken: options.appInstallationToken,
  });
  const state: SandboxState = {
    options,
    publicUrl,
    urls,
    clock,
    log,
    directory: seedDirectory(),
    oauth: new OAuthStore(clock),
    rateLimits: new RateLimits(clock),
    faults: new Faults(),
    requests: new RequestCounts(),
    ecs,
    github,
    reset() {
      state.ecs.reset();
      state.directory = seedDirectory();
      state.oauth.clear();
      state.rateLimits.clear();
      state.faults.clear();
      state.requests.clear();
      // Last: the scenario seeds the ECS simulator, which must be empty by now.
      state.github.load("demo");
    },
  };
  github.load("demo");
  return state;
}
