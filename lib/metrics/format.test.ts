import { expect, test } from "vitest";
import { formatDuration, formatPercent, formatRate, plural } from "./format";

test("durations, percentages and rates read at a glance", () => {
  expect(formatDuration(null)).toBe("—");
  expect(formatDuration(45 * 60_000)).toBe("45 min");
  expect(formatDuration(3.24 * 3_600_000)).toBe("3.2 h");
  expect(formatDuration(60 * 3_600_000)).toBe("2.5 d");
  expect(formatPercent(12.5)).toBe("12.5 %");
  expect(formatPercent(20)).toBe("20 %");
  expect(formatPercent(null)).toBe("—");
  expect(formatRate(0)).toBe("0 per day");
  expect(formatRate(2.25)).toBe("2.3 per day");
  expect(formatRate(1 / 7)).toBe("1.0 per week");
  expect(plural(1, "deploy")).toBe("1 deploy");
  expect(plural(3, "commit")).toBe("3 commits");
});
