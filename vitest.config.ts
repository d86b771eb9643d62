import path from "node:path";
import { defineConfig } from "vitest/config";

const alias = { "@": path.resolve(import.meta.dirname) };
// "server-only" throws outside React's server environment; tests run plain Node, where it means nothing.
const serverOnly = { "server-only": path.resolve(import.meta.dirname, "lib/testing/server-only-stub.ts") };

export default defineConfig({
  test: {
    projects: [
      {
        resolve: { alias: { ...alias, ...serverOnly } },
        test: {
          name: "unit",
          environment: "node",
          include: ["{lib,app,components,sandbox,scripts}/**/*.test.{ts,tsx}"],
          exclude: ["**/*.integration.test.{ts,tsx}", "node_modules/**"],
        },
      },
      {
        resolve: { alias: { ...alias, ...serverOnly } },
        test: {
          name: "integration",
          environment: "node",
          include: ["{lib,app,sandbox,scripts}/**/*.integration.test.{ts,tsx}"],
          // Each file gets its own database; two files at a time suits a 2-core machine.
          maxWorkers: 2,
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});
