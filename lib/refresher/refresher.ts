import "server-only";
import { sweepExpiredLocks } from "@/lib/environments/lock-expiry";
import { log } from "@/lib/log";
import type { RefresherContext } from "./context";
import { createLeaderLock, type LeaderLock } from "./leader";
import { pollEcs } from "./poll-ecs";
import { pollGithub } from "./poll-github";
import { pollHealth } from "./poll-health";
import { pruneCaches } from "./prune";

// The one background refresher per deployment: every instance starts one, the advisory lock picks the
// leader, and only the leader talks to GitHub and ECS. Each task runs, then schedules its next run, so a
// slow upstream never stacks passes on top of each other.

export interface RefresherIntervals {
  ecsMs: number;
  githubMs: number;
  healthMs: number;
  pruneMs: number;
  /** Expired environment locks (issue #6): deleted and recorded as env.lock_expired. */
  locksMs: number;
  /** How often a follower asks whether the leader is gone. */
  electionMs: number;
}

export const DEFAULT_INTERVALS: RefresherIntervals = { ecsMs: 5_000, githubMs: 15_000, healthMs: 15_000, pruneMs: 60 * 60_000, locksMs: 5_000, electionMs: 5_000 };

export interface Refresher {
  isLeader(): boolean;
  /** Runs every task once now (leader only); for tests and for a fresh leader. */
  runOnce(): Promise<void>;
  stop(): Promise<void>;
}

type TaskName = "ecs" | "github" | "health" | "prune" | "locks";

export function startRefresher(options: { databaseUrl: string; context: RefresherContext; intervals?: Partial<RefresherIntervals> }): Refresher {
  const intervals = { ...DEFAULT_INTERVALS, ...options.intervals };
  const ctx = options.context;
  const timers = new Map<string, NodeJS.Timeout>();
  const running = new Set<Promise<unknown>>();
  let stopped = false;

  /** Without a token the demo waits for the first sign-in: look again soon rather than in 15 s. */
  const NO_TOKEN_RETRY_MS = 2_000;
  let githubNoToken = false;
  const tasks: Record<TaskName, { every: number; run: () => Promise<unknown> }> = {
    ecs: { every: intervals.ecsMs, run: () => pollEcs(ctx) },
    github: {
      get every() {
        return githubNoToken ? Math.min(NO_TOKEN_RETRY_MS, intervals.githubMs) : intervals.githubMs;
      },
      run: async () => {
        const result = await pollGithub(ctx);
        githubNoToken = result.noToken === true;
        return result;
      },
    },
    health: { every: intervals.healthMs, run: () => pollHealth(ctx) },
    prune: { every: intervals.pruneMs, run: () => pruneCaches(ctx) },
    locks: { every: intervals.locksMs, run: () => sweepExpiredLocks(ctx) },
  };

  const lock: LeaderLock = createLeaderLock(options.databaseUrl, () => {
    log.warn("refresher.leadership_lost", {});
    for (const name of Object.keys(tasks)) clear(name);
  });

  function clear(name: string) {
    const timer = timers.get(name);
    if (timer) clearTimeout(timer);
    timers.delete(name);
  }

  function schedule(name: string, delay: number, body: () => Promise<unknown>) {
    if (stopped) return;
    clear(name);
    const timer = setTimeout(() => {
      const work = body().finally(() => running.delete(work));
      running.add(work);
    }, delay);
    // The refresher must never keep a process (a test, a script) alive on its own.
    timer.unref();
    timers.set(name, timer);
  }

  async function runTask(name: TaskName) {
    if (stopped || !lock.isLeader()) return;
    try {
      await tasks[name].run();
    } catch (error) {
      // Upstream failures are handled inside the task; what reaches here is a bug or a lost database.
      log.error("refresher.task_failed", { task: name, error });
    }
    if (lock.isLeader()) schedule(name, tasks[name].every, () => runTask(name));
  }

  async function elect() {
    const wasLeader = lock.isLeader();
    const leader = await lock.tryAcquire();
    if (leader && !wasLeader) {
      log.info("refresher.leader", {});
      for (const name of Object.keys(tasks) as TaskName[]) schedule(name, 0, () => runTask(name));
    }
    schedule("election", intervals.electionMs, elect);
  }

  schedule("election", 0, elect);

  return {
    isLeader: () => lock.isLeader(),
    async runOnce() {
      if (!lock.isLeader()) return;
      for (const name of Object.keys(tasks) as TaskName[]) await tasks[name].run();
    },
    async stop() {
      stopped = true;
      for (const name of [...timers.keys()]) clear(name);
      await Promise.allSettled([...running]);
      await lock.release();
    },
  };
}
