import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";

/** A small local webhook receiver (node:http on port 0) that keeps every delivery it gets, raw. */
export interface ReceivedHook {
  event: string;
  delivery: string;
  signature: string;
  userAgent: string;
  contentType: string;
  raw: string;
  body: Record<string, unknown>;
}

export interface WebhookReceiver {
  url: string;
  received: ReceivedHook[];
  /** Answer the next `count` deliveries with this status instead of 200. */
  failNext(count: number, status?: number): void;
  close(): Promise<void>;
}

export async function startReceiver(): Promise<WebhookReceiver> {
  const received: ReceivedHook[] = [];
  let failures: { count: number; status: number } = { count: 0, status: 500 };
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      if (failures.count > 0) {
        failures = { ...failures, count: failures.count - 1 };
        res.writeHead(failures.status).end();
        return;
      }
      const raw = Buffer.concat(chunks).toString("utf8");
      received.push({
        event: String(req.headers["x-github-event"] ?? ""),
        delivery: String(req.headers["x-github-delivery"] ?? ""),
        signature: String(req.headers["x-hub-signature-256"] ?? ""),
        userAgent: String(req.headers["user-agent"] ?? ""),
        contentType: String(req.headers["content-type"] ?? ""),
        raw,
        body: JSON.parse(raw) as Record<string, unknown>,
      });
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/api/webhooks/github`,
    received,
    failNext: (count, status = 500) => {
      failures = { count, status };
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
