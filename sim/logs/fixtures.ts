import type { ScenarioInput } from "../scenario/schema";
import { baseScenario } from "../testing";

/**
 * A scenario for the logs tests: a bursty Node function (cold starts, errors), a text-format
 * function that times out, a JSON-format function that times out and errs, and a Java function
 * that runs out of memory. Used by the engine tests and the service's integration tests.
 */
export const LOGS_TEST_NOW = Date.UTC(2026, 10, 20, 12);

export function logsTestScenario(): ScenarioInput {
  const base = baseScenario();
  return {
    ...base,
    functions: [
      {
        name: "orders-api",
        region: "us-east-1",
        runtime: "nodejs22.x",
        role: "basic-role",
        memoryMB: 512,
        timeoutS: 10,
        workload: {
          rpm: 60,
          noise: 0.8,
          durationMedianMs: 120,
          durationP99Ms: 900,
          maxMemoryUsedMB: 180,
          errorRate: 0.02,
        },
      },
      {
        name: "slow-text",
        region: "us-east-1",
        runtime: "python3.12",
        role: "basic-role",
        memoryMB: 256,
        timeoutS: 3,
        workload: {
          rpm: 10,
          noise: 0.8,
          durationMedianMs: 900,
          durationP99Ms: 6000,
          maxMemoryUsedMB: 100,
          errorRate: 0.05,
        },
      },
      {
        name: "slow-json",
        region: "us-east-1",
        runtime: "nodejs20.x",
        role: "basic-role",
        memoryMB: 1024,
        timeoutS: 6,
        logFormat: "JSON",
        workload: {
          rpm: 20,
          noise: 0.8,
          durationMedianMs: 2000,
          durationP99Ms: 9000,
          maxMemoryUsedMB: 300,
          errorRate: 0.05,
        },
      },
      {
        name: "oom",
        region: "us-east-1",
        runtime: "java21",
        role: "basic-role",
        memoryMB: 256,
        timeoutS: 30,
        logRetentionDays: 14,
        workload: { rpm: 30, durationMedianMs: 200, durationP99Ms: 800, maxMemoryUsedMB: 256, errorRate: 0 },
      },
      {
        name: "eu-worker",
        region: "eu-west-1",
        runtime: "nodejs22.x",
        role: "basic-role",
        workload: { rpm: 5, durationMedianMs: 50, durationP99Ms: 200, maxMemoryUsedMB: 60 },
      },
    ],
    regions: { "us-east-1": { concurrencyLimit: 1000 }, "eu-west-1": { concurrencyLimit: 1000 } },
  };
}

/** AWS-authored Lambda queries, verbatim from reference section 4.6, plus the composed console ones. */
export const AWS_LAMBDA_QUERIES = [
  `filter @type = "REPORT"
    | stats max(@memorySize / 1000 / 1000) as provisonedMemoryMB,
        min(@maxMemoryUsed / 1000 / 1000) as smallestMemoryRequestMB,
        avg(@maxMemoryUsed / 1000 / 1000) as avgMemoryUsedMB,
        max(@maxMemoryUsed / 1000 / 1000) as maxMemoryUsedMB,
        provisonedMemoryMB - maxMemoryUsedMB as overProvisionedMB`,
  `filter @type = "REPORT" |
    stats avg(@duration), max(@duration), min(@duration) by bin(5m)`,
  `filter @type = "REPORT" and @message like /(?i)(Init Duration)/
|parse @message /^REPORT.*Init Duration: (?<initDuration>.*) ms.*/
| parse @log /^.*\\/aws\\/lambda\\/(?<functionName>.*)/
| fields @memorySize / 1000000 as memorySize
| stats count() as coldStarts, avg(initDuration) as avgInitDuration, max(initDuration) as maxInitDuration
by functionName, memorySize`,
  `filter @type="REPORT" and ispresent(@initDuration)
| stats count() as coldStarts, avg(@initDuration), min(@initDuration), max(@initDuration) by bin(5m)`,
  `filter @type = "REPORT"
| stats sum(ispresent(@initDuration))/count() * 100 as
  coldStartPct, avg(@duration)
  by bin(5m)`,
  `filter @type = "REPORT" |
stats count() as TotalInvocations, count(@initDuration) as TotalColdStarts`,
  `filter @message like /Task timed out/
| stats count() by bin(30m)`,
  `filter @message like /Process exited/
| stats count() by bin(30m)`,
  `filter @type = "REPORT" and @maxMemoryUsed=@memorySize
| stats
    count_distinct(@requestId)
    by bin(30m)`,
  `filter @type = "REPORT"
| fields @requestId, @billedDuration
| sort by @billedDuration desc
| limit 100`,
  `filter @type = "REPORT" and @message not like /(?i)(Init Duration)/
| stats
  avg(@duration) as Average,
  pct(@duration, 99) as NinetyNinth,
  pct(@duration, 95) as NinetyFifth,
  pct(@duration, 90) as Ninetieth
by bin(1m)`,
  `filter @message like /Exception/
    | stats count(*) as exceptionCount by bin(1h)
    | sort exceptionCount desc`,
  `# p99 duration and cold-start init percentiles per function and memory, 5-minute bins
filter @type = "REPORT"
| parse @log /:\\/aws\\/lambda\\/(?<fn>.+)$/
| stats pct(@duration, 99) as p99ms, pct(@initDuration, 50) as initP50, pct(@initDuration, 99) as initP99,
        count(@initDuration) as coldStarts, count(*) as invocations
  by fn, @memorySize / 1000000 as memMB, bin(5m)`,
  `# top errors (text format: Node ERROR lines, Python [ERROR] lines, platform failures)
filter @message like /\\tERROR\\t|^\\[ERROR\\]|Task timed out|Runtime\\.ExitError|Status: (error|timeout)/
| parse @message /(?<errType>Runtime\\.[A-Za-z]+|"errorType":"[^"]+"|\\[ERROR\\] [A-Za-z.]+)/
| stats count(*) as n by errType
| sort n desc
| limit 20`,
  `# JSON format equivalents
filter type = "platform.report"
| stats pct(record.metrics.durationMs, 99) as p99ms, count(record.metrics.initDurationMs) as coldStarts by bin(5m)`,
  `filter type = "platform.report" and record.status != "success"
| stats count(*) by record.status, record.errorType`,
];
