"use client";

import { useRouter } from "next/navigation";
import { startTransition, useEffect, useRef, useState } from "react";
import { isRelevant, parseLiveMessage, type LiveScope } from "./relevance";

/** Quiet period before refreshing: a burst of webhooks (a run's jobs) becomes one refresh. */
const DEBOUNCE_MS = 150;
/** …but a steady stream never postpones a refresh longer than this. */
const MAX_WAIT_MS = 600;

type State = "connecting" | "live" | "reconnecting";

/**
 * The live island: listens to /api/events and re-renders the page's server components in place
 * (router.refresh keeps client state: scroll, open dialogs, typed input). EventSource reconnects on
 * its own; we only reflect its state. The indicator has a fixed width so nothing around it moves.
 */
export function LiveRefresh({ application, environment }: LiveScope) {
  const router = useRouter();
  const [state, setState] = useState<State>("connecting");
  const timers = useRef<{ debounce: ReturnType<typeof setTimeout> | null; firstAt: number | null }>({ debounce: null, firstAt: null });

  useEffect(() => {
    const scope: LiveScope = { application, environment };
    const pending = timers.current;
    const refresh = () => {
      pending.debounce = null;
      pending.firstAt = null;
      startTransition(() => router.refresh());
    };
    const source = new EventSource("/api/events");
    source.onopen = () => setState("live");
    source.onerror = () => setState("reconnecting");
    source.onmessage = (message: MessageEvent) => {
      const event = parseLiveMessage(message.data);
      if (!event || !isRelevant(event, scope)) return;
      const now = Date.now();
      pending.firstAt ??= now;
      if (pending.debounce) clearTimeout(pending.debounce);
      const wait = Math.max(0, Math.min(DEBOUNCE_MS, pending.firstAt + MAX_WAIT_MS - now));
      pending.debounce = setTimeout(refresh, wait);
    };
    return () => {
      source.close();
      if (pending.debounce) clearTimeout(pending.debounce);
      pending.debounce = null;
      pending.firstAt = null;
    };
  }, [application, environment, router]);

  const live = state === "live";
  return (
    <span
      role="status"
      data-testid="live-indicator"
      data-state={state}
      title={live ? "Updates appear as they happen" : "Not receiving updates; trying to reconnect"}
      className="inline-flex w-28 shrink-0 items-center gap-1.5 text-xs text-zinc-600 dark:text-zinc-400"
    >
      <span aria-hidden className={`size-2 rounded-full ${live ? "bg-green-500" : "bg-amber-500"}`} />
      {live ? "live" : state === "connecting" ? "connecting…" : "reconnecting…"}
    </span>
  );
}
