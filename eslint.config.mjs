import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

const config = [
  ...nextVitals,
  ...nextTs,
  {
    ignores: [".next/**", "node_modules/**", ".data/**", "lib/generated/**", "test-results/**", "playwright-report/**", "next-env.d.ts"],
  },
  {
    // lib/ is the domain: it must not reach into the UI layers or the sandbox.
    files: ["lib/**/*.{ts,tsx}"],
    rules: {
      "no-restricted-imports": ["error", { patterns: ["@/app/*", "@/components/*", "@/sandbox/*", "**/sandbox/*"] }],
    },
  },
  {
    // Integration tests may start the sandbox in-process (sandbox/testing); lib code itself never does.
    files: ["lib/**/*.integration.test.ts"],
    rules: {
      "no-restricted-imports": ["error", { patterns: ["@/app/*", "@/components/*"] }],
    },
  },
  {
    // The sandbox is a separate wing reached only over HTTP.
    files: ["sandbox/**/*.ts"],
    rules: {
      "no-restricted-imports": ["error", { patterns: ["@/*", "**/lib/*"] }],
    },
  },
  {
    // Tests (and test-only helpers) may start the sandbox in process; it is still reached only over HTTP.
    files: ["lib/**/*.test.ts", "lib/testing/**/*.ts"],
    rules: { "no-restricted-imports": ["error", { patterns: ["@/app/*", "@/components/*"] }] },
  },
  {
    // Vitest helpers named use…() (useTestDatabase) are not React hooks.
    files: ["**/*.test.ts"],
    rules: { "react-hooks/rules-of-hooks": "off" },
  },
  {
    // Only lib/auth may talk to next-auth.
    files: ["app/**/*.{ts,tsx}", "components/**/*.{ts,tsx}"],
    rules: {
      "no-restricted-imports": ["error", { patterns: ["next-auth", "next-auth/*", "@octokit/*", "@aws-sdk/*", "@prisma/*", "@/lib/generated/*"] }],
    },
  },
];

export default config;
