/**
 * Injected faults for the ECS API: throttle (ThrottlingException "Rate exceeded", as ECS answers a
 * caller over its request rate), fail with ServerException, or delay — per operation or for all.
 */
export interface EcsFaultRule {
  id: number;
  /** Operation name ("DescribeServices"); absent matches every operation. */
  operation?: string;
  throttle?: boolean;
  serverError?: boolean;
  latencyMs?: number;
  /** How many more requests this rule affects; absent means until cleared. */
  remaining?: number;
}

export type EcsFaultInput = Omit<EcsFaultRule, "id" | "remaining"> & { count?: number };

export class EcsFaults {
  private rules: EcsFaultRule[] = [];
  private nextId = 1;

  add(input: EcsFaultInput): EcsFaultRule {
    const { count, ...rest } = input;
    const rule: EcsFaultRule = { id: this.nextId++, ...rest, ...(count !== undefined ? { remaining: count } : {}) };
    this.rules.push(rule);
    return { ...rule };
  }

  list(): EcsFaultRule[] {
    return this.rules.map((rule) => ({ ...rule }));
  }

  /** The first rule that applies to this operation, counted as used. */
  take(operation: string): EcsFaultRule | undefined {
    const rule = this.rules.find((candidate) => candidate.operation === undefined || candidate.operation === operation);
    if (!rule) return undefined;
    if (rule.remaining !== undefined) {
      rule.remaining -= 1;
      if (rule.remaining <= 0) this.rules = this.rules.filter((other) => other !== rule);
    }
    return { ...rule };
  }

  clear(): void {
    this.rules = [];
  }
}
