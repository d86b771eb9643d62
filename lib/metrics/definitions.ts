// How each metric is computed, in words: shown on /metrics. The code that does it is lib/metrics/dora.ts
// and lib/metrics/releases.ts; change the words with the code.

export interface Definition {
  id: "releases" | "deployment-frequency" | "lead-time" | "change-failure-rate" | "time-to-restore" | "build-success";
  term: string;
  text: string;
}

export const DEFINITIONS: readonly Definition[] = [
  {
    id: "releases",
    term: "Release",
    text:
      "One attempt to change what an environment runs: a GitHub deployment made by a deploy workflow (with its final status), or a task-definition change Flightdeck saw on ECS. A CI deploy seen by both is one release. An ECS change back to a SHA that ran there before is a rollback; rollbacks are not deploys. Releases still rolling out are not counted.",
  },
  {
    id: "deployment-frequency",
    term: "Deployment frequency",
    text: "Deploys that rolled out successfully in the period (hotfixes included, rollbacks and failed rollouts not), per day. Each release counts once, however many services it changed.",
  },
  {
    id: "lead-time",
    term: "Lead time for changes",
    text:
      "Per commit: from the commit's author date to the moment the first successful deploy that contains it was running (GitHub's final deployment status, or ECS's stable rollout). A deploy brings the commits GitHub's compare lists between the previous successful deploy and it (the first deploy Flightdeck knows: its head commit only). Median and 90th percentile (nearest rank) over the commits that reached the environment in the period.",
  },
  {
    id: "change-failure-rate",
    term: "Change failure rate",
    text:
      "Failed deploys ÷ deploys (successful and failed rollouts) in the period. A deploy failed when its own rollout failed (GitHub reported the deployment failed, or ECS's rollout failed or was rolled back), when a rollback within 24 hours took its code away, or when the next deploy within 24 hours was a hotfix. A hotfix is a deploy of a hotfix/… branch, or whose head commit starts with \"hotfix\" or merges a hotfix/… branch. A rollback of a rollback blames nothing new.",
  },
  {
    id: "time-to-restore",
    term: "Time to restore",
    text:
      "From a failed deploy (when it was running, or when its rollout failed) to the next healthy release in that environment: a rollback, or a deploy that succeeded and did not fail itself. A failure while another is still unrestored joins it: overlapping failures are one incident. Median over the incidents that started in the period; incidents not yet restored are counted, not timed.",
  },
  {
    id: "build-success",
    term: "Build success rate",
    text:
      "Per workflow, of the selected applications (every branch and environment): successful runs ÷ runs that succeeded, failed, timed out or failed to start, among runs created in the period. Cancelled and skipped runs are not judged. A re-run counts as its latest attempt.",
  },
];
