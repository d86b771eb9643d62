import { spawn } from "node:child_process";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const MAIN = fileURLToPath(new URL("./main.ts", import.meta.url));

interface LogLine {
  msg: string;
  [key: string]: unknown;
}

describe("sandbox/main.ts as a process", () => {
  it("starts from env, logs one JSON line per request, and exits cleanly on SIGTERM", async () => {
    const child = spawn(process.execPath, ["--import", "tsx", MAIN], {
      env: { ...process.env, SANDBOX_PORT: "0", SANDBOX_CLOCK: "manual", SANDBOX_OAUTH_CLIENT_ID: "from-env" },
      stdio: ["ignore", "pipe", "inherit"],
    });
    const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
    const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
    // Waits for a given log line (state), never for an amount of time.
    const next = async (msg: string): Promise<LogLine> => {
      for (;;) {
        const { value, done } = await lines.next();
        if (done) throw new Error(`process ended before logging "${msg}"`);
        const line = JSON.parse(value as string) as LogLine;
        if (line.msg === msg) return line;
      }
    };

    const listening = await next("sandbox.listening");
    expect(listening).toMatchObject({ clock: "manual", oauthClientId: "from-env" });
    const url = String(listening.url);
    expect(url).toMatch(/^http:\/\/localhost:\d+$/);

    expect(await (await fetch(`${url}/_sandbox/health`)).json()).toEqual({ ok: true, clock: "manual" });
    expect((await fetch(`${url}/api/v3/user?secret=1`)).status).toBe(401);
    await next("request");
    const apiLine = await next("request");
    expect(apiLine).toMatchObject({ level: "info", method: "GET", path: "/api/v3/user", endpoint: "GET /api/v3/user", status: 401 });
    expect(typeof apiLine.ms).toBe("number");

    child.kill("SIGTERM");
    expect(await next("sandbox.stopping")).toMatchObject({ signal: "SIGTERM" });
    expect(await exited).toBe(0);
  });
});
