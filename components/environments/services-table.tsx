import type { ReactNode } from "react";
import type { ServiceRelease } from "@/lib/overview/types";
import { DeployedBy } from "@/components/overview/deployed-by";
import { RolloutBadge } from "@/components/overview/rollout-badge";
import { Badge } from "@/components/ui/badge";
import { ShaLink } from "@/components/ui/sha-link";
import { Empty, tableBox, td, th } from "./section";

/** Every service of the environment: what it runs (SHA, revision, image) and its rollout. */
export function ServicesTable({
  application,
  services,
  now,
  actions,
}: {
  application: string;
  services: ServiceRelease[];
  now: Date;
  /** Per service key, e.g. its Roll back button. */
  actions?: Record<string, ReactNode>;
}) {
  if (services.length === 0) return <Empty>No ECS services observed yet.</Empty>;
  return (
    <div className={tableBox}>
      <table className="w-full min-w-[56rem] text-sm">
        <thead className="bg-zinc-50 dark:bg-zinc-900">
          <tr>
            <th scope="col" className={th}>Service</th>
            <th scope="col" className={th}>SHA</th>
            <th scope="col" className={th}>Task definition</th>
            <th scope="col" className={th}>Image</th>
            <th scope="col" className={th}>Rollout</th>
            <th scope="col" className={th}>Last change</th>
            {actions ? (
              <th scope="col" className={th}>
                <span className="sr-only">Actions</span>
              </th>
            ) : null}
          </tr>
        </thead>
        <tbody className="divide-y divide-zinc-200 dark:divide-zinc-800">
          {services.map((service) => (
            <tr key={service.service} data-testid={`service-${service.service}`} data-sha={service.sha ?? ""}>
              <th scope="row" className={`${td} text-left`}>
                <span className="font-mono text-xs font-medium">{service.service}</span>
                <span className="block font-mono text-xs font-normal text-zinc-500 dark:text-zinc-400">{service.ecsServiceName}</span>
              </th>
              <td className={td}>
                <span className="flex flex-wrap items-center gap-1">
                  {service.sha ? <ShaLink sha={service.sha} url={service.commitUrl} /> : <span className="text-zinc-500">unknown</span>}
                  {service.tag ? <Badge className="font-mono">{service.tag}</Badge> : null}
                </span>
                {service.shaSource === "environment" ? <span className="block text-xs text-zinc-500">from GIT_SHA</span> : null}
              </td>
              <td className={`${td} whitespace-nowrap font-mono text-xs`}>{service.taskDefinition ? `${service.taskDefinition.family}:${service.taskDefinition.revision}` : "—"}</td>
              <td className={`${td} max-w-72 font-mono text-xs`}>
                <span className="block truncate" title={service.image ?? undefined}>
                  {service.image ?? "—"}
                </span>
                {service.imageDigest ? (
                  <span className="block truncate text-zinc-500" title={service.imageDigest}>
                    {service.imageDigest.slice(0, 19)}
                  </span>
                ) : null}
              </td>
              <td className={td}>
                <RolloutBadge rollout={service.rollout} />
                {service.rollout.pending > 0 || service.rollout.failedTasks > 0 ? (
                  <span className="block text-xs text-zinc-500">
                    {service.rollout.pending} pending · {service.rollout.failedTasks} failed
                  </span>
                ) : null}
                {service.rollout.reason ? <span className="block max-w-64 text-xs text-red-700 dark:text-red-400">{service.rollout.reason}</span> : null}
              </td>
              <td className={td}>
                <DeployedBy application={application} release={service} now={now} />
              </td>
              {actions ? <td className={`${td} text-right`}>{actions[service.service]}</td> : null}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
