import type { HTMLAttributes, TdHTMLAttributes, ThHTMLAttributes } from "react";
import type { SortDir } from "@/lib/functions-table";
import { cn } from "@/lib/utils";
import { SortIcon } from "./icons";

/** Table primitives: real table elements, styled once. */

export function Table({ className, ...props }: HTMLAttributes<HTMLTableElement>) {
  return <table className={cn("w-full border-collapse text-sm", className)} {...props} />;
}

export function THead({ className, ...props }: HTMLAttributes<HTMLTableSectionElement>) {
  return <thead className={cn("text-xs text-muted-foreground", className)} {...props} />;
}

export function TBody({ className, ...props }: HTMLAttributes<HTMLTableSectionElement>) {
  return <tbody className={cn(className)} {...props} />;
}

export function TR({ className, ...props }: HTMLAttributes<HTMLTableRowElement>) {
  return <tr className={cn("border-b border-border last:border-b-0", className)} {...props} />;
}

export function TH({ className, scope = "col", ...props }: ThHTMLAttributes<HTMLTableCellElement>) {
  return (
    <th
      scope={scope}
      className={cn("h-9 px-2 text-left align-middle font-medium whitespace-nowrap", className)}
      {...props}
    />
  );
}

export function TD({ className, ...props }: TdHTMLAttributes<HTMLTableCellElement>) {
  return <td className={cn("px-2 py-1.5 align-middle", className)} {...props} />;
}

interface SortableTHProps extends Omit<ThHTMLAttributes<HTMLTableCellElement>, "onClick"> {
  label: string;
  /** This column's sort direction, or undefined when the table is sorted by another column. */
  sorted: SortDir | undefined;
  onSort: () => void;
  align?: "left" | "right";
}

/** A header that sorts its column: a real button inside the th, with aria-sort on the th. */
export function SortableTH({ label, sorted, onSort, align = "left", className, ...props }: SortableTHProps) {
  return (
    <TH
      aria-sort={sorted === "asc" ? "ascending" : sorted === "desc" ? "descending" : "none"}
      className={cn("px-1", align === "right" && "text-right", className)}
      {...props}
    >
      <button
        type="button"
        onClick={onSort}
        className={cn(
          "inline-flex h-7 items-center gap-1 rounded px-1 font-medium hover:bg-accent hover:text-foreground",
          align === "right" && "flex-row-reverse",
          sorted && "text-foreground",
        )}
      >
        {label}
        <SortIcon dir={sorted ?? "none"} className="size-3.5" />
      </button>
    </TH>
  );
}
