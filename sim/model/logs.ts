import type { IndexedFunction, Scenario } from "../scenario/schema";
import { functionStreamId } from "../scenario/load";
import { derive, derivedUniform, hash, HASH_START, hashStep } from "./rng";
import { BLOCK_MINUTES, blockOf, MINUTE_MS, type MinuteStats, type WorkloadModel } from "./workload";

/**
 * Lambda's CloudWatch Logs output, generated from the workload model minute by minute.
 * Every invocation the model counts becomes START / END / REPORT (or the JSON platform
 * records), with INIT_START before cold starts, an error line for each error, a
 * `Task timed out` line for each timeout and a runtime exit for each out-of-memory kill.
 * Formats follow shared/reference/lambda-logs-and-insights.md sections 1 and 2.
 *
 * Scans that read only REPORT records (see logs/report-only.ts) get them as ReportEvents: the
 * same events, whose figures are at hand and whose text (message, ids, stream) is written only
 * if someone reads it.
 */

export interface LogEvent {
  readonly timestamp: number;
  readonly ingestionTime: number;
  readonly message: string;
  readonly logStreamName: string;
  readonly eventId: string;
  /** The figures of a REPORT record, when the event is one and carries them (else read the message). */
  readonly report?: ReportFigures;
}

/** What a REPORT line (or a JSON platform.report record) says, as the message would read back. */
export interface ReportFigures {
  /** The JSON platform.report record rather than the text REPORT line. */
  readonly json: boolean;
  readonly durationMs: number;
  readonly billedDurationMs: number;
  readonly memorySizeMB: number;
  readonly maxMemoryUsedMB: number;
  readonly initDurationMs: number | undefined;
  readonly restoreDurationMs: number | undefined;
  /** The JSON record as JSON.parse reads the message back (JSON format only). */
  readonly document: Record<string, unknown> | undefined;
  readonly requestId: string;
}

export interface LogGroupInfo {
  name: string;
  region: string;
  arn: string;
  creationTime: number;
  retentionInDays: number | undefined;
  storedBytes: number;
  fn: IndexedFunction;
}

/** Since 1 August 2025 Lambda bills the INIT phase of on-demand invocations of managed-runtime .zip functions (BLOG-INIT). */
export const INIT_BILLING_FROM = Date.UTC(2025, 7, 1);

const RUNTIME_VERSIONS: Record<string, string> = {
  nodejs: "nodejs:22.mainline.v122",
  python: "python:3.12.mainlinev2.v27",
  java: "java:21.v31",
  dotnet: "dotnet:8.v47",
  ruby: "ruby:3.3.v24",
  provided: "provided:al2023.v88",
};

function hex(n: number, len: number, ...keys: number[]): string {
  let out = "";
  for (let i = 0; out.length < len; i++) out += hex8(hash(n, ...keys, i));
  return out.slice(0, len);
}

const BYTE_HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, "0"));

/** A 32-bit unsigned integer as 8 hex digits (a table lookup per byte: this runs per log line). */
function hex8(x: number): string {
  return (
    (BYTE_HEX[x >>> 24] ?? "") +
    (BYTE_HEX[(x >>> 16) & 255] ?? "") +
    (BYTE_HEX[(x >>> 8) & 255] ?? "") +
    (BYTE_HEX[x & 255] ?? "")
  );
}

/** A version-4-shaped UUID from a 32-bit seed. */
function uuid(seed: number): string {
  const a = hex8(derive(seed, 0));
  const b = hex8(derive(seed, 1));
  const c = hex8(derive(seed, 2));
  const d = hex8(derive(seed, 3));
  return `${a}-${b.slice(0, 4)}-4${b.slice(5, 8)}-${"89ab"[derive(seed, 9) % 4]}${c.slice(1, 4)}-${c.slice(4, 8)}${d}`;
}

/** The hex part of a runtime family's ARN in INIT_START lines, computed once per family. */
const ARN_HEX = new Map<string, string>();
function arnHexOf(fam: string): string {
  let h = ARN_HEX.get(fam);
  if (h === undefined) {
    h = hex(hash(fam.length, fam.charCodeAt(0)), 64, 7);
    ARN_HEX.set(fam, h);
  }
  return h;
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}

/** The date part of a log stream's name (`2026/05/12`). */
function dayOf(minute: number): string {
  return iso(minute * MINUTE_MS)
    .slice(0, 10)
    .replaceAll("-", "/");
}

