import type { EnvironmentSummary } from "@/lib/applications/list-applications";
import type { DeployForm } from "@/lib/deploy/deploy-form";
import type { EnvironmentPageData } from "@/lib/overview/types";
import { rollbackCandidates } from "@/lib/releases/rollback-candidates";
import { DeployDialog } from "@/components/actions/deploy-dialog";
import { RollbackDialog } from "@/components/actions/rollback-dialog";

/** What the signed-in person may do here (decided on the server; the commands check again). */
export interface EnvironmentPermissions {
  deploy: boolean;
  rollBack: boolean;
  lock: boolean;
  unlock: boolean;
}

/**
 * The environment's action bar: Deploy and Roll back (all services); Lock is in the header and Unlock in
 * the lock banner. Buttons a person may not use stay visible, disabled, saying who may.
 */
export function EnvironmentActions({
  application,
  config,
  data,
  deployForm,
  promote,
  can,
}: {
  application: string;
  config: EnvironmentSummary;
  data: EnvironmentPageData;
  deployForm: DeployForm | null;
  promote: { environment: string; sha: string; commitCount: number | null } | null;
  can: EnvironmentPermissions;
}) {
  const currentShas = data.status.services.map((service) => service.sha);
  return (
    <div className="flex flex-wrap items-center gap-2" data-testid="environment-actions">
      <DeployDialog
        application={application}
        environment={config.name}
        isProtected={config.protected}
        form={deployForm}
        promote={promote}
        canDeploy={can.deploy}
        runPath={`/apps/${application}/runs/{id}`}
      />
      <RollbackDialog
        application={application}
        environment={config.name}
        service={null}
        currentSha={currentShas.find(Boolean) ?? null}
        candidates={rollbackCandidates(data.history, currentShas)}
        canRollBack={can.rollBack}
      />
    </div>
  );
}
