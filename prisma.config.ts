// Prisma CLI configuration. The JS engine plus a driver adapter lets the CLI run without
// downloading native engines (see docs/architecture.md, "Prisma offline").
import path from "node:path";
import { defineConfig } from "prisma/config";
import { PrismaPg } from "@prisma/adapter-pg";

export default defineConfig({
  engine: "js",
  experimental: { adapter: true },
  schema: path.join("prisma", "schema.prisma"),
  migrations: { path: path.join("prisma", "migrations") },
  adapter: async () =>
    new PrismaPg({
      connectionString: process.env.DATABASE_URL ?? "postgresql://placeholder@localhost:5432/placeholder",
      // Without an idle timeout the CLI waits ~10 s for the pool before exiting.
      idleTimeoutMillis: 500,
    }),
});
