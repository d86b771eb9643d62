import { describe, expect, test } from "vitest";
import { evaluateFlag, type CompiledFlag } from "./evaluate";

const flag = (overrides: Partial<CompiledFlag> = {}): CompiledFlag => ({
  key: "new-checkout",
  type: "boolean",
  enabled: true,
  defaultValue: false,
  rolloutValue: true,
  rolloutPercentage: 0,
  allowList: new Set(),
  ...overrides,
});

describe("evaluateFlag", () => {
  test("a disabled flag serves its default to everyone, even the allow list", () => {
    expect(evaluateFlag(flag({ enabled: false, rolloutPercentage: 100, allowList: new Set(["u1"]) }), "u1")).toEqual({
      key: "new-checkout",
      value: false,
      reason: "DISABLED",
      variant: "default",
    });
  });

  test("100 % serves the rollout value without a targeting key", () => {
    expect(evaluateFlag(flag({ rolloutPercentage: 100 }), undefined)).toMatchObject({ value: true, reason: "STATIC" });
  });

  test("the allow list always gets the rollout value", () => {
    const allowed = flag({ allowList: new Set(["qa-1"]) });
    expect(evaluateFlag(allowed, "qa-1")).toMatchObject({ value: true, reason: "TARGETING_MATCH", variant: "rollout" });
    expect(evaluateFlag(allowed, "someone")).toMatchObject({ value: false, reason: "DEFAULT" });
    expect(evaluateFlag(allowed, undefined)).toMatchObject({ value: false, reason: "DEFAULT" });
  });

  test("a partial rollout needs a targeting key", () => {
    expect(evaluateFlag(flag({ rolloutPercentage: 25 }), undefined)).toMatchObject({ errorCode: "TARGETING_KEY_MISSING" });
    expect(evaluateFlag(flag({ rolloutPercentage: 25 }), "")).toMatchObject({ errorCode: "TARGETING_KEY_MISSING" });
  });

  test("a partial rollout splits by bucket and serves typed values", () => {
    const variantFlag = flag({ type: "string", defaultValue: "classic", rolloutValue: "v2", rolloutPercentage: 50 });
    const values = new Set(Array.from({ length: 200 }, (_, i) => evaluateFlag(variantFlag, `user-${i}`)).map((e) => ("value" in e ? e.value : e.errorCode)));
    expect(values).toEqual(new Set(["classic", "v2"]));
    expect(evaluateFlag(variantFlag, "user-1")).toMatchObject({ reason: "SPLIT" });
  });
});
