import type { ReactNode } from "react";
import { Badge } from "@/components/ui/badge";
import { WarningNote } from "@/components/ui/error-state";
import { WarningIcon } from "@/components/ui/icons";
import { Table, TBody, TD, TH, THead, TR } from "@/components/ui/table";
import { formatBytes, formatExact, formatMB, formatSeconds, formatUtcDateTime, NO_DATA } from "@/lib/format";
import type { FunctionConfig } from "@/lib/schemas/functions";

function Group({ title, children }: { title: string; children: ReactNode }) {
  return (
    <div className="flex min-w-0 flex-col gap-2">
      <h3 className="text-xs font-semibold tracking-wide text-muted-foreground uppercase">{title}</h3>
      <dl className="grid grid-cols-[minmax(7rem,auto)_1fr] gap-x-3 gap-y-1.5 text-sm">{children}</dl>
    </div>
  );
}

function Item({ label, children }: { label: string; children: ReactNode }) {
  return (
    <>
      <dt className="text-muted-foreground">{label}</dt>
      <dd className="min-w-0 break-words">{children}</dd>
    </>
  );
}

const lastSegment = (arn: string) => arn.split(":").slice(-2).join(":");

/**
 * The function's configuration as Lambda reports it. Environment variables are listed by name and
 * size only: the API never sends their values.
 */
