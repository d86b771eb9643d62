// Pure helpers for the "not yet here" compare (unit-tested).
import type { EnvironmentConfig } from "@/lib/config";
import type { CommitSummary } from "@/lib/overview/types";

export interface CompareCommit {
  sha: string;
  html_url?: string;
  author?: { login: string; avatar_url?: string | null } | null;
  commit: { message: string; author?: { name?: string; date?: string } | null };
}

const MAX_COMMITS = 50;

/** The SHA an environment runs: its first configured service with a known SHA. */
export function environmentSha(env: EnvironmentConfig, snapshots: readonly { environment: string; service: string; sha: string | null }[]): string | null {
  for (const service of Object.keys(env.ecs.services)) {
    const sha = snapshots.find((row) => row.environment === env.name && row.service === service)?.sha;
    if (sha) return sha;
  }
  return null;
}

/** GitHub's compare lists commits oldest first; pages want newest first, first line of the message. */
export function compareCommits(commits: readonly CompareCommit[], repoWebUrl: string): CommitSummary[] {
  return [...commits]
    .reverse()
    .slice(0, MAX_COMMITS)
    .map((commit) => {
      const message = commit.commit.message.split("\n")[0] ?? "";
      const pr = /\(#(\d+)\)\s*$/.exec(message) ?? /^Merge pull request #(\d+)/.exec(message);
      return {
        sha: commit.sha,
        message,
        author: commit.author ? { login: commit.author.login, avatarUrl: commit.author.avatar_url ?? null } : null,
        authorName: commit.commit.author?.name ?? commit.author?.login ?? "",
        authoredAt: commit.commit.author?.date ?? new Date(0).toISOString(),
        url: commit.html_url ?? `${repoWebUrl}/commit/${commit.sha}`,
        pullRequest: pr ? { number: Number(pr[1]), url: `${repoWebUrl}/pull/${pr[1]}` } : null,
      };
    });
}
