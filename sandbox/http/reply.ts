import type { ServerResponse } from "node:http";

/** What a handler returns; the server writes it. Keeping replies as data lets wrappers (GitHub conventions, faults) add headers or swap the body. */
export interface Reply {
  status: number;
  headers?: Record<string, string>;
  /** Serialized with JSON.stringify when `body` is absent. */
  json?: unknown;
  body?: string | Buffer;
}

export const json = (status: number, value: unknown, headers: Record<string, string> = {}): Reply => ({ status, json: value, headers });

export const empty = (status: number, headers: Record<string, string> = {}): Reply => ({ status, headers });

export const redirect = (location: string, status = 302): Reply => ({ status, headers: { location } });

export const html = (status: number, body: string, headers: Record<string, string> = {}): Reply => ({
  status,
  body,
  headers: { "content-type": "text/html; charset=utf-8", "cache-control": "no-store", ...headers },
});

/** The bytes a reply will put on the wire (ETags are computed over exactly these). */
export function replyBody(reply: Reply): string | Buffer | undefined {
  if (reply.body !== undefined) return reply.body;
  if (reply.json !== undefined) return JSON.stringify(reply.json);
  return undefined;
}

export function sendReply(res: ServerResponse, reply: Reply): void {
  const headers: Record<string, string> = { ...reply.headers };
  const body = reply.status === 204 || reply.status === 304 ? undefined : replyBody(reply);
  if (body !== undefined) {
    if (!hasHeader(headers, "content-type")) headers["content-type"] = "application/json; charset=utf-8";
    headers["content-length"] = String(Buffer.byteLength(body));
  } else if (reply.status !== 204 && reply.status !== 304) {
    headers["content-length"] = "0";
  }
  res.writeHead(reply.status, headers);
  res.end(body);
}

function hasHeader(headers: Record<string, string>, name: string): boolean {
  return Object.keys(headers).some((key) => key.toLowerCase() === name);
}
