import type { ServiceRelease } from "@/lib/overview/types";
import { Badge } from "@/components/ui/badge";
import { ShaLink } from "@/components/ui/sha-link";
import { DeployedBy } from "./deployed-by";
import { RolloutBadge } from "./rollout-badge";

/** One service in one environment: SHA (+ tag), rollout state, when and by whom. */
export function ServiceReleaseCell({ application, release, now }: { application: string; release: ServiceRelease; now: Date }) {
  return (
    <div className="space-y-0.5" data-testid={`release-${release.service}`} data-ecs-service={release.ecsServiceName} data-sha={release.sha ?? ""} data-rollout-state={release.rollout.state}>
      <div className="flex flex-wrap items-center gap-1">
        {release.sha ? (
          <ShaLink sha={release.sha} url={release.commitUrl} />
        ) : (
          <span className="text-zinc-500" title={release.imageDigest ?? release.image ?? "No image observed"}>
            SHA unknown
          </span>
        )}
        {release.tag ? <Badge className="font-mono">{release.tag}</Badge> : null}
        <RolloutBadge rollout={release.rollout} />
      </div>
      <DeployedBy application={application} release={release} now={now} />
    </div>
  );
}