function family(runtime: string | undefined): keyof typeof RUNTIME_VERSIONS {
  const rt = runtime ?? "provided";
  for (const f of Object.keys(RUNTIME_VERSIONS)) if (rt.startsWith(f)) return f;
  return "provided";
}

/** One invocation's figures, before the strings its log lines carry. */
export interface InvocationFigures {
  /** The invocation's own hash: its request id and every per-invocation draw derive from it. */
  key: number;
  /** The execution environment (log stream) among the minute's concurrent ones. */
  env: number;
  start: number;
  durationMs: number;
  billedDurationMs: number;
  initDurationMs: number | undefined;
  restoreDurationMs: number | undefined;
  maxMemoryUsedMB: number;
  outcome: "success" | "error" | "timeout" | "oom";
  errorType: string | undefined;
  errorMessage: string | undefined;
}

/** One invocation as the logs describe it. */
export interface Invocation extends InvocationFigures {
  requestId: string;
  logStreamName: string;
}

/** What a minute's invocations are drawn from (a MinuteStats has all of it). */
type MinuteFigures = Pick<
  MinuteStats,
  "invocations" | "errors" | "timeouts" | "outOfMemory" | "coldStarts" | "concurrencyMax" | "duration"
>;

/** A function's constants for its logs. */
interface FunctionLogs {
  /** The hash state after (seed, stream id). */
  prefix: number;
  sid: number;
  initMedianMs: number;
  managedZip: boolean;
}

export class LogSource {
  private readonly constants = new Map<IndexedFunction, FunctionLogs>();
  private readonly byGroup = new Map<string, IndexedFunction>();

  constructor(
    private readonly scenario: Scenario,
    private readonly model: WorkloadModel,
    private readonly now: () => number,
  ) {
    for (const fn of scenario.functionIndex.values()) {
      const key = `${fn.region}/${fn.logGroupName}`;
      // Several functions may share a log group; the first one owns it, as a linear search finds it.
      if (!this.byGroup.has(key)) this.byGroup.set(key, fn);
    }
  }

  /** Log groups of a region: one per function (its LoggingConfig.LogGroup or /aws/lambda/<name>). */
  groups(region: string): LogGroupInfo[] {
    return this.model.functionsIn(region).map((fn) => this.info(fn));
  }

  group(region: string, name: string): LogGroupInfo | undefined {
    const fn = this.byGroup.get(`${region}/${name}`);
    return fn ? this.info(fn) : undefined;
  }

  private constantsOf(fn: IndexedFunction): FunctionLogs {
    let c = this.constants.get(fn);
    if (!c) {
      const sid = functionStreamId(fn);
      c = {
        prefix: hashStep(hashStep(HASH_START, this.scenario.seed), sid),
        sid,
        initMedianMs: this.model.initMedianMs(fn),
        managedZip: fn.packageType === "Zip" && family(fn.runtime) !== "provided",
      };
      this.constants.set(fn, c);
    }
    return c;
  }

  private info(fn: IndexedFunction): LogGroupInfo {
    const created = (this.model.anchorMinute - 60 * 24 * 400) * MINUTE_MS;
    // Stored bytes: about 450 bytes of log per invocation, kept for the retention (or 400 days of history).
    const days = fn.logRetentionDays ?? 400;
    const storedBytes = Math.round(fn.workload.rpm * 1440 * Math.min(days, 400) * 450);
    return {
      name: fn.logGroupName,
      region: fn.region,
      arn: `arn:aws:logs:${fn.region}:${this.scenario.accountId}:log-group:${fn.logGroupName}`,
      creationTime: created,
      retentionInDays: fn.logRetentionDays ?? undefined,
      storedBytes,
      fn,
    };
  }

  /** The invocations of one minute, in time order. */
  invocations(
    fn: IndexedFunction,
    minute: number,
    stats: MinuteStats = this.model.minute(fn, minute),
  ): Invocation[] {
    const streams = new Map<number, string>();
    const day = dayOf(minute);
    return this.figures(fn, minute, stats).map((f) => {
      let logStreamName = streams.get(f.env);
      if (logStreamName === undefined) {
        logStreamName = this.streamName(fn, minute, f.env, day);
        streams.set(f.env, logStreamName);
      }
      return {
        key: f.key,
        env: f.env,
        requestId: uuid(f.key),
        start: f.start,
        durationMs: f.durationMs,
        billedDurationMs: f.billedDurationMs,
        initDurationMs: f.initDurationMs,
        restoreDurationMs: f.restoreDurationMs,
        maxMemoryUsedMB: f.maxMemoryUsedMB,
        outcome: f.outcome,
        errorType: f.errorType,
        errorMessage: f.errorMessage,
        logStreamName,
      };
    });
  }

