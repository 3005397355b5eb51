import { describe, expect, it } from "vitest";
import { expandIamActions } from "@cloud-copilot/iam-expand";
import { loadActionCatalog, type AccessLevel } from "./action-catalog";

describe("loadActionCatalog", () => {
  it.each<[string, string, AccessLevel, boolean]>([
    ["S3:GETOBJECT", "s3:GetObject", "Read", true],
    ["iam:attachrolepolicy", "iam:AttachRolePolicy", "Permissions management", true],
    ["iam:TagRole", "iam:TagRole", "Tagging", true],
    ["iam:PassRole", "iam:PassRole", "Write", true],
    ["ec2:DescribeSubnets", "ec2:DescribeSubnets", "List", false],
  ])("%s is %s, %s, resource-level %s", async (pattern, name, accessLevel, resourceLevel) => {
    const catalog = await loadActionCatalog([pattern]);
    expect(catalog.expand(pattern)).toEqual([{ name, key: name.toLowerCase(), accessLevel, resourceLevel }]);
  });

  it("expands wildcards to the same real actions as iam-expand", async () => {
    const catalog = await loadActionCatalog(["iam:*Policy*", "s3:Get?bject"]);
    expect(catalog.expand("iam:*Policy*").map((a) => a.name)).toEqual(await expandIamActions("iam:*Policy*"));
    expect(catalog.expand("IAM:*policy*").length).toBeGreaterThan(20);
    expect(catalog.expand("s3:Get?bject").map((a) => a.name)).toEqual(["s3:GetObject"]);
  });

  it("expands a wildcard in the service part", async () => {
    const names = (await loadActionCatalog(["*:GetObject"])).expand("*:GetObject").map((a) => a.name);
    expect(names).toEqual(expect.arrayContaining(["s3:GetObject", "s3-object-lambda:GetObject"]));
    expect(names.every((n) => n.endsWith(":GetObject"))).toBe(true);
  });

  it("grants nothing for unknown services, actions or malformed patterns", async () => {
    const catalog = await loadActionCatalog(["nosuch:Get*", "s3:GetObjekt", "s3GetObject", "s3:a:b"]);
    expect(["nosuch:Get*", "s3:GetObjekt", "s3GetObject", "s3:a:b"].map((p) => catalog.expand(p))).toEqual([
      [],
      [],
      [],
      [],
    ]);
  });

  it("refuses patterns it was not loaded with", async () => {
    const catalog = await loadActionCatalog(["s3:GetObject"]);
    expect(() => catalog.expand("s3:PutObject")).toThrow(/not loaded/);
  });
});
