import { describe, expect, it } from "vitest";
import { redact } from "./log";

describe("redact", () => {
  it("hides values under secret-looking keys and GitHub tokens anywhere", () => {
    expect(
      redact({ login: "rita", accessToken: "gho_abcdefghijklmnop", nested: { Authorization: "token x" }, note: "used ghp_1234567890abcdef" }),
    ).toEqual({ login: "rita", accessToken: "[redacted]", nested: { Authorization: "[redacted]" }, note: "used [redacted]" });
  });
});

describe("redact errors", () => {
  it("cleans tokens from an error's message and stack", () => {
    const error = new Error("upstream said no to gho_abcdefghijklmnop");
    const cleaned = redact(error) as { message: string; stack: string };
    expect(cleaned.message).toBe("upstream said no to [redacted]");
    expect(cleaned.stack).not.toContain("gho_abcdefghijklmnop");
  });
});
