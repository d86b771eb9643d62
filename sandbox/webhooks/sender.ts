import { createHmac, randomUUID } from "node:crypto";
import type { Clock } from "../clock";
import type { Logger } from "../log";

/**
 * Delivers webhooks the way GitHub does: a JSON POST with X-GitHub-Event, a unique
 * X-GitHub-Delivery, X-Hub-Signature-256 (HMAC-SHA256 of the raw body) and a Hookshot user agent.
 * Failed attempts (network error, non-2xx, or an injected fault) are retried on the virtual clock
 * with backoff, and every attempt is recorded for GET /_sandbox/webhooks/deliveries.
 */
export interface DeliveryAttempt {
  at: string;
  status: number | null;
  error: string | null;
  durationMs: number;
}

export interface Delivery {
  id: number;
  guid: string;
  event: string;
  action: string | null;
  url: string | null;
  state: "pending" | "delivered" | "failed" | "skipped";
  attempts: DeliveryAttempt[];
  createdAt: string;
  payload: unknown;
}

/** Virtual ms before each retry; after the last, the delivery is given up. */
export const RETRY_BACKOFF_MS = [10_000, 60_000, 300_000];
const MAX_KEPT = 500;

export interface SenderOptions {
  url: string | undefined;
  secret: string;
  clock: Clock;
  log: Logger;
}

export function signature(secret: string, body: string): string {
  return `sha256=${createHmac("sha256", secret).update(body).digest("hex")}`;
}

export class WebhookSender {
  private deliveries: Delivery[] = [];
  private nextId = 1;
  private failures = 0;
  private cancels = new Set<() => void>();
  /** First attempts go out one after another, so a receiver sees events in the order they happened. */
  private queue: Promise<void> = Promise.resolve();
  private inflight = new Set<Promise<void>>();

  constructor(private readonly options: SenderOptions) {}

  send(event: string, payload: Record<string, unknown>): Delivery {
    const delivery: Delivery = {
      id: this.nextId++,
      guid: randomUUID(),
      event,
      action: typeof payload.action === "string" ? payload.action : null,
      url: this.options.url ?? null,
      state: this.options.url ? "pending" : "skipped",
      attempts: [],
      createdAt: new Date(this.options.clock.now()).toISOString(),
      payload,
    };
    this.deliveries.push(delivery);
    if (this.deliveries.length > MAX_KEPT) this.deliveries.splice(0, this.deliveries.length - MAX_KEPT);
    if (this.options.url) this.queue = this.queue.then(() => this.attempt(delivery));
    return delivery;
  }

  /** The next `count` attempts fail without reaching the receiver (as when GitHub cannot connect). */
  failNext(count: number): void {
    this.failures += count;
  }

  pendingFailures(): number {
    return this.failures;
  }

  list(): Delivery[] {
    return [...this.deliveries].reverse();
  }

  /** Resolves once every delivery attempt started so far has finished (tests). */
  async settled(): Promise<void> {
    await this.queue;
    await Promise.all([...this.inflight]);
  }

  clear(): void {
    for (const cancel of this.cancels) cancel();
    this.cancels.clear();
    this.deliveries = [];
    this.failures = 0;
  }

  private attempt(delivery: Delivery): Promise<void> {
    const work = this.post(delivery).finally(() => this.inflight.delete(work));
    this.inflight.add(work);
    return work;
  }

  private async post(delivery: Delivery): Promise<void> {
    const url = delivery.url;
    if (!url) return;
    const body = JSON.stringify(delivery.payload);
    const started = performance.now();
    const record = (status: number | null, error: string | null): void => {
      delivery.attempts.push({ at: new Date(this.options.clock.now()).toISOString(), status, error, durationMs: Math.round(performance.now() - started) });
    };
    if (this.failures > 0) {
      this.failures -= 1;
      record(null, "injected failure");
    } else {
      try {
        const response = await fetch(url, {
          method: "POST",
          headers: {
            "content-type": "application/json",
            "user-agent": "GitHub-Hookshot/sandbox",
            "x-github-event": delivery.event,
            "x-github-delivery": delivery.guid,
            "x-github-hook-id": "470001",
            "x-github-hook-installation-target-type": "integration",
            "x-github-hook-installation-target-id": "1040001",
            "x-hub-signature-256": signature(this.options.secret, body),
          },
          body,
          signal: AbortSignal.timeout(10_000),
        });
        await response.arrayBuffer().catch(() => undefined);
        record(response.status, response.ok ? null : `HTTP ${response.status}`);
        if (response.ok) {
          delivery.state = "delivered";
          return;
        }
      } catch (error) {
        record(null, error instanceof Error ? error.message : String(error));
      }
    }
    const backoff = RETRY_BACKOFF_MS[delivery.attempts.length - 1];
    if (backoff === undefined) {
      delivery.state = "failed";
      this.options.log("warn", "webhook.failed", { event: delivery.event, guid: delivery.guid, attempts: delivery.attempts.length });
      return;
    }
    const cancel = this.options.clock.schedule(this.options.clock.now() + backoff, () => {
      this.cancels.delete(cancel);
      void this.attempt(delivery);
    });
    this.cancels.add(cancel);
  }
}
