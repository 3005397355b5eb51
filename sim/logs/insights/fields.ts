import type { LogEvent, ReportFigures } from "../../model/logs";
import { Ts, type Value } from "./values";

/**
 * Discovered fields: what Logs Insights reads out of each event (reference section 3).
 * Nothing is parsed up front: each getter does only the work its own field needs (a REPORT
 * field is one indexOf on the line), and the JSON fragment is parsed at most once per event,
 * and only for queries that reference a JSON field. REPORT records that carry their figures
 * (LogEvent.report) are read from those, exactly as the line would parse, without the text.
 */

/** One event as the evaluator sees it, or an aggregated row (no event) after `stats`. */
export interface Row {
  ev: LogEvent | undefined;
  /** `@log`: `<account>:<log group>`. */
  log: string;
  /** Fields made by `parse`, `fields ... as` and `stats`. */
  vars: Map<string, Value> | undefined;
  /** Memo of the first JSON object in the message (null: none). */
  json: JsonObject | null | undefined;
}

export type JsonObject = { [key: string]: unknown };

export type Getter = (r: Row) => Value;

export const NULL_GETTER: Getter = () => null;

const MB = 1_000_000;

/**
 * Fields of a text-format REPORT line (`REPORT RequestId: <id>\tDuration: 12.34 ms\t...`),
 * each found by its label: one indexOf per referenced field, no split of the line.
 */
const REPORT_LABELS = {
  "@duration": { label: "\tDuration: ", scale: 1 },
  "@billedDuration": { label: "Billed Duration: ", scale: 1 },
  "@memorySize": { label: "Memory Size: ", scale: MB },
  "@maxMemoryUsed": { label: "Max Memory Used: ", scale: MB },
  "@initDuration": { label: "Init Duration: ", scale: 1 },
  "@restoreDuration": { label: "\tRestore Duration: ", scale: 1 },
} as const;

const isReport = (m: string) => m.charCodeAt(0) === 82 /* R */ && m.startsWith("REPORT RequestId:");

/** A number of a REPORT line by label, scaled (memory in MB becomes bytes, as Insights reports it). */
export function reportNumber(message: string, field: keyof typeof REPORT_LABELS): number | null {
  if (!isReport(message)) return null;
  const { label, scale } = REPORT_LABELS[field];
  const i = message.indexOf(label);
  if (i < 0) return null;
  const x = Number.parseFloat(message.slice(i + label.length, i + label.length + 24));
  return Number.isFinite(x) ? x * scale : null;
}

/** A text value of a REPORT line (X-Ray ids), up to the next tab or line end. */
export function reportText(message: string, label: string): string | null {
  if (!isReport(message)) return null;
  const i = message.indexOf(label);
  if (i < 0) return null;
  const from = i + label.length;
  let end = from;
  while (end < message.length) {
    const c = message.charCodeAt(end);
    if (c === 9 || c === 10 || c === 13) break;
    end++;
  }
  return message.slice(from, end);
}

/** A REPORT number from the figures an event carries, as reportNumber would parse it from the line. */
function figure(report: ReportFigures, field: keyof typeof REPORT_LABELS): number | null {
  if (report.json) return null;
  switch (field) {
    case "@duration":
      return report.durationMs;
    case "@billedDuration":
      return report.billedDurationMs;
    case "@memorySize":
      return report.memorySizeMB * MB;
    case "@maxMemoryUsed":
      return report.maxMemoryUsedMB * MB;
    case "@initDuration":
      return report.initDurationMs ?? null;
    case "@restoreDuration":
      return report.restoreDurationMs ?? null;
  }
}

function reportField(field: keyof typeof REPORT_LABELS): Getter {
  return (r) => {
    const ev = r.ev;
    if (!ev) return null;
    return ev.report ? figure(ev.report, field) : reportNumber(ev.message, field);
  };
}

const UUID = "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}";
/** START/END/REPORT lines and the runtime's `RequestId: <id> Error: ...` exit line. */
const PLATFORM_ID = new RegExp(`^(?:START |END |REPORT )?RequestId: (${UUID})`);
/** Node (`<ts>\t<id>\t<LEVEL>\t...`) and the timeout line (`<ts> <id> Task timed out ...`). */
const NODE_ID = new RegExp(`^\\d{4}-\\d\\d-\\d\\dT[\\d:.]+Z[\\t ](${UUID})[\\t ]`);
/** Python logging (`[LEVEL]\t<ts>\t<id>\t...`). */
const PYTHON_ID = new RegExp(`^\\[[A-Z]+\\]\\t[\\dT:.\\-]+Z?\\t(${UUID})\\t`);

export function requestIdOf(message: string): string | null {
  const c = message.charCodeAt(0);
  const re = c === 91 /* [ */ ? PYTHON_ID : c >= 48 && c <= 57 ? NODE_ID : PLATFORM_ID;
  return re.exec(message)?.[1] ?? null;
}

