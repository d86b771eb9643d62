import { createHash } from "node:crypto";
import type { GitHubData } from "../github/store";
import { pick, seededRandom } from "./history";
import type { ScenarioDeps } from "./scenario";

/**
 * Life in the realtime demo: every so often someone pushes to a development branch (a deploy run
 * follows, as push-to-deploy does) or opens a pull request (checks run). Runs go through the same
 * lifecycle as dispatched ones, so the dashboard sees new work arrive without anyone clicking.
 */
const PUSH_EVERY_MS = 40 * 60_000;
const CHECKS_EVERY_MS = 15 * 60_000;

export function seedActivity(data: GitHubData, deps: ScenarioDeps): void {
  const random = seededRandom(`activity/${deps.now}`);
  const repos = [...data.repos.values()];
  let pr = 900;

  const push = (): void => {
    const repo = pick(random, repos);
    const tip = repo.app.branches.at(-1) ?? repo.app.defaultBranch;
    const parent = repo.history.commits.at(-1);
    const author = pick(random, ["dana", "oscar", "ada"]);
    const at = deps.engine.now();
    const message = pick(random, ["feat(api): add request tracing headers", "fix(worker): retry on throttling", "chore(deps): bump urllib3 from 2.2.1 to 2.2.2", "fix(web): keep filters on reload"]);
    const sha = createHash("sha1").update(`${repo.app.repo}/${at}/${message}`).digest("hex");
    repo.history.commits.push({ sha, treeSha: createHash("sha1").update(`tree/${sha}`).digest("hex"), message, author, viaWebFlow: false, date: at, parents: parent ? [parent.sha] : [], files: ["README.md"] });
    repo.index.set(sha, repo.history.commits.length - 1);
    repo.history.branches.set(tip, repo.history.commits.length - 1);
    const workflow = repo.app.workflows.find((candidate) => candidate.kind === "deploy" && candidate.pushBranches.includes(tip));
    if (workflow) deps.engine.start({ repo, workflow, event: "push", branch: tip, sha, actor: author, inputs: {} });
    deps.schedule(at + PUSH_EVERY_MS, push);
  };

  const checks = (): void => {
    const repo = pick(random, repos);
    const workflow = repo.app.workflows.find((candidate) => candidate.kind === "checks");
    const head = repo.history.commits.at(-1);
    if (workflow && head) {
      pr += 1;
      const branch = `feature/demo-${pr}`;
      deps.engine.start({ repo, workflow, event: "pull_request", branch, sha: head.sha, actor: pick(random, ["dana", "oscar", "vera"]), inputs: {}, pullRequest: { number: pr, base: repo.app.defaultBranch }, displayTitle: `Demo change #${pr}` });
    }
    deps.schedule(deps.engine.now() + CHECKS_EVERY_MS, checks);
  };

  deps.schedule(deps.now + CHECKS_EVERY_MS, checks);
  deps.schedule(deps.now + PUSH_EVERY_MS, push);
}
