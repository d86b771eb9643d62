// When an open page re-reads its server components (pure, unit-tested; used by live-refresh.tsx).
// At most one refresh in flight and one pending, never a queue: the first event refreshes at once; any
// number of events while that refresh runs become one more refresh when it has finished, which then
// shows everything they announced. A refresh that never reports back (a lost transition) is taken as
// finished after `watchdogMs`, so live updates cannot stop for good.

export interface RefreshGate {
  /** An event concerns the page. */
  request(): void;
  /** The refresh in flight has finished (its transition committed). */
  settled(): void;
  dispose(): void;
  readonly state: "idle" | "refreshing" | "refreshing+pending";
}

export interface RefreshGateOptions {
  watchdogMs?: number;
  setTimer?: (callback: () => void, ms: number) => unknown;
  clearTimer?: (timer: unknown) => void;
}

export const REFRESH_WATCHDOG_MS = 10_000;

export function createRefreshGate(start: () => void, options: RefreshGateOptions = {}): RefreshGate {
  const setTimer = options.setTimer ?? ((callback, ms) => setTimeout(callback, ms));
  const clearTimer = options.clearTimer ?? ((timer) => clearTimeout(timer as ReturnType<typeof setTimeout>));
  const watchdogMs = options.watchdogMs ?? REFRESH_WATCHDOG_MS;
  let inFlight = false;
  let pending = false;
  let disposed = false;
  let watchdog: unknown = null;

  const launch = () => {
    inFlight = true;
    pending = false;
    if (watchdog !== null) clearTimer(watchdog);
    watchdog = setTimer(() => {
      watchdog = null;
      finish();
    }, watchdogMs);
    start();
  };
  const finish = () => {
    if (!inFlight || disposed) return;
    if (watchdog !== null) clearTimer(watchdog);
    watchdog = null;
    if (pending) launch();
    else inFlight = false;
  };

  return {
    request() {
      if (disposed) return;
      if (inFlight) pending = true;
      else launch();
    },
    settled: finish,
    dispose() {
      disposed = true;
      if (watchdog !== null) clearTimer(watchdog);
      watchdog = null;
    },
    get state() {
      return !inFlight ? "idle" : pending ? "refreshing+pending" : "refreshing";
    },
  };
}
