import "server-only";
import { ECSClient } from "@aws-sdk/client-ecs";

// One ECS client per region, shared by the whole process (the SDK pools connections per client).
// The endpoint is not set here: the SDK reads AWS_ENDPOINT_URL_ECS itself (service-specific endpoint
// configuration), so production config and a local stand-in are the same code path.

const CONNECT_TIMEOUT_MS = 3_000;
const REQUEST_TIMEOUT_MS = 10_000;

const clients = new Map<string, ECSClient>();

/**
 * True when the ECS endpoint is a loopback address (a local simulator): such an endpoint does not
 * verify signatures but the SDK refuses to send unsigned requests, so with no credentials configured
 * we sign with dummy ones rather than fail in the credential chain.
 */
export function needsDummyCredentials(env: Record<string, string | undefined> = process.env): boolean {
  const endpoint = env.AWS_ENDPOINT_URL_ECS ?? env.AWS_ENDPOINT_URL;
  if (!endpoint) return false;
  if (env.AWS_ACCESS_KEY_ID || env.AWS_PROFILE || env.AWS_WEB_IDENTITY_TOKEN_FILE || env.AWS_CONTAINER_CREDENTIALS_FULL_URI || env.AWS_CONTAINER_CREDENTIALS_RELATIVE_URI) {
    return false;
  }
  try {
    const host = new URL(endpoint).hostname;
    return host === "localhost" || host === "127.0.0.1" || host === "[::1]" || host === "::1";
  } catch {
    return false;
  }
}

export function ecsClient(region: string): ECSClient {
  let client = clients.get(region);
  if (!client) {
    client = new ECSClient({
      region,
      // Adaptive: client-side rate limiting that backs off when ECS answers ThrottlingException,
      // so one poller cannot keep hammering a throttled account.
      retryMode: "adaptive",
      maxAttempts: 3,
      // Plain options: the SDK builds its Node handler from them (no direct dependency on @smithy).
      requestHandler: { connectionTimeout: CONNECT_TIMEOUT_MS, requestTimeout: REQUEST_TIMEOUT_MS },
      ...(needsDummyCredentials() ? { credentials: { accessKeyId: "local", secretAccessKey: "local" } } : {}),
    });
    clients.set(region, client);
  }
  return client;
}

/** Tests point AWS_ENDPOINT_URL_ECS elsewhere between files: forget clients built for the old one. */
export function resetEcsClients(): void {
  for (const client of clients.values()) client.destroy();
  clients.clear();
}

/** ThrottlingException and friends, after the SDK's own retries gave up. */
export function isThrottling(error: unknown): boolean {
  const name = (error as { name?: unknown } | null)?.name;
  return typeof name === "string" && /Throttl|TooManyRequests|RequestLimitExceeded/.test(name);
}
