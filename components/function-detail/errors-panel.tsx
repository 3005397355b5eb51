"use client";

import { AsOf } from "@/components/ui/as-of";
import { Panel } from "@/components/ui/card";
import { PanelBody } from "@/components/ui/panel-body";
import { Table, TBody, TD, TH, THead, TR } from "@/components/ui/table";
import { formatExact, formatUtcDateTime } from "@/lib/format";
import { readSection } from "@/lib/queries/section";
import type { FunctionErrors } from "@/lib/schemas/functions";
import { CopyButton } from "./copy-button";

interface ErrorsPanelProps {
  data: FunctionErrors | undefined;
  pending: boolean;
  error?: string;
  onRetry: () => void;
  retrying: boolean;
}

/** The most frequent error messages of the range, and the Logs Insights query that found them. */
export function ErrorsPanel({ data, pending, error, onRetry, retrying }: ErrorsPanelProps) {
  const messages = readSection(data?.messages);
  const list = messages.data;
  return (
    <Panel
      id="errors"
      title="Top errors"
      description="The most frequent error messages in the function's logs over the range"
      actions={<AsOf asOf={messages.asOf} stale={messages.stale} partial={messages.partial} />}
    >
      <PanelBody
        pending={pending}
        error={error ?? (list ? undefined : messages.error?.message)}
        errorCode={error ? undefined : messages.error?.code}
        errorTitle="Couldn't read the error messages"
        onRetry={onRetry}
        retrying={retrying}
        warning={list && messages.error ? messages.error.message : undefined}
      >
        {() => (
          <>
            {list && list.length > 0 ? (
              <div className="overflow-x-auto">
                <Table className="min-w-[40rem]">
                  <caption className="sr-only">Error messages by count, most frequent first</caption>
                  <THead>
                    <TR>
                      <TH>Message</TH>
                      <TH className="text-right">Count</TH>
                      <TH>First seen</TH>
                      <TH>Last seen</TH>
                    </TR>
                  </THead>
                  <TBody>
                    {list.map((m) => (
                      <TR key={`${m.errorType ?? ""}|${m.message}`}>
                        <TD className="max-w-[28rem]">
                          {m.errorType ? (
                            <span className="mr-1.5 font-mono text-xs font-medium text-critical">
                              {m.errorType}
                            </span>
                          ) : null}
                          <span className="font-mono text-xs break-words">{m.message}</span>
                        </TD>
                        <TD className="text-right tabular-nums">{formatExact(m.count)}</TD>
                        <TD className="whitespace-nowrap text-xs text-muted-foreground">
                          {formatUtcDateTime(m.firstSeen)}
                        </TD>
                        <TD className="whitespace-nowrap text-xs text-muted-foreground">
                          {formatUtcDateTime(m.lastSeen)}
                        </TD>
                      </TR>
                    ))}
                  </TBody>
                </Table>
              </div>
            ) : (
              <p className="flex items-center gap-1.5 text-sm text-muted-foreground">
                No errors in the function&apos;s logs over this range.
              </p>
            )}
            {data ? (
              <div className="flex flex-col gap-1.5">
                <div className="flex items-center justify-between gap-2">
                  <h3 className="text-xs font-semibold text-muted-foreground">Logs Insights query</h3>
                  <CopyButton text={data.insightsQuery} label="Copy query" />
                </div>
                <pre className="max-h-48 overflow-auto rounded-md border border-border bg-muted p-2.5 font-mono text-xs whitespace-pre-wrap">
                  {data.insightsQuery}
                </pre>
              </div>
            ) : null}
          </>
        )}
      </PanelBody>
    </Panel>
  );
}
