"use client";

import { Label, Select } from "@/components/ui/field";

export type SeverityFilterValue = "all" | "critical" | "warning" | "info";

const SEVERITY_FILTERS: ReadonlyArray<{ value: SeverityFilterValue; label: string }> = [
  { value: "all", label: "All severities" },
  { value: "critical", label: "Critical" },
  { value: "warning", label: "Warning" },
  { value: "info", label: "Info" },
];

function isSeverityFilterValue(v: string): v is SeverityFilterValue {
  return SEVERITY_FILTERS.some((f) => f.value === v);
}

/** The severity filter of the security view; its value lives in the URL (`severity=`). */
export function SeverityFilter({
  value,
  onChange,
}: {
  value: SeverityFilterValue;
  onChange: (v: SeverityFilterValue) => void;
}) {
  return (
    <div className="flex flex-col gap-1">
      <Label htmlFor="security-severity">Severity</Label>
      <Select
        id="security-severity"
        value={value}
        onChange={(e) => {
          const v = e.target.value;
          if (isSeverityFilterValue(v)) onChange(v);
        }}
      >
        {SEVERITY_FILTERS.map((f) => (
          <option key={f.value} value={f.value}>
            {f.label}
          </option>
        ))}
      </Select>
    </div>
  );
}
