#!/usr/bin/env node
// Runs a command against a migrated database:
//
//   node scripts/with-db.mjs [--instance=dev|test] <command> [args...]
//
// With DATABASE_URL set, that database is used as it is (not migrated: apply migrations to a shared
// server deliberately, with `npm run db:migrate`). Otherwise an embedded Postgres instance is started
// (--instance, else FLIGHTDECK_DB_INSTANCE, else test when NODE_ENV=test, else dev), its database
// (flightdeck / flightdeck_test) created and migrated, and the command runs with DATABASE_URL pointing
// at it; for the test instance, at a fresh copy of it made for this run and dropped afterwards.
// Signals are forwarded to the command; when it exits, Postgres is stopped (fast shutdown) and the
// command's exit code is ours.
//
// Importable, e.g. by the dev orchestrator:
//
//   import { ensureDatabase } from "./with-db.mjs";
//   const db = await ensureDatabase({ instance: "dev", handleSignals: false });
//   // db.databaseUrl: string; db.embedded: boolean; await db.stop() once your children have exited.
//
//   options: instance ("dev" | "test", default as above), port (default 5433 dev / 5434 test or
//   FLIGHTDECK_PG_PORT), migrate (default true), fresh (a throwaway copy; default true for "test"),
//   handleSignals (default true: on SIGINT/SIGTERM/SIGHUP stop Postgres and exit; pass false when you
//   stop it yourself after your own shutdown).
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { DATABASE_NAMES, defaultInstance, startEmbeddedPostgres } from "./lib/embedded-postgres.mjs";

const ROOT = fileURLToPath(new URL("..", import.meta.url));

/**
 * @param {{ instance?: "dev" | "test", port?: number, migrate?: boolean, fresh?: boolean, handleSignals?: boolean }} [options]
 * @returns {Promise<{ databaseUrl: string, embedded: boolean, stop: () => Promise<void> }>}
 */
export async function ensureDatabase({ instance = defaultInstance(), port, migrate = true, fresh = instance === "test", handleSignals = true } = {}) {
  if (process.env.DATABASE_URL) return { databaseUrl: process.env.DATABASE_URL, embedded: false, stop: async () => {} };
  const server = await startEmbeddedPostgres({ instance, port, handleSignals });
  try {
    const name = DATABASE_NAMES[instance];
    await server.ensureDatabase(name);
    if (!server.attached) await dropLeftoverCopies(server);
    if (migrate) {
      // The runner is TypeScript; tsx loads it in-process (a scoped loader that touches nothing else).
      const { tsImport } = await import("tsx/esm/api");
      const runner = await tsImport("./lib/migration-runner.ts", import.meta.url);
      const started = Date.now();
      await runner.migrate({ databaseUrl: server.databaseUrl(name), log: (line) => console.error(`[migrate] ${line}`) });
      console.error(`[migrate] done in ${Date.now() - started} ms`);
    }
    if (!fresh) return { databaseUrl: server.databaseUrl(name), embedded: true, stop: server.stop };

    // Tests get a copy, never flightdeck_test itself: what an e2e run writes must not leak into the
    // next run, nor into the copies lib/testing/database.ts makes from DATABASE_URL.
    const copy = `flightdeck_t_${randomBytes(6).toString("hex")}`;
    await admin(server, (client) => client.query(`CREATE DATABASE ${copy} TEMPLATE ${client.escapeIdentifier(name)}`));
    const stop = async () => {
      await admin(server, (client) => client.query(`DROP DATABASE IF EXISTS ${copy} WITH (FORCE)`)).catch((error) =>
        console.error(`[postgres] could not drop ${copy}: ${error.message}`),
      );
      await server.stop();
    };
    return { databaseUrl: server.databaseUrl(copy), embedded: true, stop };
  } catch (error) {
    await server.stop();
    throw error;
  }
}

// Copies (ours and lib/testing/database.ts's) outlive an interrupted run. While we alone own the
// server nobody can be using one, so they go.
async function dropLeftoverCopies(server) {
  const dropped = await admin(server, async (client) => {
    const { rows } = await client.query("SELECT datname FROM pg_database WHERE datname LIKE 'flightdeck\\_t\\_%'");
    for (const { datname } of rows) await client.query(`DROP DATABASE ${client.escapeIdentifier(datname)} WITH (FORCE)`);
    return rows.length;
  });
  if (dropped > 0) console.error(`[postgres] dropped ${dropped} test database(s) left by an interrupted run`);
}

async function admin(server, body) {
  const client = new pg.Client({ connectionString: server.databaseUrl("postgres") });
  await client.connect();
  try {
    return await body(client);
  } finally {
    await client.end();
  }
}

async function main(argv) {
  // A flag rather than only the env var: npm scripts cannot set variables portably.
  const flag = argv[0]?.match(/^--instance=(.*)$/);
  if (flag) argv = argv.slice(1);
  if (argv.length === 0) {
    console.error("usage: node scripts/with-db.mjs [--instance=dev|test] <command> [args...]");
    return 2;
  }
  // A signal during start-up is remembered and honoured once Postgres is up, so it is never left running.
  let child = null;
  let pendingSignal = null;
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"]) {
    process.on(signal, () => {
      if (child) child.kill(signal);
      else pendingSignal ??= signal;
    });
  }

  let db;
  try {
    const instance = flag ? defaultInstance({ FLIGHTDECK_DB_INSTANCE: flag[1] }) : defaultInstance();
    db = await ensureDatabase({ instance, handleSignals: false });
  } catch (error) {
    console.error(`with-db: ${error instanceof Error ? error.message : error}`);
    return 1;
  }
  if (pendingSignal) {
    await db.stop();
    return 128 + os.constants.signals[pendingSignal];
  }

  const [command, ...args] = argv;
  // So `with-db vitest …` works outside npm scripts too.
  const PATH = [path.join(ROOT, "node_modules", ".bin"), process.env.PATH].filter(Boolean).join(path.delimiter);
  child = spawn(command, args, { stdio: "inherit", env: { ...process.env, PATH, DATABASE_URL: db.databaseUrl } });
  const code = await new Promise((resolve) => {
    child.once("error", (error) => {
      console.error(`with-db: cannot run ${command}: ${error.message}`);
      resolve(127);
    });
    child.once("exit", (exitCode, signal) => resolve(exitCode ?? 128 + os.constants.signals[signal]));
  });
  await db.stop().catch((error) => console.error(`with-db: stopping Postgres failed: ${error.message}`));
  return code;
}

const invokedDirectly = process.argv[1] !== undefined && fs.realpathSync(process.argv[1]) === fileURLToPath(import.meta.url);
if (invokedDirectly) main(process.argv.slice(2)).then((code) => process.exit(code));
