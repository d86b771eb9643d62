import { describe, expect, it } from "vitest";
import { redact } from "./log";

describe("redact", () => {
  it("hides values under secret-looking keys and GitHub tokens anywhere", () => {
    expect(
      redact({ login: "rita", accessToken: "gho_abcdefghijklmnop", nested: { Authorization: "token x" }, note: "used ghp_1234567890abcdef" }),
    ).toEqual({ login: "rita", accessToken: "[redacted]", nested: { Authorization: "[redacted]" }, note: "used [redacted]" });
  });
});
