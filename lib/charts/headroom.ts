import { FUNCTION_LIMITS } from "@/lib/analysis/headroom/function";
import type { ColdStartSummary, FunctionConfig, MetricSummary } from "@/lib/schemas/functions";
import { gaugeLevel, gaugePercent, type GaugeLevel } from "./gauge";

/**
 * The headroom gauges of a function's detail page: each figure against the limit it runs into.
 * Unknown figures stay null (the gauge says "no data"); a limit that does not apply (zip size of a
 * container image) is left out with a note rather than shown as 0 %.
 */

export type HeadroomUnit = "ms" | "MB" | "bytes" | "count";

export interface HeadroomGauge {
  id: "timeout" | "memory" | "concurrency" | "code-zipped" | "code-unzipped" | "environment" | "layers";
  label: string;
  /** What the bar measures, e.g. "max duration". */
  valueLabel: string;
  value: number | null;
  /** What the limit is, e.g. "timeout". */
  limitLabel: string;
  limit: number | null;
  unit: HeadroomUnit;
  /** Other figures drawn as ticks on the bar (p99 under the max). */
  markers: Array<{ label: string; value: number }>;
  percent: number | null;
  level: GaugeLevel;
  /** Why a figure is missing or how to read it. */
  note?: string;
}

export interface HeadroomInput {
  config: FunctionConfig | null;
  metrics: MetricSummary | null;
  coldStarts: ColdStartSummary | null;
  /** The region's account concurrency limit, when known (the metrics' limits or the account settings). */
  accountConcurrency: number | null;
}

function gauge(g: Omit<HeadroomGauge, "percent" | "level">): HeadroomGauge {
  return { ...g, percent: gaugePercent(g.value, g.limit), level: gaugeLevel(g.value, g.limit) };
}

const marker = (label: string, value: number | null | undefined) =>
  value === null || value === undefined || !Number.isFinite(value) ? [] : [{ label, value }];

export function functionHeadroom({
  config,
  metrics,
  coldStarts,
  accountConcurrency,
}: HeadroomInput): HeadroomGauge[] {
  const out: HeadroomGauge[] = [];

  const timeoutMs = config ? config.timeoutS * 1000 : null;
  const maxMs = metrics?.durationMaxMs ?? null;
  out.push(
    gauge({
      id: "timeout",
      label: "Timeout",
      valueLabel: "max duration",
      value: maxMs,
      limitLabel: "timeout",
      limit: timeoutMs,
      unit: "ms",
      markers: marker("p99", metrics?.durationP99Ms),
      ...(metrics === null ? { note: "duration metrics unavailable" } : {}),
    }),
  );

  const memoryMB = config?.memoryMB ?? coldStarts?.memorySizeMB ?? null;
  out.push(
    gauge({
      id: "memory",
      label: "Memory",
      valueLabel: "max used",
      value: coldStarts?.maxMemoryUsedMB ?? null,
      limitLabel: "memory size",
      limit: memoryMB,
      unit: "MB",
      markers: marker("p99", coldStarts?.maxMemoryUsedP99MB),
      ...(coldStarts === null ? { note: "read from the function's logs, which are unavailable" } : {}),
    }),
  );

  const reserved = config?.reservedConcurrency ?? null;
  out.push(
    gauge({
      id: "concurrency",
      label: "Concurrency",
      valueLabel: "peak",
      value: metrics?.concurrencyMax ?? null,
      limitLabel: reserved !== null ? "reserved" : "account limit",
      limit: reserved ?? accountConcurrency,
      unit: "count",
      markers: [],
      ...(reserved === null && accountConcurrency !== null
        ? { note: "no reserved concurrency: shares the region's unreserved pool" }
        : {}),
    }),
  );

  if (config?.packageType === "Image") {
    out.push(
      gauge({
        id: "code-zipped",
        label: "Code size",
        valueLabel: "image",
        value: null,
        limitLabel: "zip limit",
        limit: null,
        unit: "bytes",
        markers: [],
        note: "container image: the zip limits do not apply",
      }),
    );
  } else {
    out.push(
      gauge({
        id: "code-zipped",
        label: "Code size (zipped)",
        valueLabel: "",
        value: config?.codeSizeBytes ?? null,
        limitLabel: "(direct upload)",
        limit: FUNCTION_LIMITS.zippedBytes,
        unit: "bytes",
        markers: [],
      }),
      gauge({
        id: "code-unzipped",
        label: "Code size (unzipped)",
        valueLabel: "",
        value: config?.codeSizeUnzippedBytes ?? null,
        limitLabel: "(with layers)",
        limit: FUNCTION_LIMITS.unzippedBytes,
        unit: "bytes",
        markers: [],
        ...(config && config.codeSizeUnzippedBytes === null ? { note: "a layer's size is unknown" } : {}),
      }),
    );
  }

  out.push(
    gauge({
      id: "environment",
      label: "Environment variables",
      valueLabel: "",
      value: config?.environment.totalBytes ?? null,
      limitLabel: "",
      limit: FUNCTION_LIMITS.environmentBytes,
      unit: "bytes",
      markers: [],
    }),
    gauge({
      id: "layers",
      label: "Layers",
      valueLabel: "",
      value: config ? config.layers.length : null,
      limitLabel: "layers",
      limit: FUNCTION_LIMITS.layers,
      unit: "count",
      markers: [],
    }),
  );

  return out;
}
