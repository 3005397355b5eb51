import "server-only";
import { processState } from "@/lib/process-state";

/**
 * Client-side token buckets with a concurrency cap, one per account, region and AWS rate bucket,
 * so this process stays under AWS's published API rates instead of discovering them through
 * throttling (facts sheet section 2). Every attempt of every SDK call passes through one (see the
 * middleware in clients.ts); the SDK's adaptive retries handle whatever other callers of the same
 * account use up.
 */

export interface BucketSpec {
  perSecond: number;
  burst: number;
  maxConcurrent: number;
}

export class RateLimiter {
  private tokens: number;
  private updated = performance.now();
  private active = 0;
  private readonly queue: Array<() => void> = [];
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(readonly spec: BucketSpec) {
    this.tokens = spec.burst;
  }

  async run<T>(fn: () => Promise<T>): Promise<T> {
    await new Promise<void>((resolve) => {
      this.queue.push(resolve);
      this.pump();
    });
    try {
      return await fn();
    } finally {
      this.active--;
      this.pump();
    }
  }

  /** Calls waiting for a token or a slot. */
  get waiting(): number {
    return this.queue.length;
  }

  private pump(): void {
    const now = performance.now();
    this.tokens = Math.min(
      this.spec.burst,
      this.tokens + ((now - this.updated) / 1000) * this.spec.perSecond,
    );
    this.updated = now;
    while (this.queue.length > 0 && this.active < this.spec.maxConcurrent && this.tokens >= 1) {
      this.tokens -= 1;
      this.active++;
      this.queue.shift()?.();
    }
    if (this.queue.length > 0 && this.active < this.spec.maxConcurrent && this.timer === undefined) {
      const waitMs = Math.max(1, ((1 - this.tokens) / this.spec.perSecond) * 1000);
      this.timer = setTimeout(() => {
        this.timer = undefined;
        this.pump();
      }, waitMs);
    }
  }
}

/**
 * Our share of AWS's rates (per account and region): about two thirds of each published rate,
 * leaving room for other tools reading the same account.
 */
export const BUCKETS: Readonly<Record<string, BucketSpec>> = {
  /** GetFunction: 100/s, its own bucket. */
  "lambda:GetFunction": { perSecond: 60, burst: 20, maxConcurrent: 20 },
  /** GetPolicy: 15/s, its own bucket. */
  "lambda:GetPolicy": { perSecond: 10, burst: 5, maxConcurrent: 8 },
  /** Every other Lambda control-plane API: 15/s shared. */
  "lambda:control": { perSecond: 10, burst: 5, maxConcurrent: 8 },
  /** GetMetricData: 500/s today (50/s on older accounts); each call carries up to 500 queries. */
  "cloudwatch:GetMetricData": { perSecond: 25, burst: 10, maxConcurrent: 10 },
  "cloudwatch:other": { perSecond: 10, burst: 5, maxConcurrent: 5 },
  /** StartQuery and GetQueryResults: 10/s each. */
  "logs:StartQuery": { perSecond: 6, burst: 3, maxConcurrent: 6 },
  "logs:GetQueryResults": { perSecond: 7, burst: 4, maxConcurrent: 7 },
  /** DescribeLogGroups: 10/s (5/s on older accounts). */
  "logs:DescribeLogGroups": { perSecond: 4, burst: 2, maxConcurrent: 4 },
  "logs:other": { perSecond: 4, burst: 2, maxConcurrent: 4 },
  /** IAM publishes no rate; every caller in the account shares it. */
  iam: { perSecond: 8, burst: 4, maxConcurrent: 6 },
  sts: { perSecond: 10, burst: 5, maxConcurrent: 5 },
  /** Resource Groups Tagging API GetResources: 15/s; each call carries up to 100 resources' tags. */
  tag: { perSecond: 10, burst: 5, maxConcurrent: 5 },
};

/** The bucket an operation draws from. */
export function bucketOf(service: string, operation: string): string {
  switch (service) {
    case "lambda":
      return operation === "GetFunction" || operation === "GetPolicy"
        ? `lambda:${operation}`
        : "lambda:control";
    case "cloudwatch":
      return operation === "GetMetricData" ? "cloudwatch:GetMetricData" : "cloudwatch:other";
    case "logs":
      return ["StartQuery", "GetQueryResults", "DescribeLogGroups"].includes(operation)
        ? `logs:${operation}`
        : "logs:other";
    case "iam":
      return "iam";
    case "tag":
      return "tag";
    default:
      return "sts";
  }
}

const limiters = processState("aws.rateLimiters", () => new Map<string, RateLimiter>());

/** The limiter of one bucket in one account and region (IAM: region "global"). */
export function limiterFor(account: string, region: string, bucket: string): RateLimiter {
  const key = `${account}|${region}|${bucket}`;
  let l = limiters.get(key);
  if (!l) {
    l = new RateLimiter(BUCKETS[bucket] ?? { perSecond: 5, burst: 2, maxConcurrent: 4 });
    limiters.set(key, l);
  }
  return l;
}

export function resetRateLimitersForTests(): void {
  limiters.clear();
}
