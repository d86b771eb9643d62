/**
 * Entry point: `tsx sandbox/main.ts` (npm run sandbox). Configured by environment variables —
 * see config.ts and sandbox/README.md.
 */
import { optionsFromEnv } from "./config";
import { stdoutLogger } from "./log";
import { createSandbox } from "./server";

async function main(): Promise<void> {
  const options = optionsFromEnv(process.env);
  const sandbox = await createSandbox({ ...options, log: stdoutLogger });
  stdoutLogger("info", "sandbox.listening", {
    url: sandbox.url,
    port: sandbox.port,
    api: `${sandbox.url}/api/v3`,
    clock: options.clock.mode,
    speed: options.clock.speed,
    oauthClientId: options.oauth.clientId,
  });

  let closing = false;
  const stop = (signal: NodeJS.Signals): void => {
    if (closing) return;
    closing = true;
    stdoutLogger("info", "sandbox.stopping", { signal });
    sandbox.close().then(
      () => process.exit(0),
      (error: unknown) => {
        stdoutLogger("error", "sandbox.stop_failed", { error });
        process.exit(1);
      },
    );
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}

main().catch((error: unknown) => {
  stdoutLogger("error", "sandbox.start_failed", { error });
  process.exit(1);
});
