import { describe, expect, it } from "vitest";
import { nextDelay } from "./refresher";

describe("nextDelay (fixed-rate passes)", () => {
  it("starts the next pass one interval after the previous one started, however long that one took", () => {
    expect(nextDelay(15_000, 0)).toBe(15_000);
    expect(nextDelay(15_000, 400)).toBe(14_600);
    expect(nextDelay(15_000, 9_000)).toBe(6_000);
  });

  it("skips the starts an overrunning pass missed instead of running passes back to back", () => {
    expect(nextDelay(5_000, 5_000)).toBe(5_000);
    expect(nextDelay(5_000, 7_000)).toBe(3_000);
    expect(nextDelay(5_000, 12_500)).toBe(2_500);
  });
});
