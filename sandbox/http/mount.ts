import type { IncomingMessage } from "node:http";
import type { Reply } from "./reply";

/** What a part of the sandbox (GitHub API, OAuth, control API, web pages, later ECS) gets per request. */
export interface Incoming {
  req: IncomingMessage;
  method: string;
  url: URL;
  /** Filled in by the mount that handles the request; used for logs and request counts. */
  meta: { endpoint?: string; counted: boolean };
  /** Aborted when the sandbox closes, so injected latency never holds shutdown up. */
  signal: AbortSignal;
}

/** One wing of the server. Mounts are tried in order; the first whose `matches` is true answers. */
export interface Mount {
  name: string;
  matches(incoming: Incoming): boolean;
  handle(incoming: Incoming): Promise<Reply> | Reply;
}
