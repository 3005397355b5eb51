import { faultsSchema, type FaultsSpec } from "./scenario/schema";

/**
 * Fault injection: set from the scenario and changed at run time through /_sim/faults.
 * Decisions are random per call (Math.random): faults model an unreliable network, not the
 * account's workload, so they need not be reproducible.
 */
export class FaultState {
  private spec: FaultsSpec;

  constructor(initial: FaultsSpec = faultsSchema.parse({})) {
    this.spec = initial;
  }

  get current(): FaultsSpec {
    return this.spec;
  }

  /** Replaces the faults; throws a ZodError naming the field when the input is invalid. */
  set(input: unknown): FaultsSpec {
    this.spec = faultsSchema.parse(input);
    return this.spec;
  }

  private rulesFor(action: string) {
    const [service] = action.split(":");
    const ops = this.spec.operations;
    return [ops["*"], ops[`${service}:*`], ops[action]].filter((r) => r !== undefined);
  }

  /** Added latency for a call, ms. */
  latencyMs(action: string): number {
    return this.spec.latencyMs + this.rulesFor(action).reduce((n, r) => n + r.latencyMs, 0);
  }

  shouldFail(action: string): boolean {
    return this.rulesFor(action).some((r) => r.errorRate > 0 && Math.random() < r.errorRate);
  }

  shouldThrottle(action: string): boolean {
    return this.rulesFor(action).some((r) => r.throttleRate > 0 && Math.random() < r.throttleRate);
  }

  /** Whether an IAM action ("iam:GetRolePolicy") is denied; patterns may end in or be `*`. */
  isDenied(action: string): boolean {
    const lower = action.toLowerCase();
    return this.spec.accessDenied.some((pattern) => {
      const re = new RegExp(
        `^${pattern
          .toLowerCase()
          .replace(/[.+?^${}()|[\]\\]/g, "\\$&")
          .replaceAll("*", ".*")}$`,
      );
      return re.test(lower);
    });
  }

  isRegionDown(region: string): boolean {
    return this.spec.regionsDown.includes(region);
  }

  get rateLimits(): boolean {
    return this.spec.rateLimits;
  }

  get insightsNeverComplete(): boolean {
    return this.spec.insightsNeverComplete;
  }
}
