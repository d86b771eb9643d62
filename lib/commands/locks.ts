import "server-only";
import { db } from "@/lib/db";

export interface EnvironmentLockView {
  lockedBy: string;
  reason: string;
  createdAt: Date;
}

export async function findEnvironmentLock(application: string, environment: string): Promise<EnvironmentLockView | null> {
  return db().environmentLock.findUnique({
    where: { application_environment: { application, environment } },
    select: { lockedBy: true, reason: true, createdAt: true },
  });
}
