import { describe, expect, it } from "vitest";
import { paginate } from "./pagination";

const items = Array.from({ length: 7 }, (_, i) => i + 1);
const base = "http://localhost:4010/api/v3/orgs/skyward/members";

describe("paginate", () => {
  it("returns everything without a Link header when one page holds it all", () => {
    expect(paginate(items, new URLSearchParams(), base)).toEqual({ items });
  });

  it("links next and last from the first page, keeping other parameters", () => {
    const page = paginate(items, new URLSearchParams("per_page=3&role=all"), base);
    expect(page.items).toEqual([1, 2, 3]);
    expect(page.link).toBe(`<${base}?per_page=3&role=all&page=2>; rel="next", <${base}?per_page=3&role=all&page=3>; rel="last"`);
  });

  it("links prev, next, last and first from a middle page, in GitHub's order", () => {
    const page = paginate(items, new URLSearchParams("per_page=3&page=2"), base);
    expect(page.items).toEqual([4, 5, 6]);
    expect(page.link).toBe(
      `<${base}?per_page=3&page=1>; rel="prev", <${base}?per_page=3&page=3>; rel="next", <${base}?per_page=3&page=3>; rel="last", <${base}?per_page=3&page=1>; rel="first"`,
    );
  });

  it("links only prev and first from the last page", () => {
    const page = paginate(items, new URLSearchParams("per_page=3&page=3"), base);
    expect(page.items).toEqual([7]);
    expect(page.link).toBe(`<${base}?per_page=3&page=2>; rel="prev", <${base}?per_page=3&page=1>; rel="first"`);
  });

  it("caps per_page at 100 and ignores nonsense", () => {
    const many = Array.from({ length: 250 }, (_, i) => i);
    expect(paginate(many, new URLSearchParams("per_page=500"), base).items).toHaveLength(100);
    expect(paginate(many, new URLSearchParams("per_page=abc&page=-2"), base).items).toEqual(many.slice(0, 30));
  });
});
