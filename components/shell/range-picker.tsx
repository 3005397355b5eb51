"use client";

import { useRef, useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { Input, Label } from "@/components/ui/field";
import { formatUtcDateTime } from "@/lib/format";
import { RANGE_PRESETS } from "@/lib/schemas/common";
import { RANGE_LABELS, rangePatch, type RangeState } from "@/lib/search-params";
import { cn } from "@/lib/utils";
import { useSetParams, useViewState } from "./use-view-state";

/** "2026-11-20T12:00:00Z" → "2026-11-20T12:00" for a datetime-local input read as UTC. */
function toInputValue(iso: string): string {
  return new Date(iso).toISOString().slice(0, 16);
}

/** The input's "2026-11-20T12:00", read as UTC, → ISO; null when empty or invalid. */
function fromInputValue(value: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(value)) return null;
  const t = Date.parse(`${value}:00Z`);
  return Number.isNaN(t) ? null : new Date(t).toISOString().replace(".000Z", "Z");
}

/** Presets as a button group, and a custom from/to range in a dialog (times in UTC, like the rest of the console). */
export function RangePicker() {
  const { range } = useViewState();
  const setParams = useSetParams();
  const dialogRef = useRef<HTMLDialogElement>(null);

  const choose = (next: RangeState) => setParams(rangePatch(next));

  return (
    <div className="flex items-center gap-2">
      <div
        role="group"
        aria-label="Time range"
        className="inline-flex rounded-md border border-input bg-card p-0.5"
      >
        {RANGE_PRESETS.map((p) => {
          const active = range.kind === "preset" && range.preset === p;
          return (
            <button
              key={p}
              type="button"
              aria-pressed={active}
              title={RANGE_LABELS[p]}
              onClick={() => choose({ kind: "preset", preset: p })}
              className={cn(
                "h-7 rounded px-2 text-xs font-medium tabular-nums text-muted-foreground hover:bg-accent hover:text-foreground",
                active && "bg-primary text-primary-foreground hover:bg-primary hover:text-primary-foreground",
              )}
            >
              {p}
            </button>
          );
        })}
        <button
          type="button"
          aria-pressed={range.kind === "custom"}
          aria-haspopup="dialog"
          onClick={() => dialogRef.current?.showModal()}
          className={cn(
            "h-7 rounded px-2 text-xs font-medium text-muted-foreground hover:bg-accent hover:text-foreground",
            range.kind === "custom" &&
              "bg-primary text-primary-foreground hover:bg-primary hover:text-primary-foreground",
          )}
        >
          {range.kind === "custom" ? (
            <>
              <span className="sr-only">Custom range: </span>
              {formatUtcDateTime(range.from).replace(" UTC", "")} – {formatUtcDateTime(range.to)}
            </>
          ) : (
            "Custom…"
          )}
        </button>
      </div>
      <CustomRangeDialog dialogRef={dialogRef} range={range} onApply={choose} />
    </div>
  );
}

function CustomRangeDialog({
  dialogRef,
  range,
  onApply,
}: {
  dialogRef: React.RefObject<HTMLDialogElement | null>;
  range: RangeState;
  onApply: (r: RangeState) => void;
}) {
  const [error, setError] = useState<string | null>(null);
  // The form is uncontrolled: its defaults are the current custom range, or the last 24 hours.
  const defaults =
    range.kind === "custom"
      ? { from: toInputValue(range.from), to: toInputValue(range.to) }
      : { from: "", to: "" };

  function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const data = new FormData(e.currentTarget);
    const from = fromInputValue(String(data.get("from") ?? ""));
    const to = fromInputValue(String(data.get("to") ?? ""));
    if (!from || !to) return setError("Give both a start and an end.");
    if (Date.parse(from) >= Date.parse(to)) return setError("The start must be before the end.");
    if (Date.parse(to) > Date.now() + 5 * 60_000) return setError("The end cannot be in the future.");
    setError(null);
    onApply({ kind: "custom", from, to });
    dialogRef.current?.close();
  }

  return (
    <dialog
      ref={dialogRef}
      aria-labelledby="custom-range-title"
      className="m-auto w-[min(26rem,calc(100vw-2rem))] rounded-lg border border-border bg-card p-0 text-card-foreground shadow-lg backdrop:bg-black/40"
    >
      <form onSubmit={submit} className="flex flex-col gap-3 p-4" noValidate>
        <h2 id="custom-range-title" className="text-sm font-semibold">
          Custom time range
        </h2>
        <p className="text-xs text-muted-foreground">
          Times are in UTC. CloudWatch keeps metrics for 455 days.
        </p>
        <div className="grid grid-cols-1 gap-3 sm:grid-cols-2">
          <div className="flex flex-col gap-1">
            <Label htmlFor="range-from">From (UTC)</Label>
            <Input id="range-from" name="from" type="datetime-local" defaultValue={defaults.from} required />
          </div>
          <div className="flex flex-col gap-1">
            <Label htmlFor="range-to">To (UTC)</Label>
            <Input id="range-to" name="to" type="datetime-local" defaultValue={defaults.to} required />
          </div>
        </div>
        {error ? (
          <p role="alert" className="text-xs font-medium text-critical">
            {error}
          </p>
        ) : null}
        <div className="flex justify-end gap-2">
          <Button variant="ghost" onClick={() => dialogRef.current?.close()}>
            Cancel
          </Button>
          <Button type="submit" variant="default">
            Apply
          </Button>
        </div>
      </form>
    </dialog>
  );
}
