import type { PendingRelease } from "@/lib/approvals/types";
import { PersonChip } from "@/components/ui/person-chip";
import { RelativeTime } from "@/components/ui/relative-time";
import { ShaLink } from "@/components/ui/sha-link";
import { StatusBadge } from "@/components/ui/status-badge";

const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? "" : "s"}`;

/** The same facts as one sentence, for the confirming dialog; null when not known yet. */
export function shipsSentence(release: PendingRelease): string | null {
  const ships = release.ships;
  if (!ships) return null;
  switch (ships.status) {
    case "identical":
      return `${release.environment} already runs this SHA; nothing changes.`;
    case "behind":
      return `It goes back ${plural(ships.behindBy, "commit")}: ${release.environment} runs newer code.`;
    case "diverged":
      return `It ships ${plural(ships.aheadBy, "commit")} and drops ${plural(ships.behindBy, "commit")} ${release.environment} runs now.`;
    default:
      return `It ships ${plural(ships.aheadBy, "commit")}.`;
  }
}

/** What the release changes compared with what its environment runs now, with the commits on demand. */
export function ReleaseShipsSummary({ release, now }: { release: PendingRelease; now: Date }) {
  const { ships, running } = release;
  const base = running ? (
    <>
      {running.tag ? <span className="mr-1 font-mono">{running.tag}</span> : null}
      <ShaLink sha={running.sha} url={`${release.repoUrl}/commit/${running.sha}`} copy={false} />
    </>
  ) : null;
  if (!running) return <span className="text-zinc-500" data-testid="ships-unknown">unknown: what {release.environment} runs is not known yet</span>;
  if (!ships) return <span className="text-zinc-500" data-testid="ships-unknown">not compared yet with what {release.environment} runs ({base}); the next refresh fetches it</span>;
  if (ships.status === "identical") {
    return (
      <span data-testid="ships" data-ahead="0" data-behind="0">
        nothing new: {release.environment} already runs {base}
      </span>
    );
  }
  const warning =
    ships.behindBy > 0 ? (
      <StatusBadge tone="failed" title={`${release.environment} runs commits this SHA does not have`}>
        goes back {plural(ships.behindBy, "commit")}
      </StatusBadge>
    ) : null;
  return (
    <details className="group" data-testid="ships" data-ahead={ships.aheadBy} data-behind={ships.behindBy}>
      <summary className="cursor-pointer select-none list-inside">
        <span className="font-medium">{plural(ships.aheadBy, "commit")}</span> since {base} {warning}
      </summary>
      {ships.commits.length > 0 ? (
        <ul className="mt-1 max-h-64 space-y-0.5 overflow-y-auto border-l-2 border-zinc-200 pl-2 dark:border-zinc-800" data-testid="ships-commits">
          {ships.commits.map((commit) => (
            <li key={commit.sha} className="flex min-w-0 items-center gap-2" data-testid="ships-commit" data-sha={commit.sha}>
              <ShaLink sha={commit.sha} url={commit.url} copy={false} />
              <span className="truncate" title={commit.message}>
                {commit.message}
              </span>
              <span className="ml-auto shrink-0 text-zinc-500">
                {commit.author ? <PersonChip person={commit.author} /> : commit.authorName} · <RelativeTime iso={commit.authoredAt} now={now} />
              </span>
            </li>
          ))}
          {ships.aheadBy > ships.commits.length ? <li className="text-zinc-500">… and {ships.aheadBy - ships.commits.length} older</li> : null}
        </ul>
      ) : null}
    </details>
  );
}
