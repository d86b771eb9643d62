/**
 * GitHub activity: a run started or moved on, a job's steps, a deployment's statuses. The overview shows
 * what ECS runs, approvals, locks, health and how far behind — none of these — so it ignores them (a
 * deploy sends a dozen); what such activity changes there comes with an event of its own
 * (approval.changed when a run leaves "waiting", ecs.changed, github.changed from the refresher).
 * A page that starts showing any of these must stop ignoring it.
 */
export const GITHUB_ACTIVITY_EVENTS: readonly string[] = ["run.changed", "job.changed", "deployment.changed"];

/** A job's steps moved on: pages that show runs only when they finish (metrics) ignore it. */
export const JOB_EVENTS: readonly string[] = ["job.changed"];

/** What a page shows: events about other applications or environments do not refresh it. */
export interface LiveScope {
  application?: string;
  environment?: string;
  /**
   * Event types whose changes the page does not show (e.g. "job.changed": a job's steps moved on).
   * Only for types a page provably never renders; anything unknown refreshes.
   */
  ignore?: readonly string[];
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
  if (typeof event.type === "string" && scope.ignore?.includes(event.type)) return false;
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
