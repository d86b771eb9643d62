import { createHash } from "node:crypto";
import type { DemoApp } from "./apps";

/**
 * Deterministic git history for a demo repository, laid out backwards from the clock's start so
 * the demo always looks fresh. The history is one line (oldest first) in which each pull request
 * adds a feature commit and its merge commit; branches are positions on that line, so the
 * development branch is ahead of staging, which is ahead of the production branch — exactly the
 * "what is waiting to ship" picture Flightdeck draws with compare.
 */
export interface DemoCommit {
  sha: string;
  treeSha: string;
  message: string;
  author: string;
  /** GitHub commits merges as "GitHub" (web-flow); direct commits are committed by their author. */
  viaWebFlow: boolean;
  date: number;
  parents: string[];
  /** Files touched (names only; compare and commit answers list them with made-up stats). */
  files: string[];
}

export interface RepoHistory {
  commits: DemoCommit[];
  /** Branch → index of its head in `commits`. */
  branches: Map<string, number>;
  tags: { name: string; index: number }[];
}

/** A small seeded PRNG (mulberry32): same repo name, same history, on every start. */
export function seededRandom(seed: string): () => number {
  let state = createHash("sha256").update(seed).digest().readUInt32LE(0);
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const pick = <T>(random: () => number, items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;

const SCOPES: Record<string, string[]> = {
  wumbo: ["api", "web", "worker", "auth", "billing", "db", "ui"],
  dreamcatchr: ["dreams", "celery", "admin", "api", "search", "emails"],
  beacon: ["api", "web", "alerts", "maps", "infra"],
};
const FEATURES = ["add pagination to list endpoints", "support bulk export", "show last sync time", "cache user preferences", "add retry budget to outbound calls", "track signup source", "rate-limit password resets", "add dark mode toggle", "expose health details", "stream large CSV downloads", "add audit fields", "lazy-load dashboard widgets"];
const FIXES = ["handle empty payloads", "avoid double charge on retry", "close db sessions on timeout", "correct timezone in digest emails", "stop leaking file handles", "escape search terms", "retry transient S3 errors", "fix flaky scheduler test", "guard against null avatar"];
const CHORES = ["chore(deps): bump boto3 from 1.34.2 to 1.34.9", "chore(ci): cache pip downloads", "docs: update runbook for rollbacks", "refactor: extract settings module", "test: cover migration edge cases", "chore(deps): bump next from 15.1.2 to 15.1.4", "perf: index events by created_at"];
const FILES = ["README.md", "backend/app/main.py", "backend/app/api/routes.py", "web/src/pages/index.tsx", "worker/tasks.py", "infra/ecs/service.tf", "requirements.txt", "package.json", "tests/test_api.py"];
const AUTHORS = ["dana", "oscar", "dana", "oscar", "ada", "rita", "ravi", "vera"];

const sha1 = (text: string): string => createHash("sha1").update(text).digest("hex");

/** Lead of each branch over the production branch, in commits, by position in `app.branches`. */
function leads(app: DemoApp): number[] {
  return app.branches.length === 3 ? [0, 5, 11] : [0, 7];
}

export function buildHistory(app: DemoApp, startAt: number): RepoHistory {
  const random = seededRandom(app.repo);
  const scopes = SCOPES[app.slug] ?? ["core"];
  const commits: DemoCommit[] = [];
  // Two months, so that the last 30 days have a previous 30 days to compare with (Flightdeck's metrics).
  const days = 60;
  const span = days * 24 * 60 * 60 * 1000;
  const units = 2 * (34 + Math.floor(random() * 8));
  let pr = 200 + Math.floor(random() * 200);
  let parent: string | undefined;
  const push = (message: string, author: string, date: number, viaWebFlow: boolean, parents: string[]): string => {
    const files = [pick(random, FILES), pick(random, FILES)].filter((file, index, all) => all.indexOf(file) === index);
    const sha = sha1(`${app.repo}\n${commits.length}\n${message}\n${date}`);
    commits.push({ sha, treeSha: sha1(`tree:${sha}`), message, author, viaWebFlow, date, parents, files });
    return sha;
  };
  for (let unit = 0; unit < units; unit++) {
    // Business hours-ish, spread evenly with jitter, ending ~40 minutes before the start.
    const date = startAt - span + Math.floor((span * (unit + random() * 0.6)) / units) - 40 * 60 * 1000;
    const author = pick(random, AUTHORS);
    const roll = random();
    if (roll < 0.6) {
      const kind = random() < 0.55 ? "feat" : "fix";
      const scope = pick(random, scopes);
      const title = `${kind}(${scope}): ${pick(random, kind === "feat" ? FEATURES : FIXES)}`;
      const branch = `${kind === "feat" ? "feature" : "fix"}/${scope}-${pr}`;
      const feature = push(title, author, date - 50 * 60 * 1000, false, parent ? [parent] : []);
      pr += 1 + Math.floor(random() * 3);
      parent = push(`Merge pull request #${pr} from skyward/${branch}\n\n${title}`, author, date, true, parent ? [parent, feature] : [feature]);
    } else {
      parent = push(roll < 0.85 ? pick(random, CHORES) : `fix(${pick(random, scopes)}): ${pick(random, FIXES)}`, author, date, false, parent ? [parent] : []);
    }
  }

  const last = commits.length - 1;
  const branchLeads = leads(app);
  const production = last - (branchLeads[branchLeads.length - 1] ?? 0);
  const branches = new Map<string, number>();
  app.branches.forEach((branch, index) => branches.set(branch, headAtOrBefore(commits, production + (branchLeads[index] ?? 0))));

  // A release tag every few merges on the production line, the newest at its head.
  const tags: { name: string; index: number }[] = [];
  const [major, minor] = app.firstVersion;
  let cursor = branches.get(app.defaultBranch) ?? production;
  const count = 6;
  for (let n = 0; n < count && cursor > 0; n++) {
    tags.unshift({ name: "", index: cursor });
    cursor = headAtOrBefore(commits, cursor - 6);
  }
  tags.forEach((tag, n) => (tag.name = `v${major}.${minor + n}.0`));
  return { commits, branches, tags };
}

/**
 * Branch heads sit on merge (or direct) commits of the line, never on a feature commit that
 * only the next merge makes reachable.
 */
function headAtOrBefore(commits: DemoCommit[], index: number): number {
  for (let i = Math.min(index, commits.length - 1); i > 0; i--) {
    const next = commits[i + 1];
    if (!next || next.parents[1] !== commits[i]?.sha) return i;
  }
  return 0;
}
