import { describeState, type FlagStateValues } from "@/lib/flags/model";
import { Badge } from "@/components/ui/badge";

/** On / partial rollout / off, in the one colour language and always with a word. */
export function FlagStateBadge({ state }: { state: FlagStateValues }) {
  const title = describeState(state);
  if (!state.enabled) {
    return (
      <Badge tone="neutral" title={title}>
        <span aria-hidden>○</span> Off
      </Badge>
    );
  }
  if (state.rolloutPercentage >= 100) {
    return (
      <Badge tone="ok" title={title}>
        <span aria-hidden>●</span> On · 100 %
      </Badge>
    );
  }
  return (
    <Badge tone="progress" title={title}>
      <span aria-hidden>◐</span> On · {state.rolloutPercentage} %{state.allowList.length ? ` +${state.allowList.length}` : ""}
    </Badge>
  );
}
