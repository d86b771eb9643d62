"use client";

import { useRouter } from "next/navigation";
import { useEffect, useRef, useState, useTransition } from "react";
import { createRefreshGate, type RefreshGate } from "./refresh-gate";
import { isRelevant, parseLiveMessage, type LiveScope } from "./relevance";

type State = "connecting" | "live" | "reconnecting";

/**
 * The live island: listens to /api/events and re-renders the page's server components in place
 * (router.refresh keeps client state: scroll, open dialogs, typed input). The first relevant event
 * refreshes at once; events during a refresh make one more refresh after it (refresh-gate.ts), so a
 * burst of webhooks costs at most two renders and a quiet page reacts without delay. EventSource
 * reconnects on its own; we only reflect its state. The indicator has a fixed width so nothing around
 * it moves.
 */
export function LiveRefresh({ application, environment, ignore }: LiveScope) {
  const router = useRouter();
  const [state, setState] = useState<State>("connecting");
  const [refreshing, startRefresh] = useTransition();
  const gate = useRef<RefreshGate | null>(null);

  // A stable key: a new array from every server render must not reconnect the stream.
  const ignored = ignore?.join(",") ?? "";
  useEffect(() => {
    const scope: LiveScope = { application, environment, ignore: ignored ? ignored.split(",") : undefined };
    // The transition stays pending until the refreshed server components have been committed.
    const current = createRefreshGate(() => startRefresh(() => router.refresh()));
    gate.current = current;
    const source = new EventSource("/api/events");
    source.onopen = () => setState("live");
    source.onerror = () => setState("reconnecting");
    source.onmessage = (message: MessageEvent) => {
      const event = parseLiveMessage(message.data);
      if (event && isRelevant(event, scope)) current.request();
    };
    return () => {
      source.close();
      current.dispose();
      if (gate.current === current) gate.current = null;
    };
  }, [application, environment, ignored, router]);

  useEffect(() => {
    if (!refreshing) gate.current?.settled();
  }, [refreshing]);

  const live = state === "live";
  return (
    <span
      role="status"
      data-testid="live-indicator"
      data-state={state}
      data-refreshing={refreshing ? "true" : undefined}
      title={live ? "Updates appear as they happen" : "Not receiving updates; trying to reconnect"}
      className="inline-flex w-28 shrink-0 items-center gap-1.5 text-xs text-zinc-600 dark:text-zinc-400"
    >
      <span aria-hidden className={`size-2 rounded-full ${live ? "bg-green-500" : "bg-amber-500"}`} />
      {live ? "live" : state === "connecting" ? "connecting…" : "reconnecting…"}
    </span>
  );
}
