// Test-only: the webhook endpoint (lib/webhooks/github, what POST /api/webhooks/github runs) on a local
// HTTP port, so an in-process sandbox delivers its signed webhooks to it exactly as to the app.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll } from "vitest";
import { receiveGithubWebhook } from "@/lib/webhooks/github";

/** Registers hooks; the returned function gives the URL to pass as the sandbox's appWebhookUrl (from the next beforeAll on). */
export function useWebhookReceiver(): () => string {
  let server: http.Server | undefined;
  beforeAll(async () => {
    server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (chunk: Buffer) => chunks.push(chunk));
      req.on("end", async () => {
        const headers = new Headers();
        for (const [name, value] of Object.entries(req.headers)) if (typeof value === "string") headers.set(name, value);
        const response = await receiveGithubWebhook(new Request("http://localhost/api/webhooks/github", { method: "POST", headers, body: Buffer.concat(chunks) }));
        res.writeHead(response.status).end(await response.text());
      });
    });
    await new Promise<void>((resolve) => server!.listen(0, "127.0.0.1", resolve));
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  });
  return () => {
    if (!server) throw new Error("the webhook receiver exists only inside tests and hooks");
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/webhooks/github`;
  };
}
