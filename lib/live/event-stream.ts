import "server-only";
import { subscribeLive } from "./hub";
import { sseComment, sseEvent, sseRetry } from "./sse";

// The body of GET /api/events: every live event of every instance, as SSE. Events carry only what
// changed ({type, application, environment}); the page re-reads its data from Postgres. After the
// LISTEN connection was lost and came back, events may have been missed: a {"type":"live.resync"}
// event tells the page to reload everything it shows.

export const HEARTBEAT_MS = 15_000;

export function createEventStream(signal: AbortSignal, options: { heartbeatMs?: number } = {}): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let cleanup = () => {};
  return new ReadableStream<Uint8Array>({
    start(controller) {
      let closed = false;
      let wasConnected: boolean | null = null;
      const send = (text: string) => {
        if (closed) return;
        try {
          controller.enqueue(encoder.encode(text));
        } catch {
          cleanup();
        }
      };
      const unsubscribe = subscribeLive({
        onEvent: (_event, raw) => send(sseEvent(raw)),
        onStatus: (connected) => {
          if (connected && wasConnected === false) send(sseEvent(JSON.stringify({ type: "live.resync" })));
          wasConnected = connected;
        },
      });
      const heartbeat = setInterval(() => send(sseComment("heartbeat")), options.heartbeatMs ?? HEARTBEAT_MS);
      cleanup = () => {
        if (closed) return;
        closed = true;
        clearInterval(heartbeat);
        unsubscribe();
        signal.removeEventListener("abort", cleanup);
        try {
          controller.close();
        } catch {
          // Already closed by the runtime.
        }
      };
      signal.addEventListener("abort", cleanup);
      if (signal.aborted) cleanup();
      send(sseRetry());
      send(sseComment("connected"));
    },
    cancel() {
      cleanup();
    },
  });
}
