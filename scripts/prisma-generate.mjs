#!/usr/bin/env node
// postinstall: generates the Prisma client into lib/generated/prisma (git-ignored).
//
// Prisma 6.19.3 needs DATABASE_URL to be a postgresql:// URL even for `generate` (the server need not be
// reachable): without one it silently falls back to its native engines and tries to download them,
// which fails offline (shared/PRISMA.md). CHECKPOINT_DISABLE stops its update check.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const PLACEHOLDER_URL = "postgresql://placeholder:placeholder@localhost:5432/placeholder";

const prisma = path.join(ROOT, "node_modules", ".bin", process.platform === "win32" ? "prisma.cmd" : "prisma");
if (!fs.existsSync(prisma)) {
  // `npm ci --omit=dev` (the CLI is a devDependency): the client must come from a full install's build.
  console.warn("prisma-generate: the prisma CLI is not installed (dev dependencies omitted); skipping generate");
  process.exit(0);
}

const url = process.env.DATABASE_URL ?? "";
const env = {
  ...process.env,
  CHECKPOINT_DISABLE: "1",
  DATABASE_URL: /^postgres(ql)?:\/\//.test(url) ? url : PLACEHOLDER_URL,
};
const result = spawnSync(prisma, ["generate"], { cwd: ROOT, env, stdio: "inherit" });
process.exit(result.status ?? 1);
