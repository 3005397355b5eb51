/**
 * AWS managed policies the sim ships: the ones commonly attached to Lambda execution roles and to
 * the people who operate them, as IAM's GetPolicy and GetPolicyVersion return them (default version).
 *
 * Sources:
 * - Names, ARNs (note the `service-role/` path of the execution-role policies), PolicyIds, default
 *   version ids, creation and update times, and documents: zoph-io/IAMTrail `policies-list.json` and
 *   `policies/<PolicyName>` (daily ListPolicies/GetPolicyVersion dumps, snapshot 2026-08-22),
 *   https://github.com/zoph-io/IAMTrail — as compiled in shared/reference/aws-lambda-facts.md section 7.
 * - Descriptions: AWS Managed Policy Reference Guide,
 *   https://docs.aws.amazon.com/aws-managed-policy/latest/reference/<PolicyName>.html ("Description:").
 *
 * The eleven policies of the facts sheet keep its key order (the reference guide's: Sid, Effect,
 * Action/NotAction, Resource, Condition); their content was checked to be identical to the IAMTrail
 * documents. The entries marked "IAMTrail only" are not in the facts sheet: their documents are the
 * IAMTrail snapshot's, verbatim. ReadOnlyAccess is left out on purpose: its document is ~165 KB and
 * changes most weeks (v188 in the snapshot), so a copy here would be stale at once.
 *
 * The default version's CreateDate equals the policy's UpdateDate for every entry (checked against
 * the snapshot), so one date serves both.
 */

export interface PolicyStatementDocument {
  Version: string;
  Statement: Array<Record<string, unknown>>;
}

export interface ManagedPolicy {
  name: string;
  arn: string;
  policyId: string;
  /** The default version: `v12`. */
  defaultVersionId: string;
  /** ISO 8601, second precision, UTC. */
  createDate: string;
  /** Also the CreateDate of the default version. */
  updateDate: string;
  path: string;
  description: string;
  document: PolicyStatementDocument;
}

