import { describe, expect, it } from "vitest";
import { requestMetaFrom } from "./request-meta";

const from = (headers: Record<string, string>) => requestMetaFrom((name) => headers[name]);

describe("requestMetaFrom", () => {
  it("takes the first X-Forwarded-For address, else X-Real-IP", () => {
    expect(from({ "x-forwarded-for": "203.0.113.7, 10.0.0.1", "user-agent": "UA" })).toEqual({ ip: "203.0.113.7", userAgent: "UA" });
    expect(from({ "x-real-ip": "2001:db8::1" }).ip).toBe("2001:db8::1");
    expect(from({ "x-forwarded-for": "[2001:db8::2]:443" }).ip).toBe("2001:db8::2");
    expect(from({ "x-forwarded-for": "198.51.100.4:5000" }).ip).toBe("198.51.100.4");
    expect(from({ "x-forwarded-for": "::ffff:127.0.0.1" }).ip).toBe("127.0.0.1");
  });

  it("drops what is not an IP address instead of storing it", () => {
    expect(from({ "x-forwarded-for": "<script>", "x-real-ip": "1.2.3.4" }).ip).toBe("1.2.3.4");
    expect(from({ "x-forwarded-for": "unknown" })).toEqual({ ip: null, userAgent: null });
  });
});
