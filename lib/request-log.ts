import "server-only";
import { headers } from "next/headers";
import { log, type Logger } from "@/lib/log";

/**
 * The logger for the current request: every line carries the request id that proxy.ts assigned
 * (and returned to the client as x-request-id), so a user's error reference leads to its log lines.
 * Outside a request (start-up, background work) it is the plain logger.
 */
export async function requestLog(): Promise<Logger> {
  try {
    const requestId = (await headers()).get("x-request-id");
    return requestId ? log.child({ requestId }) : log;
  } catch {
    return log;
  }
}
