import type { Metadata } from "next";
import { assertPermission, requireUser } from "@/lib/auth/current-user";
import { getConfig } from "@/lib/config";
import { findApiKeys } from "@/lib/flags/find-flags";
import { ApiKeysTable } from "@/components/flags/api-keys-table";
import { CreateApiKeyDialog } from "@/components/flags/create-api-key-dialog";

export const metadata: Metadata = { title: "OFREP API keys" };

export default async function ApiKeysPage() {
  const user = await requireUser("/admin/api-keys");
  assertPermission(user, "tokens.manage");
  const keys = await findApiKeys();
  const scopes = getConfig().applications.map((app) => ({ application: app.slug, name: app.name, environments: app.environments.map((env) => env.name) }));
  return (
    <main>
      <div className="mb-3 flex flex-wrap items-baseline gap-3">
        <h1 className="text-lg font-semibold">OFREP API keys</h1>
        <p className="text-sm text-zinc-600 dark:text-zinc-400">
          Each key reads the flags of one application in one environment. Send it as <code>Authorization: Bearer &lt;key&gt;</code> or <code>X-API-Key</code>.
        </p>
        <div className="ml-auto">
          <CreateApiKeyDialog scopes={scopes} />
        </div>
      </div>
      {keys.length === 0 ? (
        <div className="rounded-md border border-dashed border-zinc-300 p-8 text-center text-sm dark:border-zinc-700">No API keys yet. Create one per service and environment.</div>
      ) : (
        <ApiKeysTable keys={keys} />
      )}
    </main>
  );
}
