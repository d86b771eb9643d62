import type { Page } from "@playwright/test";

// The audit trail as a test reads it: through the app's own export (any signed-in reader may export),
// so a test checks what a user would find, not rows it inserted itself.

export interface AuditEvent {
  id: string;
  action: string;
  outcome: string;
  /** user | github | ecs | system */
  actorType: string;
  actorLogin: string | null;
  application: string | null;
  environment: string | null;
  target: string | null;
  correlationId: string | null;
  payload: Record<string, unknown> | null;
}

/** Events matching the /audit filters (app, env, action, actor, outcome, correlation…), newest first. */
export async function auditEvents(page: Page, filters: Record<string, string>): Promise<AuditEvent[]> {
  const response = await page.request.get(`/api/audit/export?${new URLSearchParams({ format: "jsonl", ...filters })}`);
  if (!response.ok()) throw new Error(`audit export answered ${response.status()}: ${await response.text()}`);
  return (await response.text())
    .split("\n")
    .filter(Boolean)
    .map((line) => JSON.parse(line) as AuditEvent)
    .sort((a, b) => (BigInt(b.id) > BigInt(a.id) ? 1 : -1));
}

/** The newest event id so far, to look only at what a test causes afterwards. */
export async function latestAuditId(page: Page): Promise<bigint> {
  const [newest] = await auditEvents(page, {});
  return newest ? BigInt(newest.id) : 0n;
}

/** Events after `since` (an id from latestAuditId), oldest first — without the exports these reads record. */
export async function auditEventsSince(page: Page, since: bigint, filters: Record<string, string> = {}): Promise<AuditEvent[]> {
  return (await auditEvents(page, filters))
    .filter((event) => BigInt(event.id) > since && event.action !== "audit.exported")
    .reverse();
}
