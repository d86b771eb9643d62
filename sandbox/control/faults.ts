/**
 * Injected faults for the GitHub API (/api/v3): answer with an error status, delay the answer,
 * or both — so the app's timeouts, retries and "GitHub is unavailable" states can be tested.
 */
export interface FaultRule {
  id: number;
  /** Matches the route pattern ("/orgs/{org}/teams"), the concrete path ("/orgs/skyward/teams"), either optionally prefixed by a method ("GET /user"); absent matches every API request. */
  route?: string;
  status?: number;
  latencyMs?: number;
  /**
   * GitHub's rate-limit refusals: "secondary-rate-limit" (403 + retry-after, the abuse limiter) or
   * "rate-limit" (primary limit spent: `status` 403 or 429, x-ratelimit-remaining 0).
   */
  kind?: "secondary-rate-limit" | "rate-limit";
  /** How many more requests this rule affects; absent means until cleared. */
  remaining?: number;
}

export type FaultInput = Omit<FaultRule, "id" | "remaining"> & { count?: number };

export class Faults {
  private rules: FaultRule[] = [];
  private nextId = 1;

  add(input: FaultInput): FaultRule {
    const { count, ...rest } = input;
    const rule: FaultRule = { id: this.nextId++, ...rest, ...(count !== undefined ? { remaining: count } : {}) };
    this.rules.push(rule);
    return rule;
  }

  list(): FaultRule[] {
    return this.rules.map((rule) => ({ ...rule }));
  }

  /** The first rule that applies to this request, counted as used. */
  take(request: { method: string; path: string; pattern?: string }): FaultRule | undefined {
    const rule = this.rules.find((candidate) => matches(candidate.route, request));
    if (!rule) return undefined;
    if (rule.remaining !== undefined) {
      rule.remaining -= 1;
      if (rule.remaining <= 0) this.rules = this.rules.filter((other) => other !== rule);
    }
    return { ...rule };
  }

  clear(): void {
    this.rules = [];
  }
}

function matches(route: string | undefined, request: { method: string; path: string; pattern?: string }): boolean {
  if (route === undefined || route === "*") return true;
  const spaced = /^([A-Za-z]+)\s+(\S+)$/.exec(route.trim());
  const method = spaced?.[1]?.toUpperCase();
  const target = stripApiPrefix(spaced?.[2] ?? route.trim());
  if (method && method !== request.method.toUpperCase()) return false;
  return target === request.pattern || target === request.path;
}

function stripApiPrefix(path: string): string {
  return path.startsWith("/api/v3/") ? path.slice("/api/v3".length) : path;
}
