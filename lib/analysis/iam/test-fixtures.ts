import type { PolicyDocument, RolePolicy } from "./types";

export type ManagedPolicyName =
  | "AdministratorAccess"
  | "PowerUserAccess"
  | "AWSLambdaBasicExecutionRole"
  | "AWSLambdaVPCAccessExecutionRole"
  | "AWSLambda_FullAccess"
  | "AmazonS3FullAccess"
  | "AmazonDynamoDBFullAccess";

/**
 * AWS managed policies as published (default versions), copied from
 * the Lambda facts sheet (aws-lambda-facts.md) §7 (IAMTRAIL GetPolicyVersion dumps; MPR pages).
 */
export const AWS_MANAGED: Record<ManagedPolicyName, { arn: string; document: PolicyDocument }> = {
  // v1, 2015-02-06
  AdministratorAccess: {
    arn: "arn:aws:iam::aws:policy/AdministratorAccess",
    document: {
      Version: "2012-10-17",
      Statement: [{ Effect: "Allow", Action: "*", Resource: "*" }],
    },
  },
  // v12, 2026-02-12
  PowerUserAccess: {
    arn: "arn:aws:iam::aws:policy/PowerUserAccess",
    document: {
      Version: "2012-10-17",
      Statement: [
        { Effect: "Allow", NotAction: ["iam:*", "organizations:*", "account:*"], Resource: "*" },
        {
          Effect: "Allow",
          Action: [
            "account:GetAccountInformation",
            "account:GetGovCloudAccountInformation",
            "account:GetPrimaryEmail",
            "account:ListRegions",
            "iam:CreateServiceLinkedRole",
            "iam:DeleteServiceLinkedRole",
            "iam:ListRoles",
            "organizations:DescribeEffectivePolicy",
            "organizations:DescribeOrganization",
          ],
          Resource: "*",
        },
      ],
    },
  },
  // v1, 2015-04-09
  AWSLambdaBasicExecutionRole: {
    arn: "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole",
    document: {
      Version: "2012-10-17",
      Statement: [
        {
          Effect: "Allow",
          Action: ["logs:CreateLogGroup", "logs:CreateLogStream", "logs:PutLogEvents"],
          Resource: "*",
        },
      ],
    },
  },
  // v3, 2024-01-05
  AWSLambdaVPCAccessExecutionRole: {
    arn: "arn:aws:iam::aws:policy/service-role/AWSLambdaVPCAccessExecutionRole",
    document: {
      Version: "2012-10-17",
      Statement: [
        {
          Sid: "AWSLambdaVPCAccessExecutionPermissions",
          Effect: "Allow",
          Action: [
            "logs:CreateLogGroup",
            "logs:CreateLogStream",
            "logs:PutLogEvents",
            "ec2:CreateNetworkInterface",
            "ec2:DescribeNetworkInterfaces",
            "ec2:DescribeSubnets",
            "ec2:DeleteNetworkInterface",
            "ec2:AssignPrivateIpAddresses",
            "ec2:UnassignPrivateIpAddresses",
          ],
          Resource: "*",
        },
      ],
    },
  },
  // v7, 2026-02-12
  AWSLambda_FullAccess: {
    arn: "arn:aws:iam::aws:policy/AWSLambda_FullAccess",
    document: {
      Version: "2012-10-17",
      Statement: [
        {
          Effect: "Allow",
          Action: [
            "cloudformation:DescribeStacks",
            "cloudformation:ListStackResources",
            "cloudwatch:ListMetrics",
            "cloudwatch:GetMetricData",
            "ec2:DescribeSecurityGroups",
            "ec2:DescribeSubnets",
            "ec2:DescribeVpcs",
            "kms:DescribeKey",
            "kms:ListAliases",
            "iam:GetPolicy",
            "iam:GetPolicyVersion",
            "iam:GetRole",
            "iam:GetRolePolicy",
            "iam:ListAttachedRolePolicies",
            "iam:ListRolePolicies",
            "iam:ListRoles",
            "lambda:*",
            "logs:DescribeLogGroups",
            "states:DescribeStateMachine",
            "states:ListStateMachines",
            "tag:GetResources",
            "xray:GetTraceSummaries",
            "xray:BatchGetTraces",
          ],
          Resource: "*",
        },
        {
          Effect: "Allow",
          Action: "iam:PassRole",
          Resource: "*",
          Condition: { StringEquals: { "iam:PassedToService": "lambda.amazonaws.com" } },
        },
        {
          Effect: "Allow",
          Action: [
            "logs:DescribeLogStreams",
            "logs:GetLogEvents",
            "logs:FilterLogEvents",
            "logs:StartLiveTail",
            "logs:StopLiveTail",
          ],
          Resource: "arn:aws:logs:*:*:log-group:/aws/lambda/*",
        },
        {
          Effect: "Allow",
          Action: "iam:CreateServiceLinkedRole",
          Resource: "arn:aws:iam::*:role/aws-service-role/lambda.amazonaws.com/AWSServiceRoleForLambda",
          Condition: { StringEquals: { "iam:AWSServiceName": "lambda.amazonaws.com" } },
        },
      ],
    },
  },
  // v2, 2021-09-27
  AmazonS3FullAccess: {
    arn: "arn:aws:iam::aws:policy/AmazonS3FullAccess",
    document: {
      Version: "2012-10-17",
      Statement: [{ Effect: "Allow", Action: ["s3:*", "s3-object-lambda:*"], Resource: "*" }],
    },
  },
  // v15, 2021-01-29
  AmazonDynamoDBFullAccess: {
    arn: "arn:aws:iam::aws:policy/AmazonDynamoDBFullAccess",
    document: {
      Version: "2012-10-17",
      Statement: [
        {
          Effect: "Allow",
          Action: [
            "dynamodb:*",
            "dax:*",
            "application-autoscaling:DeleteScalingPolicy",
            "application-autoscaling:DeregisterScalableTarget",
            "application-autoscaling:DescribeScalableTargets",
            "application-autoscaling:DescribeScalingActivities",
            "application-autoscaling:DescribeScalingPolicies",
            "application-autoscaling:PutScalingPolicy",
            "application-autoscaling:RegisterScalableTarget",
            "cloudwatch:DeleteAlarms",
            "cloudwatch:DescribeAlarmHistory",
            "cloudwatch:DescribeAlarms",
            "cloudwatch:DescribeAlarmsForMetric",
            "cloudwatch:GetMetricStatistics",
            "cloudwatch:ListMetrics",
            "cloudwatch:PutMetricAlarm",
            "cloudwatch:GetMetricData",
            "datapipeline:ActivatePipeline",
            "datapipeline:CreatePipeline",
            "datapipeline:DeletePipeline",
            "datapipeline:DescribeObjects",
            "datapipeline:DescribePipelines",
            "datapipeline:GetPipelineDefinition",
            "datapipeline:ListPipelines",
            "datapipeline:PutPipelineDefinition",
            "datapipeline:QueryObjects",
            "ec2:DescribeVpcs",
            "ec2:DescribeSubnets",
            "ec2:DescribeSecurityGroups",
            "iam:GetRole",
            "iam:ListRoles",
            "kms:DescribeKey",
            "kms:ListAliases",
            "sns:CreateTopic",
            "sns:DeleteTopic",
            "sns:ListSubscriptions",
            "sns:ListSubscriptionsByTopic",
            "sns:ListTopics",
            "sns:Subscribe",
            "sns:Unsubscribe",
            "sns:SetTopicAttributes",
            "lambda:CreateFunction",
            "lambda:ListFunctions",
            "lambda:ListEventSourceMappings",
            "lambda:CreateEventSourceMapping",
            "lambda:DeleteEventSourceMapping",
            "lambda:GetFunctionConfiguration",
            "lambda:DeleteFunction",
            "resource-groups:ListGroups",
            "resource-groups:ListGroupResources",
            "resource-groups:GetGroup",
            "resource-groups:GetGroupQuery",
            "resource-groups:DeleteGroup",
            "resource-groups:CreateGroup",
            "tag:GetResources",
            "kinesis:ListStreams",
            "kinesis:DescribeStream",
            "kinesis:DescribeStreamSummary",
          ],
          Resource: "*",
        },
        {
          Effect: "Allow",
          Action: "cloudwatch:GetInsightRuleReport",
          Resource: "arn:aws:cloudwatch:*:*:insight-rule/DynamoDBContributorInsights*",
        },
        {
          Effect: "Allow",
          Action: ["iam:PassRole"],
          Resource: "*",
          Condition: {
            StringLike: {
              "iam:PassedToService": [
                "application-autoscaling.amazonaws.com",
                "application-autoscaling.amazonaws.com.cn",
                "dax.amazonaws.com",
              ],
            },
          },
        },
        {
          Effect: "Allow",
          Action: ["iam:CreateServiceLinkedRole"],
          Resource: "*",
          Condition: {
            StringEquals: {
              "iam:AWSServiceName": [
                "replication.dynamodb.amazonaws.com",
                "dax.amazonaws.com",
                "dynamodb.application-autoscaling.amazonaws.com",
                "contributorinsights.dynamodb.amazonaws.com",
                "kinesisreplication.dynamodb.amazonaws.com",
              ],
            },
          },
        },
      ],
    },
  },
};

export function managedPolicy(name: ManagedPolicyName): RolePolicy {
  const { arn, document } = AWS_MANAGED[name];
  return { name, arn, kind: "aws-managed", document };
}
