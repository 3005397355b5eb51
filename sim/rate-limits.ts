/**
 * AWS's default API request rates, enforced per account and region with token buckets.
 * Sources (shared/reference/aws-lambda-facts.md section 2):
 * - Lambda: "Lambda quotas", https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html —
 *   GetFunction 100/s, GetPolicy 15/s, every other control-plane API 15/s combined.
 * - CloudWatch: "CloudWatch service quotas", https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/cloudwatch_limits.html —
 *   GetMetricData 500/s (older pages said 50), GetMetricStatistics 400/s, ListMetrics 25/s.
 * - CloudWatch Logs: "CloudWatch Logs quotas", https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/cloudwatch_limits_cwl.html —
 *   StartQuery 10/s, GetQueryResults 10/s, DescribeLogGroups 10/s, FilterLogEvents 25/s in us-east-1 and 10/s elsewhere
 *   (5/s in a few newer regions).
 * - Resource Groups Tagging API: "Tag Editor service quotas", https://docs.aws.amazon.com/tag-editor/latest/userguide/reference.html —
 *   GetResources (the only operation the sim serves) 15/s. The page does not say per what; the sim applies it per
 *   account and region, as the API is regional.
 * - IAM and STS publish no per-API rate (re:Post "iam-sts-throttling-error"); the sim assumes 20/s for IAM reads
 *   and 100/s for GetCallerIdentity, shared across the account.
 */

interface Bucket {
  tokens: number;
  updated: number;
}

const FILTER_LOG_EVENTS_5 = new Set([
  "ap-northeast-3",
  "ap-southeast-3",
  "ca-west-1",
  "eu-central-1",
  "il-central-1",
]);

/** The bucket an action draws from and its rate per second. */
export function rateFor(action: string, region: string): { bucket: string; perSecond: number } {
  const [service, op] = action.split(":") as [string, string];
  switch (service) {
    case "lambda":
      if (op === "GetFunction") return { bucket: "lambda:GetFunction", perSecond: 100 };
      if (op === "GetPolicy") return { bucket: "lambda:GetPolicy", perSecond: 15 };
      return { bucket: "lambda:control-plane", perSecond: 15 };
    case "cloudwatch":
      if (op === "GetMetricData") return { bucket: action, perSecond: 500 };
      if (op === "GetMetricStatistics") return { bucket: action, perSecond: 400 };
      if (op === "ListMetrics") return { bucket: action, perSecond: 25 };
      return { bucket: action, perSecond: 50 };
    case "logs":
      if (op === "FilterLogEvents")
        return {
          bucket: action,
          perSecond: region === "us-east-1" ? 25 : FILTER_LOG_EVENTS_5.has(region) ? 5 : 10,
        };
      return { bucket: action, perSecond: 10 };
    case "tag":
      return { bucket: action, perSecond: 15 };
    case "iam":
      return { bucket: "iam", perSecond: 20 };
    case "sts":
      return { bucket: "sts", perSecond: 100 };
    default:
      return { bucket: action, perSecond: 50 };
  }
}

export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>();

  constructor(private readonly clock: () => number = () => performance.now()) {}

  /** Takes one token; false when the caller is over the rate. IAM and STS are global (one bucket for every region). */
  take(action: string, region: string): boolean {
    const { bucket, perSecond } = rateFor(action, region);
    const global = action.startsWith("iam:") || action.startsWith("sts:");
    const key = global ? bucket : `${region}/${bucket}`;
    const now = this.clock();
    const b = this.buckets.get(key) ?? { tokens: perSecond, updated: now };
    // Capacity of one second's worth: AWS does not document bursts for these APIs.
    b.tokens = Math.min(perSecond, b.tokens + ((now - b.updated) / 1000) * perSecond);
    b.updated = now;
    if (b.tokens < 1) {
      this.buckets.set(key, b);
      return false;
    }
    b.tokens -= 1;
    this.buckets.set(key, b);
    return true;
  }
}
