"use client";

import { useRef } from "react";
import { useSlashFocus } from "@/components/shell/use-slash-focus";
import { Button } from "@/components/ui/button";
import { Input, Label, Select } from "@/components/ui/field";
import { DownloadIcon, SearchIcon } from "@/components/ui/icons";
import { NONE, type Facets, type SeverityFilter, type TableFilters } from "@/lib/functions-table";

interface FunctionsToolbarProps {
  text: string;
  onText: (text: string) => void;
  filters: TableFilters;
  facets: Facets;
  onFilter: (patch: Partial<Record<"runtime" | "team" | "severity", string | null>>) => void;
  onClear: () => void;
  onExport: () => void;
  exportDisabled: boolean;
}

const SEVERITY_OPTIONS: ReadonlyArray<{ value: SeverityFilter; label: string }> = [
  { value: "critical", label: "Critical" },
  { value: "warning", label: "Warning or worse" },
  { value: "info", label: "Any finding" },
  { value: "none", label: "No findings" },
];

/** Text search ("/" focuses it), runtime, team and severity filters, and the CSV export of what is shown. */
export function FunctionsToolbar({
  text,
  onText,
  filters,
  facets,
  onFilter,
  onClear,
  onExport,
  exportDisabled,
}: FunctionsToolbarProps) {
  const searchRef = useRef<HTMLInputElement>(null);
  useSlashFocus(searchRef);
  const active = Boolean(text || filters.runtime || filters.team || filters.severity);
  // Teams match case-insensitively; the menu shows the spelling the functions use.
  const teamValue =
    filters.team === undefined
      ? ""
      : (facets.teams.find((t) => t.toLowerCase() === filters.team?.toLowerCase()) ?? filters.team);

  return (
    <div role="search" aria-label="Filter functions" className="flex flex-wrap items-end gap-x-3 gap-y-2">
      <div className="flex w-full flex-col gap-1 sm:w-72">
        <Label htmlFor="function-search">Search</Label>
        <div className="relative">
          <SearchIcon className="pointer-events-none absolute top-1/2 left-2.5 -translate-y-1/2 text-muted-foreground" />
          <Input
            ref={searchRef}
            id="function-search"
            type="search"
            value={text}
            onChange={(e) => onText(e.currentTarget.value)}
            placeholder="Name, team or runtime"
            aria-keyshortcuts="/"
            autoComplete="off"
            spellCheck={false}
            className="pr-8 pl-8"
          />
          <kbd
            aria-hidden="true"
            className="pointer-events-none absolute top-1/2 right-2 -translate-y-1/2 rounded border border-border px-1 font-mono text-[10px] text-muted-foreground"
          >
            /
          </kbd>
        </div>
      </div>
      <div className="flex flex-col gap-1">
        <Label htmlFor="filter-runtime">Runtime</Label>
        <Select
          id="filter-runtime"
          value={filters.runtime ?? ""}
          onChange={(e) => onFilter({ runtime: e.currentTarget.value || null })}
          className="w-36"
        >
          <option value="">All runtimes</option>
          {facets.runtimes.map((r) => (
            <option key={r} value={r}>
              {r}
            </option>
          ))}
          {facets.hasNoRuntime || filters.runtime === NONE ? (
            <option value={NONE}>Container image</option>
          ) : null}
          {filters.runtime && filters.runtime !== NONE && !facets.runtimes.includes(filters.runtime) ? (
            <option value={filters.runtime}>{filters.runtime}</option>
          ) : null}
        </Select>
      </div>
      <div className="flex flex-col gap-1">
        <Label htmlFor="filter-team">Team</Label>
        <Select
          id="filter-team"
          value={teamValue}
          onChange={(e) => onFilter({ team: e.currentTarget.value || null })}
          className="w-36"
        >
          <option value="">All teams</option>
          {facets.teams.map((t) => (
            <option key={t} value={t}>
              {t}
            </option>
          ))}
          {facets.hasNoTeam || filters.team === NONE ? <option value={NONE}>Untagged</option> : null}
          {teamValue && teamValue !== NONE && !facets.teams.includes(teamValue) ? (
            <option value={teamValue}>{teamValue}</option>
          ) : null}
        </Select>
      </div>
      <div className="flex flex-col gap-1">
        <Label htmlFor="filter-severity">Findings</Label>
        <Select
          id="filter-severity"
          value={filters.severity ?? ""}
          onChange={(e) => onFilter({ severity: e.currentTarget.value || null })}
          className="w-40"
        >
          <option value="">Any severity</option>
          {SEVERITY_OPTIONS.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </Select>
      </div>
      {active ? (
        <Button variant="ghost" onClick={onClear}>
          Clear filters
        </Button>
      ) : null}
      <Button onClick={onExport} disabled={exportDisabled} className="ml-auto">
        <DownloadIcon />
        Export CSV
      </Button>
    </div>
  );
}
