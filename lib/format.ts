/**
 * Display formatting, identical on the server and in the browser (fixed locale, UTC times) so
 * server-rendered HTML hydrates without mismatches. `null` means "no data" and formats as an
 * em dash; callers that need to say it aloud use NO_DATA_LABEL.
 */

export const NO_DATA = "—";
export const NO_DATA_LABEL = "no data";

const LOCALE = "en-US";

const integer = new Intl.NumberFormat(LOCALE, { maximumFractionDigits: 0 });
const compact = new Intl.NumberFormat(LOCALE, { notation: "compact", maximumFractionDigits: 1 });
const oneDecimal = new Intl.NumberFormat(LOCALE, { maximumFractionDigits: 1 });
const twoDecimals = new Intl.NumberFormat(LOCALE, { maximumFractionDigits: 2 });
const usdWhole = new Intl.NumberFormat(LOCALE, {
  style: "currency",
  currency: "USD",
  maximumFractionDigits: 0,
});
const usdCents = new Intl.NumberFormat(LOCALE, {
  style: "currency",
  currency: "USD",
  minimumFractionDigits: 2,
  maximumFractionDigits: 2,
});

function isNumber(n: number | null | undefined): n is number {
  return typeof n === "number" && Number.isFinite(n);
}

/** A count: exact below 10,000, compact above ("12.3K"). */
export function formatCount(n: number | null | undefined): string {
  if (!isNumber(n)) return NO_DATA;
  return Math.abs(n) < 10_000 ? integer.format(n) : compact.format(n);
}

/** A count with every digit ("1,234,567"), for tooltips and accessible labels. */
export function formatExact(n: number | null | undefined): string {
  if (!isNumber(n)) return NO_DATA;
  return Number.isInteger(n) ? integer.format(n) : twoDecimals.format(n);
}

/** A ratio 0..1 as a percentage: "0.42%", "12.5%", "100%". */
export function formatPercent(ratio: number | null | undefined): string {
  if (!isNumber(ratio)) return NO_DATA;
  const pct = ratio * 100;
  if (pct === 0) return "0%";
  if (Math.abs(pct) < 0.01) return "<0.01%";
  if (Math.abs(pct) < 10) return `${twoDecimals.format(pct)}%`;
  return `${oneDecimal.format(pct)}%`;
}

/** A duration in milliseconds: "0.8 ms", "123 ms", "1.25 s", "2.5 min". */
export function formatMs(ms: number | null | undefined): string {
  if (!isNumber(ms)) return NO_DATA;
  const abs = Math.abs(ms);
  if (abs < 10) return `${twoDecimals.format(ms)} ms`;
  if (abs < 1000) return `${integer.format(ms)} ms`;
  if (abs < 60_000) return `${twoDecimals.format(ms / 1000)} s`;
  if (abs < 3_600_000) return `${oneDecimal.format(ms / 60_000)} min`;
  return `${oneDecimal.format(ms / 3_600_000)} h`;
}

/** A duration in whole seconds, as Lambda's timeout is configured: "3 s", "15 min", "1 min 30 s". */
export function formatSeconds(s: number | null | undefined): string {
  if (!isNumber(s)) return NO_DATA;
  if (s < 60) return `${integer.format(s)} s`;
  const min = Math.floor(s / 60);
  const rest = Math.round(s - min * 60);
  return rest === 0 ? `${min} min` : `${min} min ${rest} s`;
}

/** A timeout for narrow columns: whole minutes as "15 min", anything else in seconds ("90 s"). */
export function formatSecondsShort(s: number | null | undefined): string {
  if (!isNumber(s)) return NO_DATA;
  return s >= 60 && s % 60 === 0 ? `${s / 60} min` : `${integer.format(s)} s`;
}

/** Bytes in binary units, as AWS states its Lambda quotas: "512 B", "4 KB", "48.2 MB". */
export function formatBytes(bytes: number | null | undefined): string {
  if (!isNumber(bytes)) return NO_DATA;
  const abs = Math.abs(bytes);
  if (abs < 1024) return `${integer.format(bytes)} B`;
  const units = ["KB", "MB", "GB", "TB"] as const;
  let value = bytes / 1024;
  let unit: (typeof units)[number] = "KB";
  for (const next of units.slice(1)) {
    if (Math.abs(value) < 1024) break;
    value /= 1024;
    unit = next;
  }
  return `${oneDecimal.format(value)} ${unit}`;
}

/** Memory as Lambda configures it: "1,024 MB". */
export function formatMB(mb: number | null | undefined): string {
  if (!isNumber(mb)) return NO_DATA;
  return `${integer.format(mb)} MB`;
}

/** US dollars: whole dollars from $100, cents below, "<$0.01" for dust. */
export function formatUsd(n: number | null | undefined): string {
  if (!isNumber(n)) return NO_DATA;
  if (n !== 0 && Math.abs(n) < 0.01) return "<$0.01";
  return Math.abs(n) >= 100 ? usdWhole.format(n) : usdCents.format(n);
}

const pad = (n: number) => String(n).padStart(2, "0");
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"] as const;

/** "13:05 UTC" */
export function formatUtcTime(t: number | string): string {
  const d = new Date(t);
  if (Number.isNaN(d.getTime())) return NO_DATA;
  return `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())} UTC`;
}

/** "2026-11-22 13:05 UTC" */
export function formatUtcDateTime(t: number | string): string {
  const d = new Date(t);
  if (Number.isNaN(d.getTime())) return NO_DATA;
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())} UTC`;
}

/** "Nov 22" */
export function formatUtcDay(t: number | string): string {
  const d = new Date(t);
  if (Number.isNaN(d.getTime())) return NO_DATA;
  return `${MONTHS[d.getUTCMonth()] ?? ""} ${d.getUTCDate()}`;
}

/** "just now", "45 s ago", "12 min ago", "3 h ago", "2 d ago"; a future time (clock skew) is "just now". */
export function formatRelative(thenMs: number, nowMs: number): string {
  const s = Math.round((nowMs - thenMs) / 1000);
  if (s < 5) return "just now";
  if (s < 60) return `${s} s ago`;
  const min = Math.floor(s / 60);
  if (min < 60) return `${min} min ago`;
  const h = Math.floor(min / 60);
  if (h < 48) return `${h} h ago`;
  return `${Math.floor(h / 24)} d ago`;
}
