// A standalone OFREP server: the same handlers as app/ofrep/v1/... (lib/flags/ofrep-handler.ts) on
// plain node:http, without Next's request pipeline. For deployments that want flag evaluation on its
// own port / process (it shares the database and the LISTEN-based cache invalidation).
//   node scripts/with-db.mjs tsx --conditions=react-server scripts/ofrep-server.ts   (OFREP_PORT, default 3400)
import http from "node:http";
import { evaluateAllFlags, evaluateOneFlag } from "@/lib/flags/ofrep-handler";

const PORT = Number(process.env.OFREP_PORT ?? 3400);
const HOST = process.env.OFREP_HOST ?? "127.0.0.1";
const ROUTE = /^\/ofrep\/v1\/evaluate\/flags(?:\/([^/?]+))?(?:\?.*)?$/;

const server = http.createServer((req, res) => {
  const match = ROUTE.exec(req.url ?? "");
  if (!match || req.method !== "POST") {
    res.writeHead(req.url === "/health" ? 200 : 404).end();
    return;
  }
  const chunks: Buffer[] = [];
  let size = 0;
  req.on("data", (chunk: Buffer) => {
    size += chunk.length;
    if (size <= 64 * 1024) chunks.push(chunk);
  });
  req.on("end", async () => {
    const headers = new Headers();
    for (const [name, value] of Object.entries(req.headers)) if (typeof value === "string") headers.set(name, value);
    const request = new Request(`http://${HOST}${req.url}`, { method: "POST", headers, body: Buffer.concat(chunks) });
    const response = match[1] ? await evaluateOneFlag(request, decodeURIComponent(match[1])) : await evaluateAllFlags(request);
    res.writeHead(response.status, Object.fromEntries(response.headers));
    res.end(Buffer.from(await response.arrayBuffer()));
  });
});
server.keepAliveTimeout = 65_000;
server.listen(PORT, HOST, () => console.error(`[ofrep] listening on http://${HOST}:${PORT}`));
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => server.close(() => process.exit(0)));