export function ConfigPanelBody({ config }: { config: FunctionConfig }) {
  const c = config;
  const env = c.environment.variables;
  const tags = Object.entries(c.tags);
  return (
    <div className="flex flex-col gap-5">
      {c.unavailable?.length ? (
        <div className="flex flex-col gap-1.5">
          {c.unavailable.map((u) => (
            <WarningNote key={u.part}>
              {u.part}: {u.error.message}
            </WarningNote>
          ))}
        </div>
      ) : null}

      <div className="grid grid-cols-1 gap-x-8 gap-y-5 md:grid-cols-2 xl:grid-cols-3">
        <Group title="Runtime">
          <Item label="Runtime">{c.runtime ?? "container image"}</Item>
          <Item label="Handler">
            {c.handler ? <code className="font-mono text-xs">{c.handler}</code> : NO_DATA}
          </Item>
          <Item label="Package">{c.packageType}</Item>
          <Item label="Architecture">{c.architecture}</Item>
          <Item label="Memory">{formatMB(c.memoryMB)}</Item>
          <Item label="Ephemeral storage">{formatMB(c.ephemeralStorageMB)}</Item>
          <Item label="Timeout">{formatSeconds(c.timeoutS)}</Item>
          <Item label="State">{c.state ?? NO_DATA}</Item>
          <Item label="Last modified">{formatUtcDateTime(c.lastModified)}</Item>
        </Group>

        <Group title="Code and layers">
          <Item label="Code size">{formatBytes(c.codeSizeBytes)} zipped</Item>
          <Item label="Unzipped">
            {c.codeSizeUnzippedBytes === null
              ? "unknown"
              : `${formatBytes(c.codeSizeUnzippedBytes)} with layers`}
          </Item>
          <Item label="Layers">
            {c.layers.length === 0 ? (
              "none"
            ) : (
              <ul className="flex flex-col gap-1">
                {c.layers.map((l) => (
                  <li key={l.arn} className="text-xs">
                    <span className="font-mono break-all" title={l.arn}>
                      {lastSegment(l.arn)}
                    </span>{" "}
                    <span className="text-muted-foreground">
                      {l.codeSizeBytes === null ? "size unknown" : formatBytes(l.codeSizeBytes)}
                      {l.compatibleRuntimes?.length ? ` · ${l.compatibleRuntimes.join(", ")}` : ""}
                    </span>
                  </li>
                ))}
              </ul>
            )}
          </Item>
          <Item label="Aliases">
            {c.aliases.length === 0
              ? "none"
              : c.aliases.map((a) => `${a.name} → ${a.functionVersion}`).join(", ")}
          </Item>
        </Group>

        <Group title="Concurrency">
          <Item label="Reserved">
            {c.reservedConcurrency === null ? "none (unreserved pool)" : formatExact(c.reservedConcurrency)}
          </Item>
          <Item label="Provisioned">
            {c.provisionedConcurrency === null ? (
              "unknown"
            ) : c.provisionedConcurrency.length === 0 ? (
              "none"
            ) : (
              <ul className="flex flex-col gap-0.5">
                {c.provisionedConcurrency.map((p) => (
                  <li key={p.qualifier}>
                    {p.qualifier}: {formatExact(p.allocated)} allocated
                    {p.available !== null ? `, ${formatExact(p.available)} available` : ""} (
                    {p.status.toLowerCase()})
                  </li>
                ))}
              </ul>
            )}
          </Item>
          <Item label="SnapStart">{c.snapStart ? "on" : "off"}</Item>
        </Group>

        <Group title="Access">
          <Item label="Role">
            <span className="font-mono text-xs break-all" title={c.role.arn}>
              {c.role.name}
            </span>
          </Item>
          <Item label="Function URL">
            {c.functionUrl === null ? (
              "none"
            ) : (
              <span className="flex flex-wrap items-center gap-1.5">
                <span className="font-mono text-xs break-all">{c.functionUrl.url}</span>
                {c.functionUrl.authType === "NONE" ? (
                  <Badge variant="warning">
                    <WarningIcon className="size-3.5" />
                    no auth
                  </Badge>
                ) : (
                  <Badge variant="outline">IAM auth</Badge>
                )}
              </span>
            )}
          </Item>
          <Item label="Resource policy">
            {c.resourcePolicy === undefined
              ? "not read"
              : c.resourcePolicy === null
                ? "none"
                : `${c.resourcePolicy.length} statement${c.resourcePolicy.length === 1 ? "" : "s"}`}
          </Item>
          <Item label="VPC">
            {c.vpc === null
              ? "none"
              : `${c.vpc.vpcId ?? "unknown VPC"} · ${c.vpc.subnetIds.length} subnets · ${c.vpc.securityGroupIds.length} security groups`}
          </Item>
        </Group>

        <Group title="Observability">
          <Item label="Tracing">{c.tracing === "Active" ? "X-Ray active" : "pass-through"}</Item>
          <Item label="Log format">{c.logFormat}</Item>
          <Item label="Log group">
            <span className="font-mono text-xs break-all">{c.logGroup.name}</span>
          </Item>
          <Item label="Retention">
            {c.logGroup.retentionDays === null ? "never expires" : `${c.logGroup.retentionDays} days`}
          </Item>
          <Item label="Stored">{formatBytes(c.logGroup.storedBytes)}</Item>
        </Group>

        <Group title="Invocation">
          <Item label="Dead-letter queue">
            {c.deadLetterTarget ? (
              <span className="font-mono text-xs break-all">{lastSegment(c.deadLetterTarget)}</span>
            ) : (
              "none"
            )}
          </Item>
          <Item label="Async retries">
            {c.asyncConfig?.maximumRetryAttempts === null || c.asyncConfig === null
              ? "default (2)"
              : formatExact(c.asyncConfig.maximumRetryAttempts)}
          </Item>
          <Item label="Max event age">
            {c.asyncConfig?.maximumEventAgeSeconds === null || c.asyncConfig === null
              ? "default (6 h)"
              : formatSeconds(c.asyncConfig.maximumEventAgeSeconds)}
          </Item>
          <Item label="On failure">
            {c.asyncConfig?.onFailure ? (
              <span className="font-mono text-xs break-all">{lastSegment(c.asyncConfig.onFailure)}</span>
            ) : (
              "none"
            )}
          </Item>
          <Item label="Event sources">
            {c.eventSources.length === 0 ? (
              "none"
            ) : (
              <ul className="flex flex-col gap-0.5">
                {c.eventSources.map((e) => (
                  <li key={e.uuid} className="text-xs">
                    <span className="font-mono break-all">{lastSegment(e.eventSourceArn)}</span>{" "}
                    <span className="text-muted-foreground">
                      {e.state.toLowerCase()}
                      {e.batchSize !== null ? ` · batch ${e.batchSize}` : ""}
                    </span>
                  </li>
                ))}
              </ul>
            )}
          </Item>
        </Group>
      </div>

      <div className="grid grid-cols-1 gap-5 lg:grid-cols-2">
        <div className="flex min-w-0 flex-col gap-2">
          <h3 className="text-xs font-semibold tracking-wide text-muted-foreground uppercase">
            Environment variables · {formatBytes(c.environment.totalBytes)} of 4 KB
          </h3>
          {env.length === 0 ? (
            <p className="text-sm text-muted-foreground">None.</p>
          ) : (
            <div className="overflow-x-auto rounded-md border border-border">
              <Table>
                <caption className="sr-only">
                  Environment variable names and sizes (values are never shown)
                </caption>
                <THead className="bg-muted/50">
                  <TR>
                    <TH>Name</TH>
                    <TH className="text-right">Size</TH>
                    <TH>Note</TH>
                  </TR>
                </THead>
                <TBody>
                  {env.map((v) => (
                    <TR key={v.name}>
                      <TD className="font-mono text-xs break-all">{v.name}</TD>
                      <TD className="text-right text-xs tabular-nums">{formatBytes(v.bytes)}</TD>
                      <TD>
                        {v.secretLooking ? (
                          <Badge
                            variant="warning"
                            title="The name suggests a secret kept in plain text; use a secrets store."
                          >
                            <WarningIcon className="size-3.5" />
                            looks like a secret
                          </Badge>
                        ) : null}
                      </TD>
                    </TR>
                  ))}
                </TBody>
              </Table>
            </div>
          )}
        </div>
        <div className="flex min-w-0 flex-col gap-2">
          <h3 className="text-xs font-semibold tracking-wide text-muted-foreground uppercase">Tags</h3>
          {tags.length === 0 ? (
            <p className="text-sm text-muted-foreground">None.</p>
          ) : (
            <ul className="flex flex-wrap gap-1.5">
              {tags.map(([k, v]) => (
                <li key={k}>
                  <Badge variant="outline" className="font-mono font-normal">
                    <span className="text-foreground">{k}</span>={v}
                  </Badge>
                </li>
              ))}
            </ul>
          )}
        </div>
      </div>
    </div>
  );
}
