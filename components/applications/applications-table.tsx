import type { ApplicationSummary } from "@/lib/applications/list-applications";
import { Badge } from "@/components/ui/badge";
import { LockIcon, UnlockIcon } from "@/components/ui/icons";

const th = "px-3 py-2 text-left text-xs font-medium uppercase tracking-wide text-zinc-500 dark:text-zinc-400";
const td = "px-3 py-2 align-top";

export function ApplicationsTable({ applications }: { applications: ApplicationSummary[] }) {
  if (applications.length === 0) {
    return (
      <p className="rounded-md border border-dashed border-zinc-300 p-6 text-center text-zinc-500 dark:border-zinc-700">
        No applications are configured. Add one to flightdeck.config.yaml.
      </p>
    );
  }
  return (
    <div className="space-y-6">
      {applications.map((app) => (
        <section key={app.slug} aria-labelledby={`app-${app.slug}`} className="rounded-md border border-zinc-200 dark:border-zinc-800">
          <header className="flex items-baseline gap-3 border-b border-zinc-200 px-3 py-2 dark:border-zinc-800">
            <h2 id={`app-${app.slug}`} className="text-base font-semibold">
              {app.name}
            </h2>
            <a href={app.repoUrl} className="font-mono text-xs text-zinc-500 hover:underline dark:text-zinc-400">
              {app.repo}
            </a>
          </header>
          <div className="overflow-x-auto">
            <table className="w-full border-collapse">
              <thead className="bg-zinc-50 dark:bg-zinc-900">
                <tr>
                  <th scope="col" className={th}>Environment</th>
                  <th scope="col" className={th}>Protection</th>
                  <th scope="col" className={th}>Deploy workflow</th>
                  <th scope="col" className={th}>Default ref</th>
                  <th scope="col" className={th}>ECS cluster</th>
                  <th scope="col" className={th}>Services</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-zinc-200 dark:divide-zinc-800">
                {app.environments.map((env) => (
                  <tr key={env.name} data-testid={`env-${app.slug}-${env.name}`}>
                    <th scope="row" className={`${td} text-left font-medium`}>
                      {env.name}
                      {env.githubEnvironment !== env.name ? <span className="block text-xs text-zinc-500">GitHub: {env.githubEnvironment}</span> : null}
                    </th>
                    <td className={td}>
                      {env.protected ? (
                        <Badge tone="waiting" title="Deploys need a release manager and approval on GitHub">
                          <LockIcon /> Protected · {env.requiredApprovals} approval{env.requiredApprovals === 1 ? "" : "s"}
                        </Badge>
                      ) : (
                        <Badge>
                          <UnlockIcon /> Unprotected
                        </Badge>
                      )}
                    </td>
                    <td className={`${td} font-mono text-xs`}>{env.workflow}</td>
                    <td className={`${td} font-mono text-xs`}>{env.ref}</td>
                    <td className={`${td} text-xs`}>
                      <span className="font-mono">{env.cluster}</span>
                      <span className="block text-zinc-500">{env.region}</span>
                    </td>
                    <td className={`${td} text-xs`}>
                      <ul className="flex flex-wrap gap-1">
                        {env.services.map((service) => (
                          <li key={service.key}>
                            <Badge title={`ECS service ${service.ecsName}`}>{service.key}</Badge>
                          </li>
                        ))}
                      </ul>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      ))}
    </div>
  );
}
