import "server-only";
import { recordExternalEvent } from "@/lib/audit/record";
import { getConfig, type FlightdeckConfig } from "@/lib/config";
import { db } from "@/lib/db";
import { serverEnv } from "@/lib/env";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { publishLiveEvent, type LiveEvent } from "@/lib/live/publish";
import { log } from "@/lib/log";
import { githubAppCredentials, installationToken } from "@/lib/github/app-auth";
import { verifyWebhookSignature } from "@/lib/github/webhook-signature";
import { applyGithubEvent } from "./apply-github-event";

// POST /api/webhooks/github. Order matters: the signature is checked over the raw bytes before anything
// is parsed or stored (401, nothing stored); the delivery id is claimed before the effect, so a
// redelivered or replayed delivery is acknowledged and ignored; a failure releases the claim so GitHub's
// retry is processed.

const MAX_BODY_BYTES = 5 * 1024 * 1024;

export interface WebhookDeps {
  prisma: PrismaClient;
  secret: string;
  config: FlightdeckConfig;
  publish(event: LiveEvent): Promise<void>;
  /** The GitHub App's installation token, for answering deployment protection rules; null when not configured. */
  appToken(installationId: number | null): Promise<string | null>;
}

function defaultDeps(): WebhookDeps {
  const config = getConfig();
  return {
    prisma: db(),
    secret: serverEnv().GITHUB_WEBHOOK_SECRET,
    config,
    publish: publishLiveEvent,
    async appToken(installationId) {
      const credentials = githubAppCredentials();
      return credentials ? installationToken(credentials, installationId, config.github.apiUrl) : null;
    },
  };
}

const json = (status: number, body: object) => Response.json(body, { status, headers: { "cache-control": "no-store" } });

export async function receiveGithubWebhook(request: Request, deps: WebhookDeps = defaultDeps()): Promise<Response> {
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > MAX_BODY_BYTES) return json(413, { message: "Payload too large" });
  const body = new Uint8Array(await request.arrayBuffer());
  if (body.byteLength > MAX_BODY_BYTES) return json(413, { message: "Payload too large" });
  if (!verifyWebhookSignature(deps.secret, body, request.headers.get("x-hub-signature-256"))) {
    log.warn("webhook.bad_signature", { delivery: request.headers.get("x-github-delivery")?.slice(0, 64) ?? null });
    return json(401, { message: "Invalid or missing X-Hub-Signature-256" });
  }
  const event = request.headers.get("x-github-event") ?? "";
  const delivery = request.headers.get("x-github-delivery") ?? "";
  if (!/^[\w-]{1,100}$/.test(event) || !/^[\w-]{1,100}$/.test(delivery)) return json(400, { message: "Missing X-GitHub-Event or X-GitHub-Delivery" });
  let payload: Record<string, unknown>;
  try {
    payload = JSON.parse(new TextDecoder().decode(body)) as Record<string, unknown>;
  } catch {
    return json(400, { message: "Body is not JSON" });
  }
  const action = typeof payload.action === "string" ? payload.action.slice(0, 100) : null;

  const claimed = await deps.prisma.webhookDelivery.createMany({ data: [{ deliveryId: delivery, event, action }], skipDuplicates: true });
  if (claimed.count === 0) return json(200, { status: "duplicate" });

  try {
    const applied = await applyGithubEvent({ prisma: deps.prisma, config: deps.config, event, action, payload, audit: (input) => recordExternalEvent(input, { db: deps.prisma }), appToken: deps.appToken });
    for (const live of applied.live) await deps.publish(live);
    return json(applied.handled ? 200 : 202, { status: applied.handled ? "stored" : "ignored" });
  } catch (error) {
    await deps.prisma.webhookDelivery.delete({ where: { deliveryId: delivery } }).catch(() => {});
    log.error("webhook.failed", { event, action, delivery, error });
    return json(500, { message: "Could not process the delivery; it may be redelivered" });
  }
}
