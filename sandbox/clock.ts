/**
 * The sandbox's virtual clock. Everything time-driven (code expiry, rate-limit windows, and later
 * workflow runs and ECS rollouts) reads `now()` and schedules work here, never `Date.now()` or
 * `setTimeout`, so tests can move time forward explicitly instead of sleeping, and demos can run
 * faster than real time.
 *
 * - "manual": time stands still until `advance(ms)`; scheduled tasks run inside `advance`, in due
 *   order, each seeing `now()` equal to its due time (so a task may schedule a follow-up that also
 *   falls inside the same advance).
 * - "realtime": time follows the wall clock times `speed`; a coarse ticker runs due tasks.
 *   `advance(ms)` still works and jumps ahead.
 */
export type ClockMode = "realtime" | "manual";

export interface ClockOptions {
  mode: ClockMode;
  /** Virtual milliseconds per real millisecond in realtime mode. */
  speed?: number;
  /** Epoch ms the clock starts at; defaults to the real time of creation. */
  startAt?: number;
  /** How often realtime mode checks for due tasks (real ms). */
  tickMs?: number;
}

export interface Clock {
  readonly mode: ClockMode;
  readonly speed: number;
  now(): number;
  advance(ms: number): void;
  /** Runs `task` once the virtual time reaches `at`. Returns a cancel function. */
  schedule(at: number, task: () => void): () => void;
  /** Number of tasks not yet run (for diagnostics and tests). */
  pending(): number;
  dispose(): void;
}

interface Task {
  at: number;
  seq: number;
  run: () => void;
}

export function createClock(options: ClockOptions): Clock {
  const speed = options.speed ?? 1;
  if (!(speed > 0) || !Number.isFinite(speed)) throw new Error(`clock speed must be a positive number, got ${speed}`);
  const realAnchor = Date.now();
  const virtualAnchor = options.startAt ?? realAnchor;
  let offset = 0;
  // While advance() runs tasks in manual mode, now() reports the running task's due time.
  let pinned: number | undefined;
  let seq = 0;
  let tasks: Task[] = [];
  let running = false;

  const base = (): number =>
    options.mode === "manual" ? virtualAnchor + offset : virtualAnchor + (Date.now() - realAnchor) * speed + offset;
  const now = (): number => Math.floor(pinned ?? base());

  function runDue(until: number): void {
    // Re-entrancy guard: a task that calls advance() must not run tasks out of order.
    if (running) return;
    running = true;
    try {
      for (;;) {
        const next = tasks.reduce<Task | undefined>((best, t) => (!best || t.at < best.at || (t.at === best.at && t.seq < best.seq) ? t : best), undefined);
        if (!next || next.at > until) break;
        tasks = tasks.filter((t) => t !== next);
        if (options.mode === "manual") pinned = Math.max(next.at, pinned ?? 0);
        next.run();
      }
    } finally {
      pinned = undefined;
      running = false;
    }
  }

  const ticker =
    options.mode === "realtime" ? setInterval(() => runDue(now()), options.tickMs ?? 100) : undefined;
  // The ticker alone must never keep the process alive.
  ticker?.unref();

  return {
    mode: options.mode,
    speed,
    now,
    advance(ms) {
      if (!(ms >= 0) || !Number.isFinite(ms)) throw new RangeError(`advance expects a non-negative number of ms, got ${ms}`);
      const target = base() + ms;
      if (options.mode === "manual") {
        runDue(target);
        offset += ms;
      } else {
        offset += ms;
        runDue(target);
      }
    },
    schedule(at, task) {
      const entry: Task = { at, seq: seq++, run: task };
      tasks.push(entry);
      return () => {
        tasks = tasks.filter((t) => t !== entry);
      };
    },
    pending: () => tasks.length,
    dispose() {
      if (ticker) clearInterval(ticker);
      tasks = [];
    },
  };
}