  /** The log stream of an execution environment: one per environment and two hours. */
  streamName(fn: IndexedFunction, minute: number, env: number, day = dayOf(minute)): string {
    return `${day}/[$LATEST]${hex(this.scenario.seed, 32, this.constantsOf(fn).sid, Math.floor(minute / 120), env)}`;
  }

  /** The figures of a minute's invocations, in time order. */
  figures(fn: IndexedFunction, minute: number, stats: MinuteFigures): InvocationFigures[] {
    const n = stats.invocations;
    if (n === 0) return [];
    const c = this.constantsOf(fn);
    const minuteStart = minute * MINUTE_MS;
    // One base hash per minute, hash(seed, sid, minute); every per-invocation draw derives from it (see rng.derive).
    const minuteBase = hashStep(c.prefix, minute);
    // Rank (by duration) of the k-th invocation in time: an affine bijection of 0..n-1.
    const a = n % 7919 === 0 ? 104729 : 7919;
    const b = hashStep(minuteBase, 31) % n;
    const nonTimeout = n - stats.timeouts;
    let oomLeft = stats.outOfMemory;
    let errLeft = stats.errors - stats.timeouts - stats.outOfMemory;
    let candidatesLeft = nonTimeout;
    const initMedian = c.initMedianMs;
    const incident = this.activeIncident(fn, minute);
    const memoryLimit = fn.memoryMB;
    const peakUse = Math.min(fn.workload.maxMemoryUsedMB, memoryLimit);
    const managedZip = c.managedZip;
    const envs = Math.max(1, stats.concurrencyMax);
    const duration = stats.duration;
    const out: InvocationFigures[] = [];
    for (let k = 0; k < n; k++) {
      const kb = derive(minuteBase, k);
      const rank = (k * a + b) % n;
      const durationMs = duration.at(rank);
      const isTimeout = rank >= nonTimeout;
      let outcome: Invocation["outcome"] = isTimeout ? "timeout" : "success";
      if (!isTimeout) {
        // Selection sampling: exactly `outOfMemory` then `errors` of the non-timeout invocations.
        if (oomLeft > 0 && derivedUniform(kb, 1) < oomLeft / candidatesLeft) {
          outcome = "oom";
          oomLeft--;
        } else if (errLeft > 0 && derivedUniform(kb, 2) < errLeft / (candidatesLeft - oomLeft)) {
          outcome = "error";
          errLeft--;
        }
        candidatesLeft--;
      }
      const cold = k < stats.coldStarts;
      const initDurationMs = cold
        ? Math.round(initMedian * Math.exp(0.5 * (derivedUniform(kb, 3) * 2 - 1)) * 100) / 100
        : undefined;
      const restoreDurationMs = cold && fn.snapStart ? initDurationMs : undefined;
      // Start times spread over the minute, keeping each invocation's events inside it where possible.
      const span = Math.max(0, MINUTE_MS - Math.min(durationMs + (initDurationMs ?? 0), MINUTE_MS - 1));
      const start = minuteStart + Math.floor(((k + derivedUniform(kb, 4)) / n) * span);
      const finalDuration = outcome === "oom" ? Math.round(durationMs * 0.7 * 100) / 100 : durationMs;
      let billed = Math.ceil(finalDuration);
      if (restoreDurationMs !== undefined)
        billed = Math.ceil(finalDuration + Math.round(restoreDurationMs * 0.6));
      else if (initDurationMs !== undefined && (!managedZip || start >= INIT_BILLING_FROM))
        billed = Math.ceil(finalDuration + initDurationMs);
      const memU = derivedUniform(kb, 5);
      const maxMemoryUsedMB =
        outcome === "oom"
          ? memoryLimit
          : Math.min(
              memoryLimit - (peakUse >= memoryLimit ? 1 : 0),
              Math.round(peakUse * (0.7 + 0.3 * memU ** 4)),
            );
      const messages = fn.workload.errorMessages;
      const errorMessage =
        outcome === "error"
          ? (incident?.message ??
            (messages.length ? messages[derive(kb, 6) % messages.length] : "Internal error"))
          : undefined;
      const errorType =
        outcome === "oom"
          ? "Runtime.OutOfMemory"
          : outcome === "error"
            ? (incident?.errorType ?? "Error")
            : undefined;
      out.push({
        key: kb,
        env: derive(kb, 7) % envs,
        start,
        durationMs: finalDuration,
        billedDurationMs: billed,
        initDurationMs: restoreDurationMs === undefined ? initDurationMs : undefined,
        restoreDurationMs,
        maxMemoryUsedMB,
        outcome,
        errorType,
        errorMessage,
      });
    }
    return out;
  }

