import { describe, expect, it } from "vitest";
import { isRelevant, JOB_EVENTS, parseLiveMessage, GITHUB_ACTIVITY_EVENTS } from "./relevance";

describe("isRelevant", () => {
  it("refreshes the overview for every event", () => {
    expect(isRelevant({ type: "service", application: "wumbo", environment: "staging" }, {})).toBe(true);
  });

  it("ignores other applications on an application page", () => {
    expect(isRelevant({ application: "beacon" }, { application: "wumbo" })).toBe(false);
    expect(isRelevant({ application: "wumbo", environment: "production" }, { application: "wumbo" })).toBe(true);
  });

  it("ignores other environments on an environment page, but not application-wide events", () => {
    const scope = { application: "wumbo", environment: "staging" };
    expect(isRelevant({ application: "wumbo", environment: "production" }, scope)).toBe(false);
    expect(isRelevant({ application: "wumbo", environment: "staging" }, scope)).toBe(true);
    expect(isRelevant({ application: "wumbo" }, scope)).toBe(true);
    expect(isRelevant({ application: "wumbo", environment: null }, scope)).toBe(true);
  });

  it("skips the event types a page says it does not show, and only those", () => {
    const overview = { ignore: GITHUB_ACTIVITY_EVENTS };
    expect(isRelevant({ type: "job.changed", application: "wumbo", environment: "staging" }, overview)).toBe(false);
    expect(isRelevant({ type: "run.changed", application: "wumbo", environment: "staging" }, overview)).toBe(false);
    expect(isRelevant({ type: "deployment.changed", application: "wumbo", environment: "staging" }, overview)).toBe(false);
    expect(isRelevant({ type: "approval.changed", application: "wumbo", environment: "production" }, overview)).toBe(true);
    expect(isRelevant({ type: "ecs.changed", application: "wumbo", environment: "production" }, overview)).toBe(true);
    expect(isRelevant({ application: "wumbo" }, overview)).toBe(true);
    const metrics = { ignore: JOB_EVENTS };
    expect(isRelevant({ type: "run.changed", application: "wumbo" }, metrics)).toBe(true);
    expect(isRelevant({ type: "job.changed", application: "wumbo" }, { application: "wumbo" })).toBe(true);
  });

  it("treats an event that names no application as relevant everywhere", () => {
    expect(isRelevant({ type: "upstream" }, { application: "wumbo", environment: "staging" })).toBe(true);
  });
});

describe("parseLiveMessage", () => {
  it("accepts JSON objects only", () => {
    expect(parseLiveMessage('{"type":"run","application":"wumbo"}')).toEqual({ type: "run", application: "wumbo" });
    expect(parseLiveMessage("ping")).toBeNull();
    expect(parseLiveMessage("[1]")).toBeNull();
    expect(parseLiveMessage(undefined)).toBeNull();
  });
});
