import { describe, expect, it } from "vitest";
import { parseRunSearch, runsHref } from "./run-filters";

describe("parseRunSearch", () => {
  it("keeps known filters and a sane page", () => {
    expect(parseRunSearch({ workflow: "deploy.yml", branch: " main ", status: "failure", page: "3", junk: "x" })).toEqual({
      filters: { workflow: "deploy.yml", branch: "main", status: "failure" },
      page: 3,
    });
  });

  it("drops what it does not understand", () => {
    expect(parseRunSearch({ status: "bogus", page: "-2", actor: "" })).toEqual({ filters: {}, page: 1 });
    expect(parseRunSearch({ actor: ["rita", "ravi"], page: "abc" })).toEqual({ filters: { actor: "rita" }, page: 1 });
  });
});

describe("runsHref", () => {
  it("round-trips through the URL", () => {
    const href = runsHref("wumbo", { event: "push", actor: "dana" }, 2);
    expect(href).toBe("/apps/wumbo/runs?event=push&actor=dana&page=2");
    const params = Object.fromEntries(new URL(href, "http://x").searchParams);
    expect(parseRunSearch(params)).toEqual({ filters: { event: "push", actor: "dana" }, page: 2 });
  });
});
