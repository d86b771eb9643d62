import { describe, expect, it } from "vitest";
import { open, seal } from "./secret-box";

const secret = "a-secret-of-at-least-thirty-two-characters";

describe("secret box", () => {
  it("round-trips and never stores the plaintext", () => {
    const sealed = seal("gho_abcdef123456", secret, "github-user-token");
    expect(sealed).not.toContain("gho_");
    expect(open(sealed, secret, "github-user-token")).toBe("gho_abcdef123456");
  });

  it("refuses another secret, another purpose and tampering", () => {
    const sealed = seal("gho_abcdef123456", secret, "github-user-token");
    expect(open(sealed, `${secret}!`, "github-user-token")).toBeNull();
    expect(open(sealed, secret, "something-else")).toBeNull();
    const parts = sealed.split(".");
    const tampered = [...parts.slice(0, 3), Buffer.from("gho_zzzzzz").toString("base64url")].join(".");
    expect(open(tampered, secret, "github-user-token")).toBeNull();
    expect(open("garbage", secret, "github-user-token")).toBeNull();
  });
});
