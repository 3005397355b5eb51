import { Badge } from "@/components/ui/badge";
import { SEVERITY_META } from "@/components/ui/severity-chip";
import type { TriageReason } from "@/lib/schemas/triage";
import { cn } from "@/lib/utils";
import { chipFigure, describeReason, REASON_LABELS } from "./describe";

/** One reason of a triage entry: severity shape, what, how much; the full sentence on hover and for screen readers. */
export function ReasonChip({ reason, className }: { reason: TriageReason; className?: string }) {
  const meta = SEVERITY_META[reason.severity];
  const sentence = describeReason(reason);
  return (
    <Badge variant={reason.severity} className={cn("gap-1", className)} title={sentence}>
      <meta.Icon className="size-3.5" aria-hidden="true" />
      <span>{REASON_LABELS[reason.kind]}</span>
      <span className="tabular-nums">{chipFigure(reason)}</span>
      <span className="sr-only">
        , {meta.label}: {sentence}
      </span>
    </Badge>
  );
}
