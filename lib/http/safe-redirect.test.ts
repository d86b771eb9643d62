import { describe, expect, it } from "vitest";
import { safeReturnPath } from "./safe-redirect";

describe("safeReturnPath", () => {
  it("keeps same-site paths and refuses everything else", () => {
    expect(safeReturnPath("/apps/wumbo/production?tab=runs")).toBe("/apps/wumbo/production?tab=runs");
    for (const bad of ["https://evil.example", "//evil.example", "/\\evil.example", "javascript:alert(1)", undefined, ""]) {
      expect(safeReturnPath(bad)).toBe("/");
    }
  });
});
