"use client";

import { useEffect, useState } from "react";
import { previewRollbackAction, type RollbackPreview } from "@/lib/actions/preview-rollback";
import { rollBackAction } from "@/lib/actions/roll-back";
import { defaultCandidate, formatDuration, type RollbackCandidate } from "@/lib/releases/rollback-candidates";
import { FieldError, fieldErrors, inputClass } from "@/components/ui/form";
import { ActionDialog } from "./action-dialog";

/**
 * On-call's button. Lists earlier releases from the deployment history (newest first), defaulting to
 * the last one that ran successfully before the current; the preview, read from ECS when a release is
 * chosen, names exactly what changes. A reason is required; the environment is locked afterwards.
 */
export function RollbackDialog({
  application,
  environment,
  service,
  currentSha,
  candidates,
  canRollBack,
}: {
  application: string;
  environment: string;
  /** A service key, or null for every service of the environment. */
  service: string | null;
  currentSha: string | null;
  candidates: RollbackCandidate[];
  canRollBack: boolean;
}) {
  const [sha, setSha] = useState(defaultCandidate(candidates)?.sha ?? "");
  const what = service ? `${service} in ${environment}` : `every service in ${environment}`;
  const id = `rollback-${service ?? "all"}`;
  return (
    <ActionDialog
      label={service ? "Roll back" : "Roll back…"}
      title={`Roll back ${what}`}
      action={rollBackAction}
      hidden={{ application, environment, service: service ?? "", sha }}
      confirmLabel={sha ? `Roll back to ${sha.slice(0, 7)}` : "Roll back"}
      pendingLabel="Rolling back…"
      variant="danger"
      confirmVariant="danger"
      disabledReason={!canRollBack ? "On-call engineers and release managers roll back." : candidates.length === 0 ? "No earlier release is known here." : null}
    >
      {(state) => (
        <>
          <label htmlFor={`${id}-release`} className="text-sm">
            Roll back to
          </label>
          <select id={`${id}-release`} value={sha} onChange={(event) => setSha(event.target.value)} className={inputClass} aria-describedby={`${id}-release-error`}>
            {candidates.map((candidate) => (
              <option key={candidate.sha} value={candidate.sha}>
                {candidate.sha.slice(0, 7)} · {service ? `rev ${candidate.revisions[service]}` : `revs ${Object.values(candidate.revisions).join("/")}`} ·{" "}
                {new Date(candidate.deployedAt).toLocaleDateString()}
                {candidate.deployedBy ? ` · ${candidate.deployedBy.login}` : ""}
                {candidate.ranForSeconds !== null ? ` · ran ${formatDuration(candidate.ranForSeconds)}` : ""} · {candidate.outcome.replace("_", " ")}
              </option>
            ))}
          </select>
          <FieldError id={`${id}-release-error`} messages={fieldErrors(state, "sha")} />
          {sha ? <PreviewPanel key={sha} application={application} environment={environment} service={service} sha={sha} currentSha={currentSha} /> : null}
          <p className="text-sm text-zinc-600 dark:text-zinc-400">
            Afterwards {environment} is locked (&ldquo;rolled back by you: your reason&rdquo;) so the next automatic deploy does not undo it; a release manager unlocks it.
          </p>
          <label htmlFor={`${id}-reason`} className="text-sm">
            Reason <span className="text-xs text-zinc-500">required, goes into the audit trail and the lock</span>
          </label>
          <textarea id={`${id}-reason`} name="reason" rows={2} required minLength={3} className={inputClass} aria-describedby={`${id}-reason-error`} />
          <FieldError id={`${id}-reason-error`} messages={fieldErrors(state, "reason")} />
        </>
      )}
    </ActionDialog>
  );
}

type PreviewState = { status: "loading" } | { status: "ready"; preview: RollbackPreview } | { status: "failed"; message: string };