  private activeIncident(fn: IndexedFunction, minute: number) {
    return fn.workload.incidents.find((i) => {
      const start = this.model.anchorMinute - i.startMinutesAgo;
      const end = i.endMinutesAgo ? this.model.anchorMinute - i.endMinutesAgo : Infinity;
      return minute >= start && minute < end && i.errorRate !== undefined;
    });
  }

  /** The log events of one invocation, in order. */
  eventsOf(fn: IndexedFunction, inv: Invocation): LogEvent[] {
    const lines: Array<[number, string]> = [];
    const json = fn.logFormat === "JSON";
    const fam = family(fn.runtime);
    const runtimeVersion = RUNTIME_VERSIONS[fam] ?? "provided:al2023.v88";
    const arnHex = arnHexOf(fam);
    const end = inv.start + inv.durationMs;
    if (inv.initDurationMs !== undefined || inv.restoreDurationMs !== undefined) {
      const initAt = inv.start - Math.round(inv.initDurationMs ?? inv.restoreDurationMs ?? 0);
      if (json)
        lines.push([
          initAt,
          JSON.stringify({
            time: iso(initAt),
            type: fn.snapStart ? "platform.restoreStart" : "platform.initStart",
            record: {
              initializationType: "on-demand",
              phase: fn.snapStart ? "snap-start" : "init",
              runtimeVersion,
              runtimeVersionArn: `arn:aws:lambda:${fn.region}::runtime:${arnHex}`,
              functionName: fn.name,
              functionVersion: "$LATEST",
            },
          }),
        ]);
      else if (fn.snapStart)
        lines.push([
          initAt,
          `RESTORE_START Runtime Version: ${runtimeVersion}\tRuntime Version ARN: arn:aws:lambda:${fn.region}::runtime:${arnHex}\n`,
        ]);
      else
        lines.push([
          initAt,
          `INIT_START Runtime Version: ${runtimeVersion}\tRuntime Version ARN: arn:aws:lambda:${fn.region}::runtime:${arnHex}\n`,
        ]);
    }
    if (json)
      lines.push([
        inv.start,
        JSON.stringify({
          time: iso(inv.start),
          type: "platform.start",
          record: { requestId: inv.requestId, functionArn: fn.arn, version: "$LATEST" },
        }),
      ]);
    else lines.push([inv.start, `START RequestId: ${inv.requestId} Version: $LATEST\n`]);

    const errAt = Math.max(inv.start, end - 1);
    this.failureLines(fn, inv, errAt, end, json, lines);

    if (!json) lines.push([end, `END RequestId: ${inv.requestId}\n`]);
    lines.push([end, reportMessage(fn, inv, inv.requestId)]);
    return lines.map(([timestamp, message], i) => ({
      timestamp: Math.round(timestamp),
      ingestionTime: ingestionTimeOf(timestamp, i),
      message,
      logStreamName: inv.logStreamName,
      eventId: eventIdOf(timestamp, inv.requestId, i),
    }));
  }

  private failureLines(
    fn: IndexedFunction,
    inv: Invocation,
    errAt: number,
    end: number,
    json: boolean,
    lines: Array<[number, string]>,
  ): void {
    if (inv.outcome === "error") lines.push([errAt, this.errorLine(fn, inv, errAt)]);
    if (inv.outcome === "timeout" && !json)
      lines.push([
        end,
        `${iso(end)} ${inv.requestId} Task timed out after ${(inv.durationMs / 1000 + 0.01).toFixed(2)} seconds\n\n`,
      ]);
    if (inv.outcome === "oom" && !json)
      lines.push([
        end,
        `RequestId: ${inv.requestId} Error: Runtime exited with error: signal: killed\nRuntime.ExitError\n`,
      ]);
  }

