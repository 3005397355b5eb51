import { describe, expect, it } from "vitest";
import { AwsError, type SimRequest } from "../types";
import {
  IAM_XMLNS,
  parseQueryRequest,
  queryErrorResponse,
  queryOperationOf,
  queryResponse,
  rfc3986Encode,
  xmlElement,
  xmlEscape,
} from "./query";

function request(
  body: string,
  opts: { method?: string; path?: string; query?: string; contentType?: string } = {},
): SimRequest {
  return {
    method: opts.method ?? "POST",
    path: opts.path ?? "/",
    query: new URLSearchParams(opts.query ?? ""),
    headers: { "content-type": opts.contentType ?? "application/x-www-form-urlencoded" },
    body: Buffer.from(body, "utf8"),
    region: "us-east-1",
    service: "iam",
  };
}

describe("parseQueryRequest", () => {
  it("reads Action, Version, scalars and percent-encoded values as the SDK sends them", () => {
    const p = parseQueryRequest(
      request(
        "Action=ListAttachedRolePolicies&Version=2010-05-08&RoleName=r%2Fole&Marker=a%2Bb%3D&MaxItems=1",
      ),
    );
    expect(p.action).toBe("ListAttachedRolePolicies");
    expect(p.version).toBe("2010-05-08");
    expect(p.string("RoleName")).toBe("r/ole");
    expect(p.string("Marker")).toBe("a+b=");
    expect(p.integer("MaxItems", 1, 1000)).toBe(1);
    expect(p.string("PathPrefix")).toBeUndefined();
  });

  it("reads member lists in index order, the empty list, and lists of structures", () => {
    const p = parseQueryRequest(
      request(
        "Action=X&PolicyArns.member.2=b&PolicyArns.member.1=a&PolicyArns.member.10=c&Empty=" +
          "&Dimensions.member.2.Name=Resource&Dimensions.member.2.Value=f%3Alive" +
          "&Dimensions.member.1.Name=FunctionName&Dimensions.member.1.Value=f",
      ),
    );
    expect(p.list("PolicyArns")).toEqual(["a", "b", "c"]);
    expect(p.list("Empty")).toEqual([]);
    expect(p.list("Missing")).toBeUndefined();
    expect(p.structList("Dimensions")).toEqual([
      { Name: "FunctionName", Value: "f" },
      { Name: "Resource", Value: "f:live" },
    ]);
  });

  it("merges a GET's query string and lets the body win", () => {
    const p = parseQueryRequest(request("RoleName=body", { query: "Action=GetRole&RoleName=query" }));
    expect(p.action).toBe("GetRole");
    expect(p.string("RoleName")).toBe("body");
  });

  it("fails like AWS for missing members and out-of-range integers", () => {
    const p = parseQueryRequest(request("Action=GetRole&MaxItems=0&RoleName="));
    expect(() => p.requiredString("RoleName")).toThrow(
      "1 validation error detected: Value null at 'roleName' failed to satisfy constraint: Member must not be null",
    );
    expect(() => p.integer("MaxItems", 1, 1000)).toThrow("Member must have value greater than or equal to 1");
    try {
      p.requiredString("RoleName");
    } catch (err) {
      expect(err).toBeInstanceOf(AwsError);
      expect((err as AwsError).code).toBe("ValidationError");
    }
  });
});

describe("queryOperationOf", () => {
  const ops = new Set(["GetRole"]);
  it("returns a known Action on POST /, nothing otherwise", () => {
    expect(queryOperationOf(request("Action=GetRole&Version=2010-05-08"), ops)).toBe("GetRole");
    expect(queryOperationOf(request("Action=CreateRole&Version=2010-05-08"), ops)).toBeUndefined();
    expect(
      queryOperationOf(request("Action=GetRole", { path: "/2015-03-31/functions" }), ops),
    ).toBeUndefined();
    expect(queryOperationOf(request("", { method: "GET", query: "Action=GetRole" }), ops)).toBe("GetRole");
  });
});

describe("XML", () => {
  it("escapes markup, quotes and CR, and replaces characters XML cannot carry", () => {
    expect(xmlEscape(`a&b<c>"d"'e'\r\u0001`)).toBe("a&amp;b&lt;c&gt;&quot;d&quot;&apos;e&apos;&#13;\uFFFD");
  });

  it("renders objects in key order, lists as members, dates to the second, and leaves out undefined", () => {
    expect(
      xmlElement("Role", {
        RoleName: "r",
        Missing: undefined,
        CreateDate: new Date("2015-04-09T15:03:43.123Z"),
        Count: 3,
        IsTruncated: false,
        Names: ["a", "b"],
        Empty: [],
        RoleLastUsed: {},
      }),
    ).toBe(
      "<Role><RoleName>r</RoleName><CreateDate>2015-04-09T15:03:43Z</CreateDate><Count>3</Count>" +
        "<IsTruncated>false</IsTruncated><Names><member>a</member><member>b</member></Names><Empty/><RoleLastUsed/></Role>",
    );
  });

  it("wraps results and errors in the Query envelopes with one request id in body and header", () => {
    const ok = queryResponse(
      "GetRole",
      { Role: { RoleName: "r" } },
      { xmlns: IAM_XMLNS, requestId: "req-1" },
    );
    expect(ok.status).toBe(200);
    expect(ok.headers).toEqual({ "content-type": "text/xml", "x-amzn-requestid": "req-1" });
    expect(ok.body).toBe(
      '<?xml version="1.0" encoding="UTF-8"?>\n<GetRoleResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/">' +
        "<GetRoleResult><Role><RoleName>r</RoleName></Role></GetRoleResult>" +
        "<ResponseMetadata><RequestId>req-1</RequestId></ResponseMetadata></GetRoleResponse>\n",
    );
    const err = queryErrorResponse(new AwsError("ServiceFailure", "a <b>", 500), {
      xmlns: IAM_XMLNS,
      requestId: "req-2",
    });
    expect(err.status).toBe(500);
    expect(err.body).toBe(
      '<?xml version="1.0" encoding="UTF-8"?>\n<ErrorResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/">' +
        "<Error><Type>Receiver</Type><Code>ServiceFailure</Code><Message>a &lt;b&gt;</Message></Error>" +
        "<RequestId>req-2</RequestId></ErrorResponse>\n",
    );
  });
});

describe("rfc3986Encode", () => {
  it("leaves only unreserved characters and round-trips through decodeURIComponent", () => {
    const json = `{"Action": "s3:*", "Condition": {"x": "a&b <c> 'd' (e) ! ~ é 😀"}}`;
    const encoded = rfc3986Encode(json);
    expect(encoded).toMatch(/^(?:[A-Za-z0-9\-._~]|%[0-9A-F]{2})+$/);
    expect(encoded).toContain("%2A");
    expect(encoded).toContain("%28");
    expect(encoded).toContain("~");
    expect(decodeURIComponent(encoded)).toBe(json);
  });
});
