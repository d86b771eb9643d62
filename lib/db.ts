import "server-only";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { serverEnv } from "@/lib/env";

// One client per process. Next's dev server re-evaluates modules on change; keeping the client on
// globalThis stops every edit from opening a new connection pool.
const globalForPrisma = globalThis as unknown as { flightdeckPrisma?: PrismaClient };

function createClient(): PrismaClient {
  const adapter = new PrismaPg({ connectionString: serverEnv().DATABASE_URL, connectionTimeoutMillis: 5_000 });
  return new PrismaClient({ adapter });
}

export function db(): PrismaClient {
  globalForPrisma.flightdeckPrisma ??= createClient();
  return globalForPrisma.flightdeckPrisma;
}
