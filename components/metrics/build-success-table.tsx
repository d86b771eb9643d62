import type { MetricsReport } from "@/lib/metrics/report";
import { formatPercent } from "@/lib/metrics/format";
import { tableBox, td, th } from "@/components/environments/section";
import { TrendChip } from "./trend-chip";

/** Per workflow: runs that succeeded / failed, the rate and its trend. */
export function BuildSuccessTable({ workflows, showApplication }: { workflows: MetricsReport["buildSuccess"]["workflows"]; showApplication: boolean }) {
  return (
    <div className={tableBox}>
      <table className="w-full text-sm">
        <thead className="bg-zinc-50 dark:bg-zinc-900">
          <tr>
            {showApplication ? <th scope="col" className={th}>Application</th> : null}
            <th scope="col" className={th}>Workflow</th>
            <th scope="col" className={`${th} text-right`}>Succeeded</th>
            <th scope="col" className={`${th} text-right`}>Failed</th>
            <th scope="col" className={`${th} text-right`}>Rate</th>
            <th scope="col" className={th}>Trend</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-zinc-200 dark:divide-zinc-800">
          {workflows.map((workflow) => (
            <tr key={workflow.key} data-testid="build-success-row" data-application={workflow.application} data-workflow={workflow.path || workflow.workflow} data-rate={workflow.ratePercent ?? ""}>
              {showApplication ? <td className={`${td} text-xs`}>{workflow.application}</td> : null}
              <td className={td}>
                <span className="font-medium">{workflow.workflow}</span>
                {workflow.path ? <span className="ml-1 font-mono text-xs text-zinc-500">{workflow.path.split("/").pop()}</span> : null}
              </td>
              <td className={`${td} text-right tabular-nums`}>{workflow.succeeded}</td>
              <td className={`${td} text-right tabular-nums`}>{workflow.failed}</td>
              <td className={`${td} text-right font-medium tabular-nums`}>{formatPercent(workflow.ratePercent)}</td>
              <td className={td}>
                <TrendChip trend={workflow.trend} format={(delta) => `${formatPercent(Math.round(delta * 10) / 10).replace(" %", "")} pts`} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
