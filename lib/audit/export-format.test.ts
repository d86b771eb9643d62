import { describe, expect, it } from "vitest";
import { csvField, csvHeader, csvLine, jsonLine } from "./export-format";
import type { AuditEventView } from "./find-audit-events";

const event: AuditEventView = {
  id: "7",
  occurredAt: "2026-11-22T09:30:00.000Z",
  actorType: "user",
  actorId: null,
  actorLogin: "ada",
  actorAvatarUrl: null,
  action: "flag.changed",
  application: "checkout",
  environment: "staging",
  targetType: "flag",
  target: "new-cart, \"beta\"",
  outcome: "succeeded",
  correlationId: null,
  ip: "203.0.113.7",
  userAgent: "UA",
  payload: { before: false, after: true },
  hash: "a".repeat(64),
};

describe("export encoders", () => {
  it("quotes CSV fields per RFC 4180 and defuses formulas", () => {
    expect(csvField('a,"b"')).toBe('"a,""b"""');
    expect(csvField("=HYPERLINK(1)")).toBe("'=HYPERLINK(1)");
    expect(csvField(null)).toBe("");
  });

  it("leaves IP and user agent out unless the reader may see them", () => {
    expect(csvHeader(false)).not.toContain("ip");
    expect(csvHeader(true)).toContain(",ip,user_agent,");
    expect(csvLine(event, false)).not.toContain("203.0.113.7");
    expect(csvLine(event, true)).toContain("203.0.113.7");
    expect(JSON.parse(jsonLine(event, false))).not.toHaveProperty("ip");
    expect(JSON.parse(jsonLine(event, true)).ip).toBe("203.0.113.7");
  });

  it("writes one line per event with the payload as JSON", () => {
    const line = csvLine(event, false);
    expect(line.endsWith("\r\n")).toBe(true);
    expect(line).toContain('"{""before"":false,""after"":true}"');
    expect(jsonLine(event, false).split("\n")).toHaveLength(2);
  });
});
