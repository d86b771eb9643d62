import type { Outcome } from "@/lib/audit/types";
import { Badge } from "@/components/ui/badge";

// Colour plus an icon plus the word, never colour alone. "denied" is a refusal, shown red like a failure.
const OUTCOME_STYLE: Record<Outcome, { tone: "ok" | "waiting" | "failed"; icon: string; label: string }> = {
  succeeded: { tone: "ok", icon: "✓", label: "succeeded" },
  requested: { tone: "waiting", icon: "…", label: "requested" },
  failed: { tone: "failed", icon: "✕", label: "failed" },
  denied: { tone: "failed", icon: "⊘", label: "denied" },
};

export function OutcomeBadge({ outcome }: { outcome: Outcome }) {
  const style = OUTCOME_STYLE[outcome];
  return (
    <Badge tone={style.tone} data-outcome={outcome}>
      <span aria-hidden>{style.icon}</span>
      {style.label}
    </Badge>
  );
}
