import { describe, expect, it } from "vitest";
import { wildcardSpans } from "./wildcard-spans";

/** The JSON with each span wrapped in [ ], so expectations read like the highlighted text. */
function marked(json: string): string {
  let out = "";
  let last = 0;
  for (const { start, end } of wildcardSpans(json)) {
    out += `${json.slice(last, start)}[${json.slice(start, end)}]`;
    last = end;
  }
  return out + json.slice(last);
}

describe("wildcardSpans", () => {
  it.each<[string, string, string]>([
    [
      "action and resource",
      `{"Effect":"Allow","Action":"s3:*","Resource":"*"}`,
      `{"Effect":"Allow","Action":"s3:[*]","Resource":"[*]"}`,
    ],
    ["wildcards inside a name", `{"Action":["iam:*Policy*"]}`, `{"Action":["iam:[*]Policy[*]"]}`],
    [
      "? and runs of wildcards",
      `{"NotAction":"s3:Get??","Resource":"**"}`,
      `{"NotAction":"s3:Get[??]","Resource":"[**]"}`,
    ],
    ["NotResource ARN", `{"NotResource":"arn:aws:s3:::logs/*"}`, `{"NotResource":"arn:aws:s3:::logs/[*]"}`],
    ["nested principal", `{"Principal":{"AWS":["*"]}}`, `{"Principal":{"AWS":["[*]"]}}`],
    ["principal string", `{"Principal":"*"}`, `{"Principal":"[*]"}`],
    [
      "condition values are not wildcards to flag",
      `{"Condition":{"StringLike":{"iam:PassedToService":"*.amazonaws.com"}},"Resource":"*"}`,
      `{"Condition":{"StringLike":{"iam:PassedToService":"*.amazonaws.com"}},"Resource":"[*]"}`,
    ],
    [
      "a Sid is not flagged",
      `{"Sid":"All*","Action":"s3:GetObject"}`,
      `{"Sid":"All*","Action":"s3:GetObject"}`,
    ],
    [
      "escaped quotes keep offsets right",
      `{"Resource":"arn:aws:s3:::a\\"b/*","Action":"x:*"}`,
      `{"Resource":"arn:aws:s3:::a\\"b/[*]","Action":"x:[*]"}`,
    ],
    [
      "no wildcards",
      `{"Action":"s3:GetObject","Resource":"arn:aws:s3:::a/b"}`,
      `{"Action":"s3:GetObject","Resource":"arn:aws:s3:::a/b"}`,
    ],
  ])("%s", (_name, json, want) => {
    expect(marked(json)).toBe(want);
  });

  it("works on pretty-printed JSON and on a whole policy", () => {
    const json = JSON.stringify(
      {
        Version: "2012-10-17",
        Statement: [
          { Effect: "Allow", Action: ["lambda:*", "logs:PutLogEvents"], Resource: "*" },
          { Effect: "Allow", Action: "iam:PassRole", Resource: "arn:aws:iam::111111111111:role/app-*" },
        ],
      },
      null,
      2,
    );
    const spans = wildcardSpans(json);
    expect(spans.map(({ start, end }) => json.slice(start, end))).toEqual(["*", "*", "*"]);
    expect(spans.map((s) => s.start)).toEqual([
      json.indexOf("lambda:*") + "lambda:".length,
      json.indexOf('"*"') + 1,
      json.indexOf("app-*") + "app-".length,
    ]);
  });

  it("survives malformed JSON", () => {
    expect(marked(`{"Action":"s3:*`)).toBe(`{"Action":"s3:[*]`);
  });
});
