import type { ReactNode } from "react";
import { Badge } from "./badge";
import { CheckIcon, ClockIcon, CrossIcon, ProgressIcon, QuestionIcon } from "./icons";

/** The one colour language: green ok, blue in progress, amber waiting, red failed, grey unknown/stale. */
export type StatusTone = "ok" | "progress" | "waiting" | "failed" | "unknown";

const ICONS: Record<StatusTone, ReactNode> = {
  ok: <CheckIcon />,
  progress: <ProgressIcon />,
  waiting: <ClockIcon />,
  failed: <CrossIcon />,
  unknown: <QuestionIcon />,
};

/** A state as colour + icon + word (never colour alone). */
export function StatusBadge({ tone, icon, children, title, className, ...data }: { tone: StatusTone; icon?: ReactNode; children: ReactNode; title?: string; className?: string } & Record<`data-${string}`, string>) {
  return (
    <Badge tone={tone === "unknown" ? "neutral" : tone} title={title} className={className} {...data}>
      {icon ?? ICONS[tone]}
      {children}
    </Badge>
  );
}