function PreviewPanel({ application, environment, service, sha, currentSha }: { application: string; environment: string; service: string | null; sha: string; currentSha: string | null }) {
  const [state, setState] = useState<PreviewState>({ status: "loading" });
  useEffect(() => {
    // Keyed by the release in the parent: a new choice mounts a fresh panel that starts "loading".
    let current = true;
    previewRollbackAction({ application, environment, service: service ?? undefined, sha })
      .then((answer) => {
        if (current) setState(answer.ok ? { status: "ready", preview: answer.preview } : { status: "failed", message: answer.message });
      })
      .catch(() => {
        if (current) setState({ status: "failed", message: "The preview could not be loaded; the rollback itself may still work." });
      });
    return () => {
      current = false;
    };
  }, [application, environment, service, sha]);

  if (state.status === "loading") {
    return (
      <p role="status" className="text-sm text-zinc-500">
        Reading what changes from ECS…
      </p>
    );
  }
  if (state.status === "failed") {
    return (
      <p role="alert" className="rounded border border-amber-300 bg-amber-50 px-2 py-1 text-sm text-amber-900 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-200">
        {state.message}
      </p>
    );
  }
  const { preview } = state;
  return (
    <div className="grid min-w-0 grid-cols-1 gap-2 rounded border border-zinc-200 p-2 text-sm dark:border-zinc-700" data-testid="rollback-preview">
      <ul className="grid gap-1">
        {preview.services.map((step) => (
          <li key={step.service}>
            <span className="font-mono font-medium">{step.service}</span>: revision {step.fromRevision} → {step.toRevision}
            <DiffLines diff={step.diff} />
          </li>
        ))}
      </ul>
      <div>
        <p className="font-medium">
          Commits being reverted
          {preview.reverted ? ` (${preview.reverted.total})` : ""}
        </p>
        {preview.reverted ? (
          <ul className="max-h-40 overflow-y-auto">
            {preview.reverted.commits.map((commit) => (
              <li key={commit.sha} className="truncate">
                <code className="font-mono text-xs">{commit.sha.slice(0, 7)}</code> {commit.message} <span className="text-zinc-500">— {commit.author?.login ?? commit.authorName}</span>
              </li>
            ))}
          </ul>
        ) : (
          <p className="text-zinc-500">GitHub could not be asked for the commits; the rollback needs only ECS.</p>
        )}
        {preview.compareUrl ? (
          <a className="underline" href={preview.compareUrl} target="_blank" rel="noreferrer">
            Compare {sha.slice(0, 7)}…{currentSha?.slice(0, 7) ?? "now"} on GitHub
          </a>
        ) : null}
      </div>
    </div>
  );
}

/** "image wumbo-backend: e7df5c9 → 7d14186" when only the tag changes; both references otherwise. */
function imageLine(from: string | null, to: string | null): string {
  const split = (image: string | null) => {
    const at = image?.lastIndexOf(":") ?? -1;
    return image && at > image.lastIndexOf("/") ? { repository: image.slice(0, at), tag: image.slice(at + 1) } : null;
  };
  const [before, after] = [split(from), split(to)];
  if (before && after && before.repository === after.repository) {
    const short = (tag: string) => (/^[0-9a-f]{40}$/.test(tag) ? tag.slice(0, 7) : tag);
    return `image ${before.repository.split("/").pop()}: ${short(before.tag)} → ${short(after.tag)}`;
  }
  return `image ${from ?? "?"} → ${to ?? "?"}`;
}

function DiffLines({ diff }: { diff: RollbackPreview["services"][number]["diff"] }) {
  const lines: string[] = [];
  if (diff.image) lines.push(imageLine(diff.image.from, diff.image.to));
  if (diff.cpu) lines.push(`CPU ${diff.cpu.from ?? "unset"} → ${diff.cpu.to ?? "unset"}`);
  if (diff.memory) lines.push(`memory ${diff.memory.from ?? "unset"} → ${diff.memory.to ?? "unset"}`);
  if (diff.variablesAdded.length > 0) lines.push(`variables added: ${diff.variablesAdded.join(", ")}`);
  if (diff.variablesRemoved.length > 0) lines.push(`variables removed: ${diff.variablesRemoved.join(", ")}`);
  if (diff.variablesChanged.length > 0) lines.push(`variables changed: ${diff.variablesChanged.join(", ")}`);
  if (lines.length === 0) lines.push("same image, variables and size");
  return (
    <ul className="ml-4 list-disc text-xs text-zinc-600 dark:text-zinc-400">
      {lines.map((line) => (
        <li key={line} className="break-all font-mono">
          {line}
        </li>
      ))}
    </ul>
  );
}
