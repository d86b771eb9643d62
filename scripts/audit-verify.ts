// npm run audit:verify
//
// Walks the audit chain from the first event and prints either "N events, chain intact" or the first
// broken event with what differs; exits 1 on a break, 2 when it could not run. Uses DATABASE_URL (with-db
// provides the embedded Postgres when it is unset).
import { formatVerifyResult, verifyAuditChain } from "../lib/audit/verify";

const databaseUrl = process.env.DATABASE_URL;
if (!databaseUrl) {
  console.error("audit:verify: DATABASE_URL is not set");
  process.exit(2);
}

const started = performance.now();
try {
  const result = await verifyAuditChain({ databaseUrl });
  const seconds = (performance.now() - started) / 1000;
  console.log(formatVerifyResult(result));
  const rate = result.count / Math.max(seconds, 1e-6);
  console.error(`checked ${result.count} events in ${seconds.toFixed(2)} s (${Math.round(rate).toLocaleString("en")} events/s)`);
  process.exitCode = result.ok ? 0 : 1;
} catch (error) {
  console.error(`audit:verify could not run: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 2;
}