/** AWS managed policies by name. */
export const MANAGED_POLICIES: Record<string, ManagedPolicy> = {
  AdministratorAccess: {
    name: "AdministratorAccess",
    arn: "arn:aws:iam::aws:policy/AdministratorAccess",
    policyId: "ANPAIWMBCKSKIEE64ZLYK",
    defaultVersionId: "v1",
    createDate: "2015-02-06T18:39:46Z",
    updateDate: "2015-02-06T18:39:46Z",
    path: "/",
    description: "Provides full access to AWS services and resources.",
    document: {
      Version: "2012-10-17",
      Statement: [
        {
          Effect: "Allow",
          Action: "*",
          Resource: "*",
        },
      ],
    },
  },
  PowerUserAccess: {
    name: "PowerUserAccess",
    arn: "arn:aws:iam::aws:policy/PowerUserAccess",
    policyId: "ANPAJYRXTHIB4FOVS3ZXS",
    defaultVersionId: "v12",
    createDate: "2015-02-06T18:39:47Z",
    updateDate: "2026-02-12T17:59:14Z",
    path: "/",
    description:
      "Provides full access to AWS services and resources, but does not allow management of Users and groups.",
    document: {
      Version: "2012-10-17",
      Statement: [
        {
          Effect: "Allow",
          NotAction: ["iam:*", "organizations:*", "account:*"],
          Resource: "*",
        },
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
  AWSLambdaBasicExecutionRole: {
    name: "AWSLambdaBasicExecutionRole",
    arn: "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole",
    policyId: "ANPAJNCQGXC42545SKXIK",
    defaultVersionId: "v1",
    createDate: "2015-04-09T15:03:43Z",
    updateDate: "2015-04-09T15:03:43Z",
    path: "/service-role/",
    description: "Provides write permissions to CloudWatch Logs.",
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
  AWSLambdaVPCAccessExecutionRole: {
    name: "AWSLambdaVPCAccessExecutionRole",
    arn: "arn:aws:iam::aws:policy/service-role/AWSLambdaVPCAccessExecutionRole",
    policyId: "ANPAJVTME3YLVNL72YR2K",
    defaultVersionId: "v3",
    createDate: "2016-02-11T23:15:26Z",
    updateDate: "2024-01-05T22:38:26Z",
    path: "/service-role/",
    description:
      "Provides minimum permissions for a Lambda function to execute while accessing a resource within a VPC - create, describe, delete network interfaces and write permissions to CloudWatch Logs.",
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
  AWSLambda_FullAccess: {
    name: "AWSLambda_FullAccess",
    arn: "arn:aws:iam::aws:policy/AWSLambda_FullAccess",
    policyId: "ANPAZKAPJZG4OXQPYWZ5D",
    defaultVersionId: "v7",
    createDate: "2020-11-17T21:14:08Z",
    updateDate: "2026-02-12T18:00:51Z",
    path: "/",
    description:
      "Grants full access to AWS Lambda service, AWS Lambda console features, and other related AWS services.",
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
          Condition: {
            StringEquals: {
              "iam:PassedToService": "lambda.amazonaws.com",
            },
          },
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
          Condition: {
            StringEquals: {
              "iam:AWSServiceName": "lambda.amazonaws.com",
            },
          },
        },
      ],
    },
  },
  AWSLambdaRole: {
    name: "AWSLambdaRole",
    arn: "arn:aws:iam::aws:policy/service-role/AWSLambdaRole",
    policyId: "ANPAJX4DPCRGTC4NFDUXI",
    defaultVersionId: "v1",
    createDate: "2015-02-06T18:41:28Z",
    updateDate: "2015-02-06T18:41:28Z",
    path: "/service-role/",
    description: "Default policy for AWS Lambda service role.",
    document: {
      Version: "2012-10-17",
      Statement: [
        {
          Effect: "Allow",
          Action: ["lambda:InvokeFunction"],
          Resource: ["*"],
        },
      ],
    },
  },
  AmazonS3FullAccess: {
    name: "AmazonS3FullAccess",
    arn: "arn:aws:iam::aws:policy/AmazonS3FullAccess",
    policyId: "ANPAIFIR6V6BVTRAHWINE",
    defaultVersionId: "v2",
    createDate: "2015-02-06T18:40:58Z",
    updateDate: "2021-09-27T20:16:37Z",
    path: "/",
    description: "Provides full access to all buckets via the AWS Management Console.",
    document: {
      Version: "2012-10-17",
      Statement: [
        {
          Effect: "Allow",
          Action: ["s3:*", "s3-object-lambda:*"],
          Resource: "*",
        },
      ],
    },
  },
  AmazonDynamoDBFullAccess: {
    name: "AmazonDynamoDBFullAccess",
    arn: "arn:aws:iam::aws:policy/AmazonDynamoDBFullAccess",
    policyId: "ANPAINUGF2JSOSUY76KYA",
    defaultVersionId: "v15",
    createDate: "2015-02-06T18:40:11Z",
    updateDate: "2021-01-29T17:38:30Z",
    path: "/",
    description: "Provides full access to Amazon DynamoDB via the AWS Management Console.",
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
  AWSLambdaKinesisExecutionRole: {
    name: "AWSLambdaKinesisExecutionRole",
    arn: "arn:aws:iam::aws:policy/service-role/AWSLambdaKinesisExecutionRole",
    policyId: "ANPAJHOLKJPXV4GBRMJUQ",
    defaultVersionId: "v2",
    createDate: "2015-04-09T15:14:16Z",
    updateDate: "2018-11-19T20:09:24Z",
    path: "/service-role/",
    description: "Provides list and read access to Kinesis streams and write permissions to CloudWatch logs.",
    document: {
      Version: "2012-10-17",
      Statement: [
        {
          Effect: "Allow",
          Action: [
            "kinesis:DescribeStream",
            "kinesis:DescribeStreamSummary",
            "kinesis:GetRecords",
            "kinesis:GetShardIterator",
            "kinesis:ListShards",
            "kinesis:ListStreams",
            "kinesis:SubscribeToShard",
            "logs:CreateLogGroup",
            "logs:CreateLogStream",
            "logs:PutLogEvents",
          ],
          Resource: "*",
        },
      ],
    },
  },
  AWSLambdaSQSQueueExecutionRole: {
    name: "AWSLambdaSQSQueueExecutionRole",
    arn: "arn:aws:iam::aws:policy/service-role/AWSLambdaSQSQueueExecutionRole",
    policyId: "ANPAJFWJZI6JNND4TSELK",
    defaultVersionId: "v1",
    createDate: "2018-06-14T21:50:45Z",
    updateDate: "2018-06-14T21:50:45Z",
    path: "/service-role/",
    description:
      "Provides receive message, delete message, and read attribute access to SQS queues, and write permissions to CloudWatch logs.",
    document: {
      Version: "2012-10-17",
      Statement: [
        {
          Effect: "Allow",
          Action: [
            "sqs:ReceiveMessage",
            "sqs:DeleteMessage",
            "sqs:GetQueueAttributes",
            "logs:CreateLogGroup",
            "logs:CreateLogStream",
            "logs:PutLogEvents",
          ],
          Resource: "*",
        },
      ],
    },
  },
  AWSXRayDaemonWriteAccess: {
    name: "AWSXRayDaemonWriteAccess",
    arn: "arn:aws:iam::aws:policy/AWSXRayDaemonWriteAccess",
    policyId: "ANPAIOE47HSUE5AVBNEDM",
    defaultVersionId: "v2",
    createDate: "2018-08-28T23:00:33Z",
    updateDate: "2024-02-13T21:58:30Z",
    path: "/",
    description:
      "Allow the AWS X-Ray Daemon to relay raw trace segments data to the service's API and retrieve sampling data (rules, targets, etc.) to be used by the X-Ray SDK.",
    document: {
      Version: "2012-10-17",
      Statement: [
        {
          Sid: "AWSXRayDaemonWriteAccess",
          Effect: "Allow",
          Action: [
            "xray:PutTraceSegments",
            "xray:PutTelemetryRecords",
            "xray:GetSamplingRules",
            "xray:GetSamplingTargets",
            "xray:GetSamplingStatisticSummaries",
          ],
          Resource: ["*"],
        },
      ],
    },
  },
  // IAMTrail only (not in the facts sheet).
  AWSLambdaDynamoDBExecutionRole: {
    name: "AWSLambdaDynamoDBExecutionRole",
    arn: "arn:aws:iam::aws:policy/service-role/AWSLambdaDynamoDBExecutionRole",
    policyId: "ANPAIP7WNAGMIPYNW4WQG",
    defaultVersionId: "v1",
    createDate: "2015-04-09T15:09:29Z",
    updateDate: "2015-04-09T15:09:29Z",
    path: "/service-role/",
    description:
      "Provides list and read access to DynamoDB streams and write permissions to CloudWatch logs.",
    document: {
      Version: "2012-10-17",
      Statement: [
        {
          Effect: "Allow",
          Action: [
            "dynamodb:DescribeStream",
            "dynamodb:GetRecords",
            "dynamodb:GetShardIterator",
            "dynamodb:ListStreams",
            "logs:CreateLogGroup",
            "logs:CreateLogStream",
            "logs:PutLogEvents",
          ],
          Resource: "*",
        },
      ],
    },
  },
  // IAMTrail only (not in the facts sheet).
  AWSLambda_ReadOnlyAccess: {
    name: "AWSLambda_ReadOnlyAccess",
    arn: "arn:aws:iam::aws:policy/AWSLambda_ReadOnlyAccess",
    policyId: "ANPAZKAPJZG4IERNVMNPE",
    defaultVersionId: "v5",
    createDate: "2020-11-17T21:10:32Z",
    updateDate: "2026-02-12T18:02:55Z",
    path: "/",
    description:
      "Grants read-only access to AWS Lambda service, AWS Lambda console features, and other related AWS services.",
    document: {
      Version: "2012-10-17",
      Statement: [
        {
          Effect: "Allow",
          Action: [
            "cloudformation:DescribeStacks",
            "cloudformation:ListStacks",
            "cloudformation:ListStackResources",
            "cloudwatch:GetMetricData",
            "cloudwatch:ListMetrics",
            "ec2:DescribeSecurityGroups",
            "ec2:DescribeSubnets",
            "ec2:DescribeVpcs",
            "kms:ListAliases",
            "iam:GetPolicy",
            "iam:GetPolicyVersion",
            "iam:GetRole",
            "iam:GetRolePolicy",
            "iam:ListAttachedRolePolicies",
            "iam:ListRolePolicies",
            "iam:ListRoles",
            "logs:DescribeLogGroups",
            "lambda:Get*",
            "lambda:List*",
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
          Action: [
            "logs:DescribeLogStreams",
            "logs:GetLogEvents",
            "logs:FilterLogEvents",
            "logs:StartQuery",
            "logs:StopQuery",
            "logs:DescribeQueries",
            "logs:GetLogGroupFields",
            "logs:GetLogRecord",
            "logs:GetQueryResults",
            "logs:StartLiveTail",
            "logs:StopLiveTail",
          ],
          Resource: "arn:aws:logs:*:*:log-group:/aws/lambda/*",
        },
      ],
    },
  },
  // IAMTrail only (not in the facts sheet).
  CloudWatchReadOnlyAccess: {
    name: "CloudWatchReadOnlyAccess",
    arn: "arn:aws:iam::aws:policy/CloudWatchReadOnlyAccess",
    policyId: "ANPAJN23PDQP7SZQAE3QE",
    defaultVersionId: "v24",
    createDate: "2015-02-06T18:40:01Z",
    updateDate: "2026-02-12T18:01:50Z",
    path: "/",
    description: "Provides read only access to CloudWatch.",
    document: {
      Version: "2012-10-17",
      Statement: [
        {
          Sid: "CloudWatchReadOnlyAccessPermissions",
          Effect: "Allow",
          Action: [
            "application-autoscaling:DescribeScalingPolicies",
            "application-signals:BatchGet*",
            "application-signals:Get*",
            "application-signals:List*",
            "autoscaling:Describe*",
            "cloudtrail:ListChannels",
            "cloudwatch:BatchGet*",
            "cloudwatch:Describe*",
            "cloudwatch:GenerateQuery",
            "cloudwatch:Get*",
            "cloudwatch:List*",
            "logs:Get*",
            "logs:List*",
            "logs:StartQuery",
            "logs:StopQuery",
            "logs:Describe*",
            "logs:TestMetricFilter",
            "logs:FilterLogEvents",
            "logs:StartLiveTail",
            "logs:StopLiveTail",
            "oam:ListSinks",
            "observabilityadmin:GetCentralizationRuleForOrganization",
            "observabilityadmin:ListCentralizationRulesForOrganization",
            "observabilityadmin:GetTelemetryEvaluationStatus",
            "observabilityadmin:GetTelemetryEvaluationStatusForOrganization",
            "observabilityadmin:GetTelemetryRule",
            "observabilityadmin:GetTelemetryRuleForOrganization",
            "observabilityadmin:ListResourceTelemetry",
            "observabilityadmin:ListResourceTelemetryForOrganization",
            "observabilityadmin:ListTelemetryRules",
            "observabilityadmin:ListTelemetryRulesForOrganization",
            "observabilityadmin:GetTelemetryEnrichmentStatus",
            "observabilityadmin:ListTagsForResource",
            "observabilityadmin:GetTelemetryPipeline",
            "observabilityadmin:ListTelemetryPipelines",
            "observabilityadmin:TestTelemetryPipeline",
            "observabilityadmin:ValidateTelemetryPipelineConfiguration",
            "observabilityadmin:GetS3TableIntegration",
            "observabilityadmin:ListS3TableIntegrations",
            "sns:Get*",
            "sns:List*",
            "rum:BatchGet*",
            "rum:Get*",
            "rum:List*",
            "synthetics:Describe*",
            "synthetics:Get*",
            "synthetics:List*",
            "xray:BatchGet*",
            "xray:Get*",
            "xray:List*",
            "xray:StartTraceRetrieval",
            "xray:CancelTraceRetrieval",
          ],
          Resource: "*",
        },
        {
          Sid: "OAMReadPermissions",
          Effect: "Allow",
          Action: ["oam:ListAttachedLinks"],
          Resource: "arn:aws:oam:*:*:sink/*",
        },
        {
          Sid: "CloudWatchReadOnlyGetRolePermissions",
          Effect: "Allow",
          Action: "iam:GetRole",
          Resource:
            "arn:aws:iam::*:role/aws-service-role/application-signals.cloudwatch.amazonaws.com/AWSServiceRoleForCloudWatchApplicationSignals",
        },
        {
          Sid: "CloudWatchCloudTrailPermissions",
          Effect: "Allow",
          Action: ["cloudtrail:GetChannel"],
          Resource: "arn:aws:cloudtrail:*:*:channel/aws-service-channel/application-signals/*",
        },
        {
          Sid: "CloudWatchServiceQuotaPermissions",
          Effect: "Allow",
          Action: ["servicequotas:GetServiceQuota"],
          Resource: [
            "arn:aws:servicequotas:*:*:s3/*",
            "arn:aws:servicequotas:*:*:dynamodb/*",
            "arn:aws:servicequotas:*:*:kinesis/*",
            "arn:aws:servicequotas:*:*:sns/*",
            "arn:aws:servicequotas:*:*:bedrock/*",
            "arn:aws:servicequotas:*:*:lambda/*",
            "arn:aws:servicequotas:*:*:fargate/*",
            "arn:aws:servicequotas:*:*:elasticloadbalancing/*",
            "arn:aws:servicequotas:*:*:ec2/*",
          ],
        },
        {
          Sid: "CloudWatchResourceExplorerPermissions",
          Effect: "Allow",
          Action: ["resource-explorer-2:ListIndexes", "resource-explorer-2:Search"],
          Resource: [
            "arn:aws:resource-explorer-2:*::view/AWSServiceViewForApplicationSignals/service-view",
            "arn:aws:resource-explorer-2:*::view/AWSServiceViewForApplicationSignalsOrgScopeProd/service-view",
          ],
        },
      ],
    },
  },
  // IAMTrail only (not in the facts sheet).
  CloudWatchLogsReadOnlyAccess: {
    name: "CloudWatchLogsReadOnlyAccess",
    arn: "arn:aws:iam::aws:policy/CloudWatchLogsReadOnlyAccess",
    policyId: "ANPAJ2YIYDYSNNEHK3VKW",
    defaultVersionId: "v12",
    createDate: "2015-02-06T18:40:03Z",
    updateDate: "2026-02-12T17:59:13Z",
    path: "/",
    description: "Provides read only access to CloudWatch Logs",
    document: {
      Version: "2012-10-17",
      Statement: [
        {
          Sid: "CloudWatchLogsReadOnlyAccess",
          Effect: "Allow",
          Action: [
            "logs:Describe*",
            "logs:Get*",
            "logs:List*",
            "logs:StartQuery",
            "logs:StopQuery",
            "logs:TestMetricFilter",
            "logs:FilterLogEvents",
            "logs:StartLiveTail",
            "logs:StopLiveTail",
            "cloudwatch:GenerateQuery",
            "cloudwatch:GenerateQueryResultsSummary",
            "observabilityadmin:ListS3TableIntegrations",
            "observabilityadmin:GetS3TableIntegration",
            "observabilityadmin:ListTelemetryPipelines",
          ],
          Resource: "*",
        },
      ],
    },
  },
  // IAMTrail only (not in the facts sheet).
  IAMReadOnlyAccess: {
    name: "IAMReadOnlyAccess",
    arn: "arn:aws:iam::aws:policy/IAMReadOnlyAccess",
    policyId: "ANPAJKSO7NDY4T57MWDSQ",
    defaultVersionId: "v4",
    createDate: "2015-02-06T18:40:39Z",
    updateDate: "2018-01-25T19:11:27Z",
    path: "/",
    description: "Provides read only access to IAM via the AWS Management Console.",
    document: {
      Version: "2012-10-17",
      Statement: [
        {
          Effect: "Allow",
          Action: [
            "iam:GenerateCredentialReport",
            "iam:GenerateServiceLastAccessedDetails",
            "iam:Get*",
            "iam:List*",
            "iam:SimulateCustomPolicy",
            "iam:SimulatePrincipalPolicy",
          ],
          Resource: "*",
        },
      ],
    },
  },
  // IAMTrail only (not in the facts sheet).
  AmazonS3ReadOnlyAccess: {
    name: "AmazonS3ReadOnlyAccess",
    arn: "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess",
    policyId: "ANPAIZTJ4DXE7G6AGAE6M",
    defaultVersionId: "v3",
    createDate: "2015-02-06T18:40:59Z",
    updateDate: "2023-08-10T21:31:39Z",
    path: "/",
    description: "Provides read only access to all buckets via the AWS Management Console.",
    document: {
      Version: "2012-10-17",
      Statement: [
        {
          Effect: "Allow",
          Action: ["s3:Get*", "s3:List*", "s3:Describe*", "s3-object-lambda:Get*", "s3-object-lambda:List*"],
          Resource: "*",
        },
      ],
    },
  },
  // IAMTrail only (not in the facts sheet).
  AmazonDynamoDBReadOnlyAccess: {
    name: "AmazonDynamoDBReadOnlyAccess",
    arn: "arn:aws:iam::aws:policy/AmazonDynamoDBReadOnlyAccess",
    policyId: "ANPAIY2XFNA232XJ6J7X2",
    defaultVersionId: "v15",
    createDate: "2015-02-06T18:40:12Z",
    updateDate: "2024-11-18T17:38:15Z",
    path: "/",
    description: "Provides read only access to Amazon DynamoDB via the AWS Management Console.",
    document: {
      Version: "2012-10-17",
      Statement: [
        {
          Sid: "GeneralReadOnlyAccess",
          Action: [
            "application-autoscaling:DescribeScalableTargets",
            "application-autoscaling:DescribeScalingActivities",
            "application-autoscaling:DescribeScalingPolicies",
            "cloudwatch:DescribeAlarmHistory",
            "cloudwatch:DescribeAlarms",
            "cloudwatch:DescribeAlarmsForMetric",
            "cloudwatch:GetMetricStatistics",
            "cloudwatch:ListMetrics",
            "cloudwatch:GetMetricData",
            "datapipeline:DescribeObjects",
            "datapipeline:DescribePipelines",
            "datapipeline:GetPipelineDefinition",
            "datapipeline:ListPipelines",
            "datapipeline:QueryObjects",
            "dynamodb:BatchGetItem",
            "dynamodb:Describe*",
            "dynamodb:List*",
            "dynamodb:GetAbacStatus",
            "dynamodb:GetItem",
            "dynamodb:GetResourcePolicy",
            "dynamodb:Query",
            "dynamodb:Scan",
            "dynamodb:PartiQLSelect",
            "dax:Describe*",
            "dax:List*",
            "dax:GetItem",
            "dax:BatchGetItem",
            "dax:Query",
            "dax:Scan",
            "ec2:DescribeVpcs",
            "ec2:DescribeSubnets",
            "ec2:DescribeSecurityGroups",
            "iam:GetRole",
            "iam:ListRoles",
            "kms:DescribeKey",
            "kms:ListAliases",
            "sns:ListSubscriptionsByTopic",
            "sns:ListTopics",
            "lambda:ListFunctions",
            "lambda:ListEventSourceMappings",
            "lambda:GetFunctionConfiguration",
            "resource-groups:ListGroups",
            "resource-groups:ListGroupResources",
            "resource-groups:GetGroup",
            "resource-groups:GetGroupQuery",
            "tag:GetResources",
            "kinesis:ListStreams",
            "kinesis:DescribeStream",
            "kinesis:DescribeStreamSummary",
          ],
          Effect: "Allow",
          Resource: "*",
        },
        {
          Sid: "CCIAccess",
          Action: "cloudwatch:GetInsightRuleReport",
          Effect: "Allow",
          Resource: "arn:aws:cloudwatch:*:*:insight-rule/DynamoDBContributorInsights*",
        },
      ],
    },
  },
};

const BY_ARN = new Map(Object.values(MANAGED_POLICIES).map((p) => [p.arn, p]));

/** The AWS managed policy with this ARN (`arn:aws:iam::aws:policy/service-role/AWSLambdaRole`), if the sim ships it. */
export function managedPolicyByArn(arn: string): ManagedPolicy | undefined {
  return BY_ARN.get(arn);
}
