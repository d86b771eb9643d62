import type { Clock } from "./clock";
import type { SandboxOptions } from "./config";
import { Faults } from "./control/faults";
import { RequestCounts } from "./control/request-counts";
import { seedDirectory, type Directory } from "./directory";
import { RateLimits } from "./github/rate-limit";
import { urlsFor, type Urls } from "./github/shapes";
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
  /** Back to the seeded demo data: tokens, codes, rate limits, faults and counts cleared. The clock keeps running — time never goes backwards. */
  reset(): void;
}

export function createState(options: SandboxOptions, publicUrl: string, clock: Clock, log: Logger): SandboxState {
  const state: SandboxState = {
    options,
    publicUrl,
    urls: urlsFor(publicUrl),
    clock,
    log,
    directory: seedDirectory(),
    oauth: new OAuthStore(clock),
    rateLimits: new RateLimits(clock),
    faults: new Faults(),
    requests: new RequestCounts(),
    reset() {
      state.directory = seedDirectory();
      state.oauth.clear();
      state.rateLimits.clear();
      state.faults.clear();
      state.requests.clear();
    },
  };
  return state;
}
