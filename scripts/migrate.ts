// Command line for the migration runner (scripts/lib/migration-runner.ts), which applies
// prisma/migrations exactly as `prisma migrate deploy` would (that command fails here; shared/PRISMA.md).
//
//   tsx scripts/migrate.ts deploy | status | resolve --rolled-back <name> | resolve --applied <name> [--dir <migrations>]
//
// Uses DATABASE_URL, or else the embedded Postgres (FLIGHTDECK_DB_INSTANCE, default dev; attaches to it
// when `npm run dev` already runs it). `status` exits 1 while anything is pending, failed or edited.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { MIGRATIONS_DIR, MigrationError, RESOLVE_HINT, migrate, migrationStatus, resolveMigration, type MigrationStatus } from "./lib/migration-runner";

export * from "./lib/migration-runner";

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  const option = (flag: string) => {
    const at = rest.indexOf(flag);
    return at >= 0 ? rest[at + 1] : undefined;
  };
  const migrationsDir = path.resolve(option("--dir") ?? MIGRATIONS_DIR);
  if (command !== "deploy" && command !== "status" && command !== "resolve") {
    console.error("usage: tsx scripts/migrate.ts deploy | status | resolve (--rolled-back | --applied) <name> [--dir <migrations dir>]");
    return 2;
  }
  const { databaseUrl, stop } = await connectionForCli();
  try {
    if (command === "deploy") {
      await migrate({ databaseUrl, migrationsDir });
      return 0;
    }
    if (command === "resolve") {
      const rolledBack = option("--rolled-back");
      const applied = option("--applied");
      const name = rolledBack ?? applied;
      if (!name) throw new Error("resolve needs --rolled-back <name> or --applied <name>");
      await resolveMigration({ databaseUrl, migrationsDir, name, as: rolledBack ? "rolled-back" : "applied" });
      return 0;
    }
    return printStatus(await migrationStatus({ databaseUrl, migrationsDir }), migrationsDir);
  } finally {
    await stop();
  }
}

function printStatus(status: MigrationStatus, migrationsDir: string): number {
  const total = status.applied.length + status.pending.length;
  console.log(`${total} migration${total === 1 ? "" : "s"} found in ${path.relative(process.cwd(), migrationsDir) || "."}`);
  const groups: [string, string[]][] = [
    ["applied", status.applied],
    ["pending (not yet applied)", status.pending],
    ["FAILED (resolve before deploying)", status.failed],
    ["EDITED after being applied", status.edited],
    ["in the database only (missing locally)", status.unknown],
  ];
  for (const [label, names] of groups) if (names.length > 0) console.log(`\n${label}:\n${names.map((name) => `  ${name}`).join("\n")}`);
  const upToDate = status.pending.length + status.failed.length + status.edited.length === 0;
  if (upToDate) console.log("\nDatabase schema is up to date!");
  else if (status.failed.length > 0) console.log(`\n${RESOLVE_HINT}`);
  else if (status.pending.length > 0 && status.edited.length === 0) console.log("\nApply them with `npm run db:migrate`.");
  return upToDate ? 0 : 1;
}

async function connectionForCli(): Promise<{ databaseUrl: string; stop: () => Promise<void> }> {
  if (process.env.DATABASE_URL) return { databaseUrl: process.env.DATABASE_URL, stop: async () => {} };
  const { startEmbeddedPostgres, defaultInstance, DATABASE_NAMES } = await import("./lib/embedded-postgres.mjs");
  const instance = defaultInstance();
  const server = await startEmbeddedPostgres({ instance });
  await server.ensureDatabase(DATABASE_NAMES[instance]);
  return { databaseUrl: server.databaseUrl(DATABASE_NAMES[instance]), stop: server.stop };
}

const invokedDirectly = process.argv[1] !== undefined && fs.realpathSync(process.argv[1]) === fileURLToPath(import.meta.url);
if (invokedDirectly) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error(error instanceof MigrationError ? `Error ${error.code}: ${error.message}` : error);
      process.exit(1);
    },
  );
}
