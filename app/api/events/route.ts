import { getCurrentUser } from "@/lib/auth/current-user";
import { createEventStream } from "@/lib/live/event-stream";

// Live updates for open pages (Server-Sent Events). Signed-in people only: events name applications
// and environments. Each instance streams what its one LISTEN connection hears (lib/live/hub.ts).
export const dynamic = "force-dynamic";

export async function GET(request: Request): Promise<Response> {
  const user = await getCurrentUser();
  if (!user) return new Response("Sign in to receive live updates", { status: 401, headers: { "cache-control": "no-store" } });
  return new Response(createEventStream(request.signal), {
    headers: {
      "content-type": "text/event-stream; charset=utf-8",
      "cache-control": "no-cache, no-transform",
      // nginx and similar proxies buffer responses by default, which would hold events back.
      "x-accel-buffering": "no",
    },
  });
}
