// Pure flag evaluation, shared by the OFREP endpoints and the tests. Reasons and error codes are
// OpenFeature's, so SDKs report them unchanged.
import { inRollout } from "./bucket";
import type { FlagType, FlagValue } from "./model";

/** A flag's state in one environment, prepared for fast evaluation (allow list as a Set). */
export interface CompiledFlag {
  key: string;
  type: FlagType;
  enabled: boolean;
  defaultValue: FlagValue;
  rolloutValue: FlagValue;
  rolloutPercentage: number;
  allowList: ReadonlySet<string>;
}

export type EvaluationReason = "STATIC" | "TARGETING_MATCH" | "SPLIT" | "DEFAULT" | "DISABLED";
export type EvaluationErrorCode = "PARSE_ERROR" | "TARGETING_KEY_MISSING" | "INVALID_CONTEXT" | "GENERAL" | "FLAG_NOT_FOUND";

export type Evaluation =
  | { key: string; value: FlagValue; reason: EvaluationReason; variant: "default" | "rollout" }
  | { key: string; errorCode: EvaluationErrorCode; errorDetails: string };

const serve = (flag: CompiledFlag, rollout: boolean, reason: EvaluationReason): Evaluation =>
  rollout
    ? { key: flag.key, value: flag.rolloutValue, reason, variant: "rollout" }
    : { key: flag.key, value: flag.defaultValue, reason, variant: "default" };

/**
 * disabled → default (DISABLED); allow-listed → rollout (TARGETING_MATCH); 100 % → rollout (STATIC);
 * 0 % → default (STATIC, or DEFAULT when an allow list exists but does not match); otherwise the
 * bucket decides (SPLIT), which needs a targeting key.
 */
export function evaluateFlag(flag: CompiledFlag, targetingKey: string | undefined): Evaluation {
  if (!flag.enabled) return serve(flag, false, "DISABLED");
  if (targetingKey !== undefined && flag.allowList.has(targetingKey)) return serve(flag, true, "TARGETING_MATCH");
  if (flag.rolloutPercentage >= 100) return serve(flag, true, "STATIC");
  if (flag.rolloutPercentage <= 0) return serve(flag, false, flag.allowList.size > 0 ? "DEFAULT" : "STATIC");
  if (targetingKey === undefined || targetingKey === "") {
    return { key: flag.key, errorCode: "TARGETING_KEY_MISSING", errorDetails: `"${flag.key}" is rolled out to ${flag.rolloutPercentage} %: the context needs a targetingKey` };
  }
  return serve(flag, inRollout(flag.key, targetingKey, flag.rolloutPercentage), "SPLIT");
}
