import "server-only";
import type { PrismaClient } from "@/lib/generated/prisma/client";

// A GitHub deployment's final status, kept apart from its latest one: GitHub marks an earlier successful
// deployment "inactive" when the next one succeeds, which would otherwise hide that it ever succeeded.

export const FINAL_DEPLOYMENT_STATES = new Set(["success", "failure", "error"]);

export interface StatusPayload {
  state: string;
  created_at?: string | null;
}

/** The newest final status of a deployment's statuses (GitHub lists them newest first). */
export function finalStatus(statuses: readonly StatusPayload[]): { state: string; at: Date } | null {
  const final = statuses.find((status) => FINAL_DEPLOYMENT_STATES.has(status.state));
  if (!final?.created_at) return null;
  const at = new Date(final.created_at);
  return Number.isNaN(at.getTime()) ? null : { state: final.state, at };
}

/** Stores (or corrects) how a deployment ended; the webhook and the refresher both call this. */
export async function recordDeploymentOutcome(prisma: PrismaClient, options: { application: string; deploymentId: number | bigint; state: string; at: Date }): Promise<void> {
  const key = { deploymentId: BigInt(options.deploymentId) };
  const data = { application: options.application, state: options.state, finishedAt: options.at };
  await prisma.deploymentOutcome.upsert({ where: key, create: { ...key, ...data }, update: data });
}
