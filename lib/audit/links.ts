import type { AuditEventView } from "./find-audit-events";

// Where an event points: the GitHub run it is about, the people and things it names, and the other
// events of the same intent. One place, so that when per-environment pages exist they are linked here.

export interface EventLinks {
  target: string | null;
  targetExternal: boolean;
  correlation: string | null;
  application: string | null;
  environment: string | null;
  actor: string | null;
}

export function eventLinks(
  event: Pick<AuditEventView, "application" | "environment" | "targetType" | "target" | "correlationId" | "actorLogin">,
  context: { webUrl: string; repos: Readonly<Record<string, string>> },
): EventLinks {
  const audit = (params: Record<string, string>) => `/audit?${new URLSearchParams(params)}`;
  const repo = event.application ? context.repos[event.application] : undefined;
  let target: string | null = null;
  let targetExternal = false;
  if (event.target) {
    if (event.targetType === "run" && repo && /^\d+$/.test(event.target)) {
      target = `${context.webUrl}/${repo}/actions/runs/${event.target}`;
      targetExternal = true;
    } else if (event.targetType === "commit" && repo && /^[0-9a-f]{7,40}$/.test(event.target)) {
      target = `${context.webUrl}/${repo}/commit/${event.target}`;
      targetExternal = true;
    } else if (event.targetType === "user") {
      target = audit({ actor: event.target });
    } else {
      target = audit({ q: event.target });
    }
  }
  return {
    target,
    targetExternal,
    correlation: event.correlationId ? audit({ correlation: event.correlationId }) : null,
    application: event.application ? audit({ app: event.application }) : null,
    environment: event.application && event.environment ? audit({ app: event.application, env: event.environment }) : null,
    actor: event.actorLogin ? audit({ actor: event.actorLogin }) : null,
  };
}
