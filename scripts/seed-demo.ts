// Demo data that lives in Flightdeck's own tables (today: feature flags). Idempotent: it inserts
// only into empty tables. Meant to run at dev start (after migrations):
//   node scripts/with-db.mjs tsx --conditions=react-server scripts/seed-demo.ts
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { seedDemoFlags } from "@/lib/flags/seed-demo";

export async function seedDemo(databaseUrl: string): Promise<void> {
  const prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: databaseUrl }) });
  try {
    const flags = await seedDemoFlags(prisma);
    console.error(flags > 0 ? `[seed] ${flags} demo feature flags` : "[seed] feature flags present; nothing to seed");
  } finally {
    await prisma.$disconnect();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error("DATABASE_URL is not set (run through scripts/with-db.mjs)");
  await seedDemo(url);
}
