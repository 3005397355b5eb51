/**
 * PLACEHOLDER: the IAM work replaces this file with the full set of AWS managed policies.
 */
export interface ManagedPolicy {
  arn: string;
  policyId: string;
  defaultVersionId: string;
  createDate: string;
  updateDate: string;
  path: string;
  description: string;
  document: { Version: string; Statement: Array<Record<string, unknown>> };
}

export const MANAGED_POLICIES: Record<string, ManagedPolicy> = {};
