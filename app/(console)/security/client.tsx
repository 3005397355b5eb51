"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useSearchParams } from "next/navigation";
import { useMemo } from "react";
import { RoleGroup } from "@/components/security/role-group";
import { SeverityFilter } from "@/components/security/severity-filter";
import { useSetParams, useViewState } from "@/components/shell/use-view-state";
import { AsOf } from "@/components/ui/as-of";
import { Panel } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { PanelBody } from "@/components/ui/panel-body";
import { FindingCountsView } from "@/components/ui/severity-chip";
import { severityRank } from "@/lib/analysis/severity";
import { isFetchError } from "@/lib/queries/fetch-json";
import { findingsIncomplete, findingsQuery } from "@/lib/queries/findings";
import { followUpInterval } from "@/lib/queries/section";
import type { FindingCounts } from "@/lib/schemas/common";
import type { Finding, FindingsResponse, RoleSummary } from "@/lib/schemas/findings";
import { globalQuery, rangeLabel } from "@/lib/search-params";
import { parseSecuritySeverity, securityFindingsParams } from "./search-params";

interface RoleView {
  role: RoleSummary;
  findings: Finding[];
  counts: FindingCounts;
}

function countsOf(findings: readonly Finding[]): FindingCounts {
  const c: FindingCounts = { critical: 0, warning: 0, info: 0 };
  for (const f of findings) c[f.severity] += 1;
  return c;
}

/** IAM and resource-policy findings grouped by the execution role, worst first. */
function groupByRole(data: FindingsResponse, severity: string): RoleView[] {
  const relevant = data.findings.filter(
    (f) =>
      (f.category === "iam" || f.category === "resource-policy") &&
      (severity === "all" || f.severity === severity),
  );
  const views = data.roles.map((role) => {
    const findings = relevant.filter((f) => f.role?.arn === role.arn);
    return { role, findings, counts: countsOf(findings) };
  });
  const worst = (v: RoleView) => Math.max(0, ...v.findings.map((f) => severityRank(f.severity)));
  return views
    .filter((v) => severity === "all" || v.findings.length > 0 || v.role.status === "error")
    .sort(
      (a, b) =>
        worst(b) - worst(a) ||
        b.findings.length - a.findings.length ||
        a.role.name.localeCompare(b.role.name),
    );
}

export function SecurityClient() {
  const view = useViewState();
  const searchParams = useSearchParams();
  const setParams = useSetParams();
  const severity = parseSecuritySeverity(searchParams);
  const query = globalQuery(searchParams);
  const findings = useQuery({
    ...findingsQuery(securityFindingsParams(view)),
    refetchInterval: (q) =>
      followUpInterval(findingsIncomplete(q.state.data), q.state.dataUpdateCount, view.refetchInterval),
    placeholderData: keepPreviousData,
  });
  const data = findings.data;
  const roles = useMemo(() => (data ? groupByRole(data, severity) : []), [data, severity]);
  const totals = useMemo(
    () =>
      countsOf(
        (data?.findings ?? []).filter(
          (f) =>
            (f.category === "iam" || f.category === "resource-policy") &&
            (severity === "all" || f.severity === severity),
        ),
      ),
    [data, severity],
  );
  const iamErrors = (data?.status.iam ?? []).filter((s) => s.status === "error" && s.error);
  const configErrors = (data?.status.config ?? []).filter((s) => s.status === "error" && s.error);
  const fetchError = findings.error;
  const allIamFailed =
    data !== undefined && iamErrors.length > 0 && iamErrors.length === data.status.iam.length;
  const firstIamError = iamErrors[0]?.error;

  return (
    <div className="flex flex-col gap-4">
      <PageHeader
        title="Security"
        description={`Execution-role permissions and who can invoke each function · ${rangeLabel(view.range)}`}
        actions={
          <AsOf asOf={data?.asOf} refreshing={findings.isFetching} partial={findingsIncomplete(data)} />
        }
      />
      <div className="flex flex-wrap items-end gap-3">
        <SeverityFilter value={severity} onChange={(v) => setParams({ severity: v === "all" ? null : v })} />
        {data ? <FindingCountsView counts={totals} className="pb-2" /> : null}
      </div>
      <Panel
        title="Execution roles"
        description="One finding per policy statement and kind, with every function that shares the role."
      >
        <PanelBody
          // Nothing to show while the configuration is still being read says nothing yet.
          pending={findings.isPending || (roles.length === 0 && findingsIncomplete(data))}
          error={
            fetchError
              ? isFetchError(fetchError)
                ? fetchError.message
                : "Could not load the findings."
              : allIamFailed && roles.length === 0
                ? firstIamError?.message
                : undefined
          }
          errorCode={fetchError && isFetchError(fetchError) ? fetchError.code : firstIamError?.code}
          errorTitle="Couldn't load the security findings"
          onRetry={() => void findings.refetch()}
          retrying={findings.isFetching}
          warning={
            [...iamErrors, ...configErrors].length > 0
              ? [
                  ...iamErrors.map((s) => `${s.region}: ${s.error?.message ?? ""}`),
                  ...configErrors.map((s) => `${s.region}: ${s.error?.message ?? ""}`),
                ].join(" · ")
              : undefined
          }
          empty={roles.length === 0}
          emptyTitle={severity === "all" ? "No execution roles in this scope" : `No ${severity} findings`}
          emptyDescription={
            severity === "all"
              ? "No functions were found in the selected account and region."
              : "Try another severity."
          }
        >
          {() => (
            <div className="flex flex-col gap-3">
              {roles.map((r) => (
                <RoleGroup
                  key={`${r.role.account}/${r.role.arn}`}
                  role={r.role}
                  findings={r.findings}
                  counts={r.counts}
                  query={query}
                />
              ))}
            </div>
          )}
        </PanelBody>
      </Panel>
    </div>
  );
}
