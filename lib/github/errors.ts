import "server-only";
import { ConflictError, ExpectedError, ForbiddenError, NotFoundError, RateLimitedError, UpstreamUnavailableError } from "@/lib/errors";

interface OctokitLikeError {
  status?: number;
  response?: { headers?: Record<string, string | undefined> };
}

/**
 * Turns a failed GitHub call into an expected error with a message safe to show. GitHub's own
 * message is not passed through: it may name internals, and our wording says what to do next.
 */
export function gitHubFailure(error: unknown, what: string): ExpectedError | unknown {
  const { status, response } = (error ?? {}) as OctokitLikeError;
  const headers = response?.headers ?? {};
  if (status === 429 || (status === 403 && headers["x-ratelimit-remaining"] === "0") || (status === 403 && headers["retry-after"])) {
    const retryAfter = Number(headers["retry-after"]);
    return new RateLimitedError("GitHub", Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : null);
  }
  if (status === 401 || status === 403) return new ForbiddenError(`GitHub did not allow this: ${what}. You may not be a required reviewer, or your sign-in has expired.`);
  if (status === 404) return new NotFoundError(`GitHub does not know ${what}, or you may not see it.`);
  if (status === 409 || status === 422) return new ConflictError(`GitHub refused ${what}: its state changed in the meantime. Reload and look again.`);
  if (status === undefined || status >= 500) return new UpstreamUnavailableError("GitHub");
  return error;
}