  private errorLine(fn: IndexedFunction, inv: Invocation, at: number): string {
    const type = inv.errorType ?? "Error";
    const msg = inv.errorMessage ?? "Internal error";
    const fam = family(fn.runtime);
    if (fn.logFormat === "JSON")
      return JSON.stringify({
        timestamp: iso(at),
        level: "ERROR",
        requestId: inv.requestId,
        message: {
          errorType: type,
          errorMessage: msg,
          stackTrace: [`${type}: ${msg}`, "    at handler (/var/task/index.js:42:11)"],
        },
      });
    if (fam === "python")
      return `[ERROR] ${type}: ${msg}\nTraceback (most recent call last):\n\u00a0\u00a0File "/var/task/app.py", line 42, in handler\n\u00a0\u00a0\u00a0\u00a0raise ${type}(${JSON.stringify(msg)})\n`;
    if (fam === "nodejs")
      return `${iso(at)}\t${inv.requestId}\tERROR\tInvoke Error \t${JSON.stringify({ errorType: type, errorMessage: msg, stack: [`${type}: ${msg}`, "    at Runtime.handler (file:///var/task/index.mjs:42:11)"] })}\n`;
    return `${iso(at)}\t${inv.requestId}\tERROR\t${type}: ${msg}\n`;
  }

  /**
   * Log events of a group in [startMs, endMs), oldest first, never beyond `now`; with
   * `reportsOnly`, only the REPORT records (as ReportEvents), the very events a full scan has.
   * Events are generated minute by minute and nothing is stored. An invocation's events can cross
   * its minute's edges (INIT_START before it, REPORT after it), so generation starts a minute early
   * and events are released in order once no later minute can produce an earlier one.
   */
  *events(
    region: string,
    groupName: string,
    startMs: number,
    endMs: number,
    opts: { reportsOnly?: boolean } = {},
  ): Generator<LogEvent> {
    const group = this.group(region, groupName);
    if (!group) return;
    const end = Math.min(endMs, this.now());
    const fn = group.fn;
    // Init is capped at 10 s on demand (reference 1.2): nothing starts more than that before its minute.
    const LOOKBACK_MS = 11_000;
    const first = Math.floor(startMs / MINUTE_MS) - 1;
    const last = Math.floor((end - 1) / MINUTE_MS);
    let pending: LogEvent[] = [];
    for (let minute = first; minute <= last; minute++) {
      const b = blockOf(minute);
      // Minutes without invocations cost a look at the model's block.
      if ((this.model.block(fn, b).invocations[minute - b * BLOCK_MINUTES] ?? 0) > 0) {
        const stats = this.model.minute(fn, minute);
        if (opts.reportsOnly) {
          for (const f of this.figures(fn, minute, stats)) {
            const ev = new ReportEvent(this, fn, minute, f);
            if (ev.timestamp >= startMs && ev.timestamp < end) pending.push(ev);
          }
        } else {
          for (const inv of this.invocations(fn, minute, stats))
            for (const ev of this.eventsOf(fn, inv))
              if (ev.timestamp >= startMs && ev.timestamp < end) pending.push(ev);
        }
      }
      const safeBefore = (minute + 1) * MINUTE_MS - LOOKBACK_MS;
      if (pending.length === 0) continue;
      pending.sort((x, y) => x.timestamp - y.timestamp);
      let cut = 0;
      while (cut < pending.length && (pending[cut]?.timestamp ?? Infinity) < safeBefore) cut++;
      for (let i = 0; i < cut; i++) yield pending[i] as LogEvent;
      pending = pending.slice(cut);
    }
    yield* pending;
  }
}

/** The REPORT line, or the JSON platform.report record, of an invocation. */
function reportMessage(fn: IndexedFunction, inv: InvocationFigures, requestId: string): string {
  if (fn.logFormat === "JSON") return JSON.stringify(reportDocument(fn, inv, requestId));
  let report = `REPORT RequestId: ${requestId}\tDuration: ${inv.durationMs.toFixed(2)} ms\tBilled Duration: ${inv.billedDurationMs} ms\tMemory Size: ${fn.memoryMB} MB\tMax Memory Used: ${inv.maxMemoryUsedMB} MB\t`;
  if (inv.initDurationMs !== undefined) report += `Init Duration: ${inv.initDurationMs.toFixed(2)} ms\t`;
  if (inv.restoreDurationMs !== undefined)
    report += `Restore Duration: ${inv.restoreDurationMs.toFixed(2)} ms\tBilled Restore Duration: ${Math.round(inv.restoreDurationMs * 0.6)} ms\t`;
  if (inv.outcome === "timeout") report += "Status: timeout\t";
  else if (inv.outcome === "oom") report += "Status: error\tError Type: Runtime.OutOfMemory\t";
  else if (inv.outcome === "error") report += "Status: error\t";
  if (fn.tracing === "Active") {
    const h = hex(7, 24, inv.start);
    report += `\nXRAY TraceId: 1-${Math.floor(inv.start / 1000).toString(16)}-${h}\tSegmentId: ${h.slice(0, 16)}\tSampled: true`;
  }
  return `${report}\n`;
}

