/** What a page shows: events about other applications or environments do not refresh it. */
export interface LiveScope {
  application?: string;
  environment?: string;
}

export interface LiveMessage {
  type?: unknown;
  application?: unknown;
  environment?: unknown;
}

/**
 * Whether an event from /api/events concerns a page. An event that names no application (a global
 * change, or one we cannot place) refreshes every page: a stale page is worse than one extra refresh.
 */
export function isRelevant(event: LiveMessage, scope: LiveScope): boolean {
  const application = typeof event.application === "string" && event.application ? event.application : null;
  const environment = typeof event.environment === "string" && event.environment ? event.environment : null;
  if (!scope.application || !application) return true;
  if (application !== scope.application) return false;
  if (!scope.environment || !environment) return true;
  return environment === scope.environment;
}

/** Parses one SSE `data:` payload; null for anything that is not a JSON object (comments, pings). */
export function parseLiveMessage(data: unknown): LiveMessage | null {
  if (typeof data !== "string") return null;
  try {
    const value: unknown = JSON.parse(data);
    return value && typeof value === "object" && !Array.isArray(value) ? (value as LiveMessage) : null;
  } catch {
    return null;
  }
}
