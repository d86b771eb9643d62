// Expected failures: each carries a message that is safe to show to the person who acted.
// Anything else is a bug or an outage, logged with a reference and shown as a generic message.

export type ExpectedErrorKind = "forbidden" | "not_found" | "conflict" | "locked" | "upstream_unavailable" | "rate_limited" | "validation";

export class ExpectedError extends Error {
  constructor(
    readonly kind: ExpectedErrorKind,
    message: string,
  ) {
    super(message);
  }
}

export class ForbiddenError extends ExpectedError {
  override name = "ForbiddenError";
  constructor(message: string) {
    super("forbidden", message);
  }
}

export class NotFoundError extends ExpectedError {
  override name = "NotFoundError";
  constructor(message = "Not found, or you may not see it.") {
    super("not_found", message);
  }
}

export class ConflictError extends ExpectedError {
  override name = "ConflictError";
  constructor(message: string) {
    super("conflict", message);
  }
}

export class LockedError extends ExpectedError {
  override name = "LockedError";
  constructor(message: string) {
    super("locked", message);
  }
}

export class UpstreamUnavailableError extends ExpectedError {
  override name = "UpstreamUnavailableError";
  constructor(
    readonly upstream: "GitHub" | "ECS",
    message = `${upstream} is not answering right now. Nothing was changed; try again in a minute.`,
  ) {
    super("upstream_unavailable", message);
  }
}

export class RateLimitedError extends ExpectedError {
  override name = "RateLimitedError";
  constructor(
    readonly upstream: "GitHub" | "ECS",
    readonly retryAfterSeconds: number | null,
  ) {
    super(
      "rate_limited",
      `${upstream} is rate-limiting Flightdeck${retryAfterSeconds ? `; try again in ${retryAfterSeconds} s` : "; try again shortly"}. Nothing was changed.`,
    );
  }
}

/** Input that only the effect can judge (e.g. against a workflow file's declared inputs), per field. */
export class InvalidInputError extends ExpectedError {
  override name = "InvalidInputError";
  constructor(readonly fieldErrors: Record<string, string[]>) {
    super("validation", "Some fields need attention.");
  }
}
