import { createHmac, timingSafeEqual } from "node:crypto";

// X-Hub-Signature-256 = "sha256=" + hex(HMAC-SHA256(secret, raw body)). Checked over the exact bytes
// received (re-serialised JSON would not match) and compared in constant time.

export function signWebhookBody(secret: string, body: Uint8Array | string): string {
  return `sha256=${createHmac("sha256", secret).update(body).digest("hex")}`;
}

export function verifyWebhookSignature(secret: string, body: Uint8Array, header: string | null): boolean {
  if (!header || !/^sha256=[0-9a-f]{64}$/i.test(header)) return false;
  const expected = Buffer.from(signWebhookBody(secret, body).slice("sha256=".length), "hex");
  const given = Buffer.from(header.slice("sha256=".length), "hex");
  return expected.length === given.length && timingSafeEqual(expected, given);
}
