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
    // The sandbox is a separate wing reached only over HTTP.
    files: ["sandbox/**/*.ts"],
    rules: {
      "no-restricted-imports": ["error", { patterns: ["@/*", "**/lib/*"] }],
    },
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
