import { receiveGithubWebhook } from "@/lib/webhooks/github";

// GitHub webhooks (workflow runs and jobs, deployments and their statuses, deployment reviews).
// Authenticated by X-Hub-Signature-256, not by a session; see lib/webhooks/github.ts.
export const dynamic = "force-dynamic";

export async function POST(request: Request): Promise<Response> {
  return receiveGithubWebhook(request);
}
