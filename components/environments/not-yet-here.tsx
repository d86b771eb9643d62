import type { EnvironmentPageData } from "@/lib/overview/types";
import { PersonChip } from "@/components/ui/person-chip";
import { RelativeTime } from "@/components/ui/relative-time";
import { ShaLink } from "@/components/ui/sha-link";
import { Empty, tableBox, td, th } from "./section";

/** Commits the previous environment (or the default branch) runs and this one does not. */
export function NotYetHere({ data, now }: { data: EnvironmentPageData["notYetHere"]; now: Date }) {
  if (!data) return <Empty testId="not-yet-here-unknown">Not known yet: the running SHAs or the comparison are not available.</Empty>;
  if (data.commits.length === 0) return <Empty testId="not-yet-here-empty" data={{ base: data.base, head: data.head }}>Nothing: this environment runs everything that is there.</Empty>;
  return (
    <div className={tableBox}>
      <table className="w-full min-w-[44rem] text-sm" data-testid="not-yet-here" data-base={data.base} data-head={data.head} data-total={data.total}>
        <thead className="bg-zinc-50 dark:bg-zinc-900">
          <tr>
            <th scope="col" className={th}>SHA</th>
            <th scope="col" className={th}>Message</th>
            <th scope="col" className={th}>Author</th>
            <th scope="col" className={th}>Authored</th>
            <th scope="col" className={th}>Pull request</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-zinc-200 dark:divide-zinc-800">
          {data.commits.map((commit) => (
            <tr key={commit.sha} data-testid="not-yet-here-commit" data-sha={commit.sha}>
              <td className={td}>
                <ShaLink sha={commit.sha} url={commit.url} />
              </td>
              <td className={`${td} max-w-[32rem]`}>
                <span className="block truncate" title={commit.message}>
                  {commit.message.split("\n")[0]}
                </span>
              </td>
              <td className={`${td} text-xs`}>{commit.author ? <PersonChip person={commit.author} /> : <span>{commit.authorName}</span>}</td>
              <td className={`${td} text-xs`}>
                <RelativeTime iso={commit.authoredAt} now={now} />
              </td>
              <td className={`${td} text-xs`}>
                {commit.pullRequest ? (
                  <a href={commit.pullRequest.url} className="text-sky-700 hover:underline dark:text-sky-400">
                    #{commit.pullRequest.number}
                  </a>
                ) : (
                  <span className="text-zinc-500">—</span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {data.total > data.commits.length ? (
        <p className="border-t border-zinc-200 px-2 py-1.5 text-xs text-zinc-500 dark:border-zinc-800">
          Showing {data.commits.length} of {data.total} commits.
        </p>
      ) : null}
    </div>
  );
}
