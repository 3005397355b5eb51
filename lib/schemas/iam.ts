import { z } from "zod";
import { sectionSchema } from "./common";

/**
 * Execution-role permissions as the console reads them: every managed policy attached to a role
 * (the default version's document) and every inline policy, documents already URL-decoded and
 * parsed. Read once per role, however many functions share it.
 */

/** An IAM policy document. Statement keys are kept as IAM returns them (Effect, Action, NotAction, Resource, Condition...). */
export const policyDocumentSchema = z.object({
  Version: z.string().optional(),
  Id: z.string().optional(),
  Statement: z.array(z.record(z.string(), z.unknown())),
});
export type PolicyDocument = z.infer<typeof policyDocumentSchema>;

export const attachedPolicySchema = z.object({
  arn: z.string(),
  name: z.string(),
  /** AWS managed (arn:aws:iam::aws:policy/...) or customer managed. */
  awsManaged: z.boolean(),
  defaultVersionId: z.string().nullable(),
  /** Null when the document could not be read (the role's section then says why). */
  document: policyDocumentSchema.nullable(),
});
export type AttachedPolicy = z.infer<typeof attachedPolicySchema>;

export const inlinePolicySchema = z.object({ name: z.string(), document: policyDocumentSchema.nullable() });
export type InlinePolicy = z.infer<typeof inlinePolicySchema>;

export const rolePoliciesSchema = z.object({
  roleName: z.string(),
  roleArn: z.string(),
  attached: z.array(attachedPolicySchema),
  inline: z.array(inlinePolicySchema),
});
export type RolePolicies = z.infer<typeof rolePoliciesSchema>;

/** Role ARN to its policies, each role a section of its own: a denied read degrades that role only. */
export const rolePoliciesByRoleSchema = z.record(z.string(), sectionSchema(rolePoliciesSchema));
