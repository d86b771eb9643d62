// Helpers for scripts/bench-overview.ts: child processes, a cookie jar for the OAuth sign-in, HTTP
// timing over keep-alive loopback connections, percentiles. Loopback only.
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import http from "node:http";

export function startProcess(name: string, command: string[], env: Record<string, string>): ChildProcess {
  const [bin, ...args] = command;
  const child = spawn(bin ?? "npx", args, { env: { ...process.env, ...env }, stdio: ["ignore", "ignore", "pipe"], detached: true });
  child.stderr?.on("data", (chunk: Buffer) => {
    const text = chunk.toString();
    // The app logs JSON lines; only problems are worth showing next to the results.
    for (const line of text.split("\n")) if (line.trim() && !line.includes('"level":"info"') && !line.includes("npm warn")) process.stderr.write(`[${name}] ${line}\n`);
  });
  return child;
}

export function stopProcess(child: ChildProcess | undefined): void {
  if (!child?.pid) return;
  try {
    process.kill(-child.pid, "SIGTERM");
  } catch {
    // already gone
  }
}

export async function waitFor<T>(what: string, timeoutMs: number, probe: () => Promise<T | null | undefined | false>, everyMs = 250): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await probe();
      if (value) return value;
    } catch (error) {
      lastError = error;
    }
    await sleep(everyMs);
  }
  throw new Error(`timed out waiting for ${what}${lastError ? ` (${String(lastError)})` : ""}`);
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** A minimal cookie jar: name → value for one host (enough for next-auth's cookies). */
export class CookieJar {
  private cookies = new Map<string, string>();

  store(response: Response): void {
    for (const header of response.headers.getSetCookie()) {
      const [pair] = header.split(";");
      const index = pair?.indexOf("=") ?? -1;
      if (!pair || index < 1) continue;
      const name = pair.slice(0, index).trim();
      const value = pair.slice(index + 1).trim();
      if (/max-age=0|expires=thu, 01 jan 1970/i.test(header) || value === "") this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  header(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join("; ");
  }

  get(name: string): string | undefined {
    return this.cookies.get(name);
  }
}

/**
 * Signs in through the real OAuth flow with plain fetch: next-auth's sign-in POST → the sandbox's
 * authorize endpoint (`login=` picks the demo person, as its consent page would) → our callback.
 * Returns the cookie header of the signed-in session.
 */
export async function signIn(appUrl: string, login: string): Promise<string> {
  const jar = new CookieJar();
  const step = async (url: string, init: RequestInit = {}) => {
    const sameApp = url.startsWith(appUrl);
    const response = await fetch(url, { ...init, redirect: "manual", headers: { ...(init.headers ?? {}), ...(sameApp ? { cookie: jar.header() } : {}) } });
    if (sameApp) jar.store(response);
    return response;
  };
  const csrf = (await (await step(`${appUrl}/api/auth/csrf`)).json()) as { csrfToken: string };
  const body = new URLSearchParams({ csrfToken: csrf.csrfToken, callbackUrl: `${appUrl}/`, json: "true" });
  const start = await step(`${appUrl}/api/auth/signin/github`, { method: "POST", body, headers: { "content-type": "application/x-www-form-urlencoded" } });
  const authorizeUrl = start.headers.get("location") ?? ((await start.json()) as { url: string }).url;
  const authorize = await step(`${authorizeUrl}&login=${encodeURIComponent(login)}`);
  const callback = authorize.headers.get("location");
  if (!callback?.startsWith(appUrl)) throw new Error(`the sandbox did not redirect back (${authorize.status} ${callback ?? ""})`);
  await step(callback);
  if (![...jar.header().matchAll(/session-token=/g)].length) throw new Error("no session cookie after the OAuth callback");
  return jar.header();
}

/** One GET over a keep-alive agent (an HTML page unless `headers` say otherwise); resolves with status, body size and milliseconds to the last byte. */
export function timedGet(agent: http.Agent, url: URL, cookie: string, check?: (body: string) => boolean, headers: Record<string, string> = { accept: "text/html" }): Promise<{ status: number; ms: number; ok: boolean; bytes: number }> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const request = http.get({ host: url.hostname, port: url.port, path: url.pathname + url.search, agent, headers: { ...headers, cookie } }, (response) => {
      const chunks: Buffer[] = [];
      response.on("data", (chunk: Buffer) => chunks.push(chunk));
      response.on("end", () => {
        const ms = performance.now() - started;
        const status = response.statusCode ?? 0;
        const body = Buffer.concat(chunks);
        resolve({ status, ms, ok: status === 200 && (!check || check(body.toString())), bytes: body.length });
      });
    });
    request.setTimeout(15_000, () => request.destroy(new Error("timeout")));
    request.on("error", reject);
  });
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? NaN;
}

export function summarize(values: number[]) {
  const sorted = [...values].sort((a, b) => a - b);
  return { n: sorted.length, p50: percentile(sorted, 50), p95: percentile(sorted, 95), p99: percentile(sorted, 99), max: sorted.at(-1) ?? NaN };
}

/** Holds an SSE connection open like a browser tab's EventSource; calls `onEvent` with each event's data. */
export function openEventStream(url: URL, cookie: string, onEvent: (data: string) => void = () => undefined): { close(): void } {
  const request = http.get({ host: url.hostname, port: url.port, path: url.pathname, headers: { cookie, accept: "text/event-stream" } }, (response) => {
    let buffered = "";
    response.on("data", (chunk: Buffer) => {
      buffered += chunk.toString();
      // Events end with a blank line; a chunk may end mid-event.
      const events = buffered.split("\n\n");
      buffered = events.pop() ?? "";
      for (const event of events) {
        const data = event.split("\n").filter((line) => line.startsWith("data:")).map((line) => line.slice(5).trimStart()).join("\n");
        if (data) onEvent(data);
      }
    });
    response.on("error", () => undefined);
  });
  request.on("error", () => undefined);
  return { close: () => request.destroy() };
}

/**
 * CPU time (user + system, ms) used so far by every process of a process group (the app started
 * detached: npx → next-server). Linux /proc only; null elsewhere. Wall time on a shared machine
 * depends on what else runs; CPU per request does much less.
 */
export function groupCpuMs(pgid: number | undefined): number | null {
  if (!pgid || !fs.existsSync("/proc/self/stat")) return null;
  const ticks = 100; // USER_HZ on Linux
  let total = 0;
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    let stat: string;
    try {
      stat = fs.readFileSync(`/proc/${entry}/stat`, "utf8");
    } catch {
      continue; // exited meanwhile
    }
    // Fields after "(comm)": state ppid pgrp session tty_nr tpgid flags minflt cminflt majflt cmajflt utime stime
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    if (Number(fields[2]) !== pgid) continue;
    total += Number(fields[11]) + Number(fields[12]);
  }
  return (total * 1000) / ticks;
}
