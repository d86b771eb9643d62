import Link from "next/link";
import type { ApplicationStatus } from "@/lib/overview/types";
import { AsOf } from "./upstream-banner";
import { EnvironmentBadges } from "./environment-badges";
import { ServiceReleaseCell } from "./service-release-cell";

const th = "px-3 py-2 text-left align-top font-medium";

/** Services × environments of one application: what runs where, and which environment is behind which. */
export function ApplicationMatrix({ app, now }: { app: ApplicationStatus; now: Date }) {
  // Rows are the union of the services of all environments, in first-seen order (stable keys).
  const services: string[] = [];
  for (const env of app.environments) for (const release of env.services) if (!services.includes(release.service)) services.push(release.service);

  return (
    <section aria-labelledby={`app-${app.slug}`} className="rounded-md border border-zinc-200 dark:border-zinc-800" data-testid={`app-${app.slug}`}>
      <header className="flex flex-wrap items-baseline gap-x-3 gap-y-1 border-b border-zinc-200 px-3 py-2 dark:border-zinc-800">
        <h2 id={`app-${app.slug}`} className="text-base font-semibold">
          {app.name}
        </h2>
        <a href={app.repoUrl} className="font-mono text-xs text-zinc-500 hover:underline dark:text-zinc-400">
          {app.repo}
        </a>
        <nav aria-label={`${app.name} links`} className="ml-auto flex gap-3 text-xs">
          <Link href={`/apps/${app.slug}/runs`} className="text-sky-700 hover:underline dark:text-sky-400">
            Workflow runs
          </Link>
          <Link href={`/apps/${app.slug}/flags`} className="text-sky-700 hover:underline dark:text-sky-400">
            Flags
          </Link>
        </nav>
      </header>
      <div className="overflow-x-auto">
        <table className="w-full min-w-[36rem] table-fixed border-collapse text-sm lg:min-w-[56rem]">
          <colgroup>
            <col className="w-24 sm:w-32" />
            {app.environments.map((env) => (
              <col key={env.environment} />
            ))}
          </colgroup>
          <thead className="bg-zinc-50 dark:bg-zinc-900">
            <tr>
              <th scope="col" className={`${th} sticky left-0 bg-zinc-50 text-xs uppercase tracking-wide text-zinc-500 dark:bg-zinc-900 dark:text-zinc-400`}>
                Service
              </th>
              {app.environments.map((env) => (
                <th key={env.environment} scope="col" className={th} data-testid={`env-${app.slug}-${env.environment}`}>
                  <div className="flex items-baseline gap-2">
                    <Link href={`/apps/${app.slug}/${env.environment}`} className="font-semibold text-zinc-900 underline-offset-2 hover:underline dark:text-zinc-100">
                      {env.environment}
                    </Link>
                    <AsOf iso={env.asOf} now={now} />
                  </div>
                  <div className="mt-1 font-normal">
                    <EnvironmentBadges status={env} now={now} />
                  </div>
                </th>
              ))}
            </tr>
          </thead>
          <tbody className="divide-y divide-zinc-200 dark:divide-zinc-800">
            {services.map((service) => (
              <tr key={service} className="align-top">
                <th scope="row" className="sticky left-0 bg-white px-3 py-2 text-left font-mono text-xs font-medium dark:bg-zinc-950">
                  {service}
                </th>
                {app.environments.map((env) => {
                  const release = env.services.find((candidate) => candidate.service === service);
                  return (
                    <td key={env.environment} className="px-3 py-2" data-testid={`cell-${app.slug}-${env.environment}-${service}`}>
                      {release ? <ServiceReleaseCell application={app.slug} release={release} now={now} /> : <span className="text-zinc-400">not in this environment</span>}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

export function OverviewMatrix({ applications, now }: { applications: ApplicationStatus[]; now: Date }) {
  if (applications.length === 0) {
    return (
      <p className="rounded-md border border-dashed border-zinc-300 p-6 text-center text-zinc-500 dark:border-zinc-700" data-testid="overview-empty">
        No applications are configured. Add one to flightdeck.config.yaml.
      </p>
    );
  }
  return (
    <div className="space-y-4">
      {applications.map((app) => (
        <ApplicationMatrix key={app.slug} app={app} now={now} />
      ))}
    </div>
  );
}
