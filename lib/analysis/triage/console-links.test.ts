import { describe, expect, it } from "vitest";
import {
  consoleOrigin,
  encodeLogGroupForConsole,
  lambdaFunctionUrl,
  logGroupUrl,
  logsInsightsUrl,
} from "./console-links";

describe("console deep links", () => {
  it.each([
    ["us-east-1", "https://us-east-1.console.aws.amazon.com"],
    ["cn-north-1", "https://cn-north-1.console.amazonaws.cn"],
    ["us-gov-west-1", "https://us-gov-west-1.console.amazonaws-us-gov.com"],
  ])("console host of %s", (region, origin) => expect(consoleOrigin(region)).toBe(origin));

  it.each([
    ["/aws/lambda/search-query-api", "$252Faws$252Flambda$252Fsearch-query-api"],
    ["/custom/group_[1]", "$252Fcustom$252Fgroup_$255B1$255D"],
    ["/a b/#c", "$252Fa$2520b$252F$2523c"],
  ])("double-encodes the log group %s for the CloudWatch fragment", (name, encoded) =>
    expect(encodeLogGroupForConsole(name)).toBe(encoded),
  );

  it("links the Lambda function page and the log group page", () => {
    expect(lambdaFunctionUrl("eu-west-1", "eu-order-processor")).toBe(
      "https://eu-west-1.console.aws.amazon.com/lambda/home?region=eu-west-1#/functions/eu-order-processor",
    );
    expect(logGroupUrl("us-east-1", "/aws/lambda/payments-api")).toBe(
      "https://us-east-1.console.aws.amazon.com/cloudwatch/home?region=us-east-1#logsV2:log-groups/log-group/$252Faws$252Flambda$252Fpayments-api",
    );
  });

  it("builds a Logs Insights link in the console's queryDetail format, decodable back to its parts", () => {
    const url = logsInsightsUrl({
      region: "us-east-1",
      logGroups: ["/aws/lambda/search-query-api"],
      query: "filter @message like /ERROR/\n| stats count(*) by bin(1m)",
      startMs: Date.UTC(2026, 10, 21, 12, 0),
      endMs: Date.UTC(2026, 10, 22, 12, 0),
    });
    const [base, fragment = ""] = url.split("#");
    expect(base).toBe("https://us-east-1.console.aws.amazon.com/cloudwatch/home?region=us-east-1");
    expect(fragment.startsWith("logsV2:logs-insights$3FqueryDetail$3D$257E$2528end$257E$2527")).toBe(true);
    // The format of the console's own links: `*3A` (hex case does not matter) for ":" inside values, `$257E` for "~".
    expect(fragment).toContain("2026-11-22T12*3A00*3A00.000Z");
    expect(fragment).toContain("$257EtimeType$257E$2527ABSOLUTE");
    expect(fragment).toContain("$257Esource$257E$2528$257E$2527*2Faws*2Flambda*2Fsearch-query-api$2529$2529");
    // Undo the two layers and the value encoding: the query comes back intact.
    const detail = decodeURIComponent(decodeURIComponent(fragment.replace(/\$/g, "%")));
    const editor = /~editorString~'([^~]*)~/.exec(detail)?.[1] ?? "";
    expect(decodeURIComponent(editor.replace(/\*/g, "%"))).toBe(
      "filter @message like /ERROR/\n| stats count(*) by bin(1m)",
    );
  });
});
