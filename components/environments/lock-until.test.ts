import { describe, expect, test } from "vitest";
import { formatUtcInstant, timeLeft } from "./lock-until";

const now = new Date("2026-11-22T10:31:00Z");

describe("lock expiry wording", () => {
  test("the time alone today, with the date on another day, always in UTC", () => {
    expect(formatUtcInstant("2026-11-22T14:30:00Z", now)).toBe("14:30 UTC");
    expect(formatUtcInstant("2026-11-23T04:05:00Z", now)).toBe("Nov 23, 04:05 UTC");
  });

  test("what is left, rounded up to the minute", () => {
    expect(timeLeft("2026-11-22T10:42:30Z", now)).toBe("in 12 min");
    expect(timeLeft("2026-11-22T14:29:00Z", now)).toBe("in 3 h 58 min");
    expect(timeLeft("2026-11-22T12:31:00Z", now)).toBe("in 2 h");
    expect(timeLeft("2026-11-25T14:31:00Z", now)).toBe("in 3 d 4 h");
    expect(timeLeft("2026-11-22T10:30:00Z", now)).toBe("any moment now");
  });
});
