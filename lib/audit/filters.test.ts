import { describe, expect, it } from "vitest";
import { filtersToSearchParams, hasAnyFilter, parseAuditFilters } from "./filters";

describe("parseAuditFilters", () => {
  it("parses every filter from URL search params", () => {
    const { filters, errors } = parseAuditFilters(
      new URLSearchParams({
        actor: "Rita",
        actorType: "user",
        app: "checkout",
        env: "production",
        action: "deploy.requested",
        outcome: "failed",
        from: "2026-11-22T09:30",
        to: "2026-11-22T10:00:00Z",
        q: "run 123",
        before: "1000",
      }),
    );
    expect(errors).toEqual({});
    expect(filters).toEqual({
      actor: "Rita",
      actorType: "user",
      app: "checkout",
      env: "production",
      action: "deploy.requested",
      outcome: "failed",
      from: new Date("2026-11-22T09:30:00Z"),
      to: new Date("2026-11-22T10:00:00Z"),
      q: "run 123",
      before: 1000n,
    });
  });

  it("ignores empty fields, as an unfilled GET form sends them", () => {
    const { filters, errors } = parseAuditFilters({ actor: "", app: "  ", outcome: undefined });
    expect(filters).toEqual({});
    expect(errors).toEqual({});
    expect(hasAnyFilter(filters)).toBe(false);
  });

  it("reports invalid values per field and drops them", () => {
    const { filters, errors } = parseAuditFilters({ outcome: "maybe", actor: "no spaces", from: "yesterday", app: "checkout", before: "-1" });
    expect(filters).toEqual({ app: "checkout" });
    expect(Object.keys(errors).sort()).toEqual(["actor", "before", "from", "outcome"]);
    expect(errors.outcome).toMatch(/requested, succeeded, failed, denied/);
  });

  it("refuses a range that ends before it starts", () => {
    const { filters, errors } = parseAuditFilters({ from: "2026-11-22T10:00", to: "2026-11-22T09:00" });
    expect(filters.to).toBeUndefined();
    expect(errors.to).toBeDefined();
  });

  it("takes the first value of a repeated param", () => {
    expect(parseAuditFilters({ app: ["a", "b"] }).filters.app).toBe("a");
  });

  it("round-trips through search params (the export link carries the page's filters)", () => {
    const { filters } = parseAuditFilters({ actor: "ada", action: "auth.signed_in", from: "2026-11-22T09:30:00.000Z", q: "50%_off" });
    const again = parseAuditFilters(filtersToSearchParams(filters)).filters;
    expect(again).toEqual(filters);
  });
});
