import { describe, expect, it } from "vitest";
import { contentSecurityPolicy, securityHeaders } from "./security-headers";

describe("content security policy", () => {
  const production = contentSecurityPolicy({ nonce: "abc123", githubOrigins: ["https://ghe.example.com"], development: false });

  it("forbids framing and foreign scripts", () => {
    expect(production).toContain("frame-ancestors 'none'");
    expect(production).toContain("script-src 'self' 'nonce-abc123' 'strict-dynamic'");
    expect(production).not.toContain("unsafe-eval");
    expect(production).not.toMatch(/script-src[^;]*unsafe-inline/);
  });

  it("allows the configured GitHub for avatars and the OAuth redirect only", () => {
    expect(production).toMatch(/img-src [^;]*https:\/\/ghe\.example\.com/);
    expect(production).toMatch(/form-action 'self' https:\/\/ghe\.example\.com/);
  });

  it("sends HSTS only in production and always denies framing", () => {
    expect(securityHeaders(production, true)).toMatchObject({ "x-frame-options": "DENY", "strict-transport-security": expect.any(String) });
    expect(securityHeaders(production, false)).not.toHaveProperty("strict-transport-security");
  });
});
