import { expect, test } from "vitest";
import { signWebhookBody, verifyWebhookSignature } from "./webhook-signature";

const body = new TextEncoder().encode('{"action":"completed"}');

test("a signature over the exact body with the secret verifies", () => {
  expect(verifyWebhookSignature("s3cret", body, signWebhookBody("s3cret", body))).toBe(true);
  // GitHub sends lowercase hex, but hex is case-insensitive.
  expect(verifyWebhookSignature("s3cret", body, signWebhookBody("s3cret", body).toUpperCase().replace("SHA256=", "sha256="))).toBe(true);
});

test("another secret, another body, a missing or malformed header are refused", () => {
  expect(verifyWebhookSignature("other", body, signWebhookBody("s3cret", body))).toBe(false);
  expect(verifyWebhookSignature("s3cret", new TextEncoder().encode('{"action":"completed" }'), signWebhookBody("s3cret", body))).toBe(false);
  expect(verifyWebhookSignature("s3cret", body, null)).toBe(false);
  expect(verifyWebhookSignature("s3cret", body, "sha1=abc")).toBe(false);
  expect(verifyWebhookSignature("s3cret", body, "sha256=abcd")).toBe(false);
});
