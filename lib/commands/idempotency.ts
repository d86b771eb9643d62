import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";
import { db } from "@/lib/db";
import type { CommandResult } from "./types";

export type Claim = { state: "claimed" } | { state: "running" } | { state: "finished"; result: CommandResult };

/**
 * Claims an idempotency key for one person. The primary key makes the claim atomic: of two identical
 * submissions racing, exactly one inserts; the other sees "running" or, later, the stored result.
 */
export async function claimExecution(options: { actorId: string; key: string; command: string }): Promise<Claim> {
  const inserted = await db().$executeRaw`
    INSERT INTO command_executions (actor_id, idempotency_key, command, status)
    VALUES (${options.actorId}::uuid, ${options.key}, ${options.command}, 'running')
    ON CONFLICT DO NOTHING`;
  if (inserted === 1) return { state: "claimed" };
  const existing = await db().commandExecution.findUnique({
    where: { actorId_idempotencyKey: { actorId: options.actorId, idempotencyKey: options.key } },
    select: { status: true, result: true, command: true },
  });
  if (!existing || existing.status === "running" || existing.result === null) return { state: "running" };
  return { state: "finished", result: existing.result as unknown as CommandResult };
}

export async function finishExecution(options: { actorId: string; key: string; result: CommandResult; correlationId: string }): Promise<void> {
  await db().commandExecution.update({
    where: { actorId_idempotencyKey: { actorId: options.actorId, idempotencyKey: options.key } },
    data: {
      status: options.result.ok ? "succeeded" : "failed",
      result: options.result as unknown as Prisma.InputJsonValue,
      correlationId: options.correlationId,
      finishedAt: new Date(),
    },
  });
}
