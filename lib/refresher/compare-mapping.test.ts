import { expect, test } from "vitest";
import { compareCommits, environmentSha } from "./compare-mapping";

test("commits come newest first with their pull request", () => {
  const commits = compareCommits(
    [
      { sha: "a1", commit: { message: "feat: one (#12)\n\nbody", author: { name: "Dana", date: "2026-03-01T00:00:00Z" } }, author: { login: "dana" } },
      { sha: "b2", commit: { message: "Merge pull request #13 from x/y", author: { name: "Oscar", date: "2026-03-02T00:00:00Z" } }, author: null },
    ],
    "https://github.com/o/r",
  );
  expect(commits.map((commit) => commit.sha)).toEqual(["b2", "a1"]);
  expect(commits[1]).toMatchObject({ message: "feat: one (#12)", author: { login: "dana", avatarUrl: null }, pullRequest: { number: 12, url: "https://github.com/o/r/pull/12" } });
  expect(commits[0]?.pullRequest?.number).toBe(13);
  expect(commits[0]?.url).toBe("https://github.com/o/r/commit/b2");
});

test("an environment runs the SHA of its first service that has one", () => {
  const env = { name: "staging", ecs: { services: { backend: "b", worker: "w" } } } as never;
  expect(environmentSha(env, [{ environment: "staging", service: "worker", sha: "w1" }, { environment: "staging", service: "backend", sha: null }])).toBe("w1");
  expect(environmentSha(env, [])).toBeNull();
});
