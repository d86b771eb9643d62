import type { Clock } from "../clock";

/** GitHub's primary REST limits: 5,000 an hour for a signed-in user, 60 for an anonymous address. */
export const AUTHENTICATED_LIMIT = 5000;
export const ANONYMOUS_LIMIT = 60;
const WINDOW_SECONDS = 60 * 60;

export interface RateLimitBucket {
  limit: number;
  used: number;
  remaining: number;
  /** Epoch seconds when the window ends. */
  reset: number;
}

/**
 * Fixed windows that start at a bucket's first request, as GitHub's do, on the virtual clock
 * (tests advance past `reset` instead of waiting an hour).
 *
 * Buckets are per user, not per token: GitHub counts every OAuth token of one person against the
 * same 5,000 ("OAuth apps authorized by you share the same quota"), so a client that rotates
 * tokens must still see the limit it would see in production.
 */
export class RateLimits {
  private buckets = new Map<string, { limit: number; used: number; reset: number }>();

  constructor(private readonly clock: Clock) {}

  /** The bucket as it stands, opening a new window when the old one has passed. */
  peek(key: string, limit: number): RateLimitBucket {
    const nowSeconds = Math.floor(this.clock.now() / 1000);
    let bucket = this.buckets.get(key);
    if (!bucket || bucket.reset <= nowSeconds) {
      bucket = { limit, used: 0, reset: nowSeconds + WINDOW_SECONDS };
      this.buckets.set(key, bucket);
    }
    return { limit: bucket.limit, used: bucket.used, remaining: Math.max(0, bucket.limit - bucket.used), reset: bucket.reset };
  }

  consume(key: string, limit: number): RateLimitBucket {
    this.peek(key, limit);
    const bucket = this.buckets.get(key);
    if (bucket) bucket.used += 1;
    return this.peek(key, limit);
  }

  /** For tests and demos of "rate limit nearly exhausted": sets what is left in the current window. */
  setRemaining(key: string, limit: number, remaining: number): RateLimitBucket {
    this.peek(key, limit);
    const bucket = this.buckets.get(key);
    if (bucket) bucket.used = Math.max(0, bucket.limit - Math.max(0, Math.floor(remaining)));
    return this.peek(key, limit);
  }

  clear(): void {
    this.buckets.clear();
  }
}

export function rateLimitHeaders(bucket: RateLimitBucket): Record<string, string> {
  return {
    "x-ratelimit-limit": String(bucket.limit),
    "x-ratelimit-remaining": String(bucket.remaining),
    "x-ratelimit-used": String(bucket.used),
    "x-ratelimit-reset": String(bucket.reset),
    "x-ratelimit-resource": "core",
  };
}
