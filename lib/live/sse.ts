// Server-Sent Events framing (pure, unit-tested). Each event is "data:" lines and a blank line; a line
// starting with ":" is a comment (our heartbeat, which keeps proxies from closing an idle stream).

export const SSE_RETRY_MS = 3_000;

/** One event. Without a name the browser dispatches it as "message" (EventSource.onmessage). */
export function sseEvent(data: string, options: { event?: string; id?: string } = {}): string {
  let frame = "";
  if (options.id) frame += `id: ${options.id.replace(/[\r\n]/g, "")}\n`;
  if (options.event) frame += `event: ${options.event.replace(/[\r\n]/g, "")}\n`;
  // A newline inside data would end the field: split into several data lines, which the browser joins with \n.
  for (const line of data.split(/\r\n|\r|\n/)) frame += `data: ${line}\n`;
  return `${frame}\n`;
}

export function sseComment(text: string): string {
  return `: ${text.replace(/[\r\n]/g, " ")}\n\n`;
}

/** How long the browser waits before reconnecting after the stream drops. */
export function sseRetry(ms: number = SSE_RETRY_MS): string {
  return `retry: ${Math.max(0, Math.floor(ms))}\n\n`;
}