/** The JSON platform.report record of an invocation. */
function reportDocument(
  fn: IndexedFunction,
  inv: InvocationFigures,
  requestId: string,
): Record<string, unknown> {
  const metrics: Record<string, number> = {
    durationMs: inv.durationMs,
    billedDurationMs: inv.billedDurationMs,
    memorySizeMB: fn.memoryMB,
    maxMemoryUsedMB: inv.maxMemoryUsedMB,
  };
  if (inv.initDurationMs !== undefined) metrics.initDurationMs = inv.initDurationMs;
  if (inv.restoreDurationMs !== undefined) metrics.restoreDurationMs = inv.restoreDurationMs;
  const record: Record<string, unknown> = {
    requestId,
    metrics,
    status: inv.outcome === "success" ? "success" : inv.outcome === "timeout" ? "timeout" : "error",
  };
  if (inv.outcome === "oom") record.errorType = "Runtime.OutOfMemory";
  else if (inv.outcome === "error") record.errorType = inv.errorType;
  return { time: iso(inv.start + inv.durationMs), type: "platform.report", record };
}

/** Index of the REPORT record among an invocation's events (see LogSource.eventsOf). */
function reportIndex(fn: IndexedFunction, inv: InvocationFigures): number {
  const json = fn.logFormat === "JSON";
  let i = 1; // START
  if (inv.initDurationMs !== undefined || inv.restoreDurationMs !== undefined) i++;
  if (inv.outcome === "error" || (!json && (inv.outcome === "timeout" || inv.outcome === "oom"))) i++;
  if (!json) i++; // END
  return i;
}

/** When CloudWatch ingested the i-th event of an invocation, stamped `at` (unrounded). */
function ingestionTimeOf(at: number, i: number): number {
  return Math.round(at) + 250 + (hash(i, at) % 1500);
}

function eventIdOf(at: number, requestId: string, i: number): string {
  return `${Math.round(at)}${requestId.replaceAll("-", "").slice(0, 12)}${i}`;
}

/**
 * An invocation's REPORT record as LogSource.eventsOf writes it, with its figures at hand: the
 * message, request id, ids and log stream are written on first read, so a scan that reads only
 * figures (cold starts, durations, memory) skips the text.
 */
class ReportEvent implements LogEvent, ReportFigures {
  readonly timestamp: number;
  readonly json: boolean;
  readonly durationMs: number;
  readonly billedDurationMs: number;
  readonly memorySizeMB: number;
  readonly maxMemoryUsedMB: number;
  readonly initDurationMs: number | undefined;
  readonly restoreDurationMs: number | undefined;
  private text: string | undefined;
  private id: string | undefined;
  private doc: Record<string, unknown> | undefined;

  constructor(
    private readonly source: LogSource,
    private readonly fn: IndexedFunction,
    private readonly minute: number,
    private readonly inv: InvocationFigures,
  ) {
    this.timestamp = Math.round(inv.start + inv.durationMs);
    this.json = fn.logFormat === "JSON";
    this.durationMs = inv.durationMs;
    this.billedDurationMs = inv.billedDurationMs;
    this.memorySizeMB = fn.memoryMB;
    this.maxMemoryUsedMB = inv.maxMemoryUsedMB;
    this.initDurationMs = inv.initDurationMs;
    this.restoreDurationMs = inv.restoreDurationMs;
  }

  get report(): ReportFigures {
    return this;
  }

  get requestId(): string {
    this.id ??= uuid(this.inv.key);
    return this.id;
  }

  get document(): Record<string, unknown> | undefined {
    if (!this.json) return undefined;
    this.doc ??= reportDocument(this.fn, this.inv, this.requestId);
    return this.doc;
  }

  get message(): string {
    this.text ??= this.json
      ? JSON.stringify(this.document)
      : reportMessage(this.fn, this.inv, this.requestId);
    return this.text;
  }

  private get end(): number {
    return this.inv.start + this.inv.durationMs;
  }

  get ingestionTime(): number {
    return ingestionTimeOf(this.end, reportIndex(this.fn, this.inv));
  }

  get eventId(): string {
    return eventIdOf(this.end, this.requestId, reportIndex(this.fn, this.inv));
  }

  get logStreamName(): string {
    return this.source.streamName(this.fn, this.minute, this.inv.env);
  }
}
