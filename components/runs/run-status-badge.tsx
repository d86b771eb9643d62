import type { RunConclusion, RunStatus } from "@/lib/overview/types";
import { SkipIcon } from "@/components/ui/icons";
import { StatusBadge } from "@/components/ui/status-badge";
import { runState } from "./run-status";

export function RunStatusBadge({ status, conclusion }: { status: RunStatus; conclusion: RunConclusion }) {
  const { tone, label } = runState(status, conclusion);
  return (
    <StatusBadge tone={tone} icon={conclusion === "cancelled" || conclusion === "skipped" ? <SkipIcon /> : undefined} data-status={status} data-conclusion={conclusion ?? ""}>
      {label}
    </StatusBadge>
  );
}