export function typeOf(message: string): string | null {
  switch (message.charCodeAt(0)) {
    case 83 /* S */:
      return message.startsWith("START RequestId:") ? "START" : null;
    case 69 /* E */:
      return message.startsWith("END RequestId:") ? "END" : null;
    case 82 /* R */:
      return message.startsWith("REPORT RequestId:") ? "REPORT" : null;
    default:
      return null;
  }
}

/** Index of the brace closing the object that opens at `start`, or -1. */
function closingBrace(s: string, start: number): number {
  let depth = 0;
  let inString = false;
  for (let i = start; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (inString) {
      if (c === 92 /* \ */) i++;
      else if (c === 34 /* " */) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 123 /* { */) depth++;
    else if (c === 125 /* } */) {
      depth--;
      if (depth === 0) return i;
    }
  }
  return -1;
}

function asObject(v: unknown): JsonObject | null {
  return typeof v === "object" && v !== null && !Array.isArray(v) ? (v as JsonObject) : null;
}

/**
 * The first JSON object in a message: the whole message for JSON-format events, or the
 * fragment after the tab columns of a text line (`...\tERROR\tInvoke Error \t{"errorType":...}`).
 */
export function extractJson(message: string): JsonObject | null {
  const start = message.indexOf("{");
  if (start < 0) return null;
  if (start === 0) {
    try {
      const whole = asObject(JSON.parse(message));
      if (whole) return whole;
    } catch {
      // Not a JSON document: look for the first balanced object instead.
    }
  }
  const end = closingBrace(message, start);
  if (end < 0) return null;
  try {
    return asObject(JSON.parse(message.slice(start, end + 1)));
  } catch {
    return null;
  }
}

function jsonOf(r: Row): JsonObject | null {
  if (r.json === undefined) {
    const ev = r.ev;
    // A REPORT record's JSON is its document; a text REPORT line has none.
    r.json = !ev ? null : ev.report ? (ev.report.document ?? null) : extractJson(ev.message);
  }
  return r.json;
}

function leaf(v: unknown): Value {
  if (typeof v === "string") return v;
  if (typeof v === "number") return Number.isFinite(v) ? v : null;
  if (typeof v === "boolean") return v ? "true" : "false";
  return null;
}

/** A JSON field in dot notation (`record.metrics.durationMs`, `items.0.id`). */
function jsonField(name: string): Getter {
  const path = name.split(".");
  return (r) => {
    const ev = r.ev;
    if (!ev || (!ev.report && ev.message.indexOf("{") < 0)) return null;
    const obj = jsonOf(r);
    if (!obj) return null;
    let cur: unknown = obj;
    for (const seg of path) {
      if (Array.isArray(cur)) cur = cur[Number(seg)];
      else if (typeof cur === "object" && cur !== null && Object.hasOwn(cur, seg))
        cur = (cur as JsonObject)[seg];
      else {
        cur = undefined;
        break;
      }
    }
    if (cur === undefined && path.length > 1 && Object.hasOwn(obj, name)) cur = obj[name];
    return leaf(cur);
  };
}

/** Pointer to an event for GetLogRecord: opaque base64, as AWS's is. */
export function pointerOf(r: Row): string | null {
  if (!r.ev) return null;
  return Buffer.from(`${r.log}\u0000${r.ev.logStreamName}\u0000${r.ev.eventId}`).toString("base64");
}

/** The getter of a field read from the event itself (system, Lambda or JSON field). */
export function eventField(name: string): Getter {
  switch (name) {
    case "@message":
      return (r) => r.ev?.message ?? null;
    case "@timestamp":
      return (r) => (r.ev ? new Ts(r.ev.timestamp) : null);
    case "@ingestionTime":
      return (r) => (r.ev ? new Ts(r.ev.ingestionTime) : null);
    case "@logStream":
      return (r) => r.ev?.logStreamName ?? null;
    case "@log":
      return (r) => (r.ev ? r.log : null);
    case "@ptr":
      return pointerOf;
    case "@type":
      return (r) => {
        const ev = r.ev;
        if (!ev) return null;
        return ev.report ? (ev.report.json ? null : "REPORT") : typeOf(ev.message);
      };
    case "@requestId":
      return (r) => {
        const ev = r.ev;
        if (!ev) return null;
        return ev.report ? (ev.report.json ? null : ev.report.requestId) : requestIdOf(ev.message);
      };
    case "@duration":
    case "@billedDuration":
    case "@memorySize":
    case "@maxMemoryUsed":
    case "@initDuration":
    case "@restoreDuration":
      return reportField(name);
    case "@xrayTraceId":
      return (r) => (r.ev ? reportText(r.ev.message, "XRAY TraceId: ") : null);
    case "@xraySegmentId":
      return (r) => (r.ev ? reportText(r.ev.message, "SegmentId: ") : null);
    default:
      // Other @-fields are not discovered for Lambda log groups.
      return name.startsWith("@") ? NULL_GETTER : jsonField(name);
  }
}
