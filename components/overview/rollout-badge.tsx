import type { ServiceRelease } from "@/lib/overview/types";
import { StatusBadge } from "@/components/ui/status-badge";

/** stable (green) / rolling out n/m (blue) / failed (red) / unknown (grey). */
export function RolloutBadge({ rollout }: { rollout: ServiceRelease["rollout"] }) {
  const counts = `${rollout.running}/${rollout.desired}`;
  switch (rollout.state) {
    case "stable":
      return (
        <StatusBadge tone="ok" data-rollout="stable" title={`${rollout.running} of ${rollout.desired} tasks running`}>
          stable {counts}
        </StatusBadge>
      );
    case "rolling":
      return (
        <StatusBadge tone="progress" data-rollout="rolling" title={`${rollout.running} running, ${rollout.pending} pending, ${rollout.desired} desired`}>
          rolling out {counts}
        </StatusBadge>
      );
    case "failed":
      return (
        <StatusBadge tone="failed" data-rollout="failed" title={rollout.reason ?? `${rollout.failedTasks} tasks failed`}>
          failed {counts}
        </StatusBadge>
      );
    default:
      return (
        <StatusBadge tone="unknown" data-rollout="unknown" title={rollout.reason ?? "No snapshot of this service yet"}>
          unknown
        </StatusBadge>
      );
  }
}
