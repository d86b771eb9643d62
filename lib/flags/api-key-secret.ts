import "server-only";
import { createHash, randomBytes } from "node:crypto";

// OFREP API keys: 24 random bytes (192 bits), so a plain SHA-256 is the right store (a slow password
// hash adds nothing against a secret this long and would cost a hash per evaluation).

export const API_KEY_PREFIX = "fdk_";

export function generateApiKeySecret(): { secret: string; prefix: string; secretHash: string } {
  const secret = `${API_KEY_PREFIX}${randomBytes(24).toString("base64url")}`;
  return { secret, prefix: secret.slice(0, 12), secretHash: hashApiKeySecret(secret) };
}

export function hashApiKeySecret(secret: string): string {
  return createHash("sha256").update(secret).digest("hex");
}
