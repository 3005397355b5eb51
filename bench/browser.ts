/**
 * The functions page in headless Chromium: time from navigation to the table showing every row
 * (the table is virtualized, so "every row" means aria-rowcount = functions + 1 with the first
 * rows rendered), time to sort and to filter it, frame times while scrolling it to the bottom, and
 * the JavaScript each page loads first (bytes over the wire and decoded).
 *
 * Interaction times are taken inside the page with performance.now(): from just before the click
 * (or the input event) to the first frame whose DOM shows the change, plus that frame's paint
 * (a message posted from that frame's requestAnimationFrame callback runs after it is painted).
 */
import { chromium, type Browser, type BrowserContext, type Page } from "@playwright/test";

const LAUNCH_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
  "--disable-quic",
];
const VIEWPORT = { width: 1440, height: 900 };

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: "/usr/bin/chromium", args: LAUNCH_ARGS });
}

export interface Navigation {
  /** Navigation start to the first frame with every row counted and the first rows in the DOM. */
  rowsMs: number;
  /** Navigation start to the first frame in which the sort buttons are hydrated (React handlers attached). */
  interactiveMs: number;
  /** The HTML document: bytes over the wire and decoded (it carries the prefetched list). */
  documentBytes: { transferred: number; decoded: number };
  /** JavaScript fetched before the load event: files, bytes over the wire and decoded. */
  javascript: ScriptBytes;
}

export interface ScriptBytes {
  files: number;
  transferredBytes: number;
  decodedBytes: number;
}

/** Collects the script responses of a page until `done` resolves. */
async function scriptBytesDuring(page: Page, done: () => Promise<unknown>): Promise<ScriptBytes> {
  const pending: Array<Promise<{ transferred: number; decoded: number }>> = [];
  page.on("response", (res) => {
    if (res.request().resourceType() !== "script") return;
    pending.push(
      (async () => {
        const body = await res.body().catch(() => Buffer.alloc(0));
        const sizes = await res
          .request()
          .sizes()
          .catch(() => ({ responseBodySize: 0 }));
        return { transferred: sizes.responseBodySize, decoded: body.length };
      })(),
    );
  });
  await done();
  const all = await Promise.all(pending);
  return {
    files: all.length,
    transferredBytes: all.reduce((n, s) => n + s.transferred, 0),
    decodedBytes: all.reduce((n, s) => n + s.decoded, 0),
  };
}

/** Opens the functions page in a fresh context (empty browser cache) and waits for every row. */
export async function navigateToRows(
  context: BrowserContext,
  url: string,
  functions: number,
  timeoutMs: number,
): Promise<{ page: Page; navigation: Navigation }> {
  const page = await context.newPage();
  let rowsMs = 0;
  let interactiveMs = 0;
  const javascript = await scriptBytesDuring(page, async () => {
    await page.goto(url, { waitUntil: "commit", timeout: timeoutMs });
    const rows = await page.waitForFunction(
      (n) => {
        const table = document.querySelector("table[aria-rowcount]");
        const ready =
          table?.getAttribute("aria-rowcount") === String(n + 1) &&
          table.querySelector('tbody tr[aria-rowindex="2"]') !== null;
        return ready ? performance.now() : 0;
      },
      functions,
      { polling: "raf", timeout: timeoutMs },
    );
    rowsMs = Number(await rows.jsonValue());
    const hydrated = await page.waitForFunction(
      () => {
        const button = document.querySelector("table thead button");
        const ready = button !== null && Object.keys(button).some((k) => k.startsWith("__reactProps"));
        return ready ? performance.now() : 0;
      },
      undefined,
      { polling: "raf", timeout: timeoutMs },
    );
    interactiveMs = Number(await hydrated.jsonValue());
    await page.waitForLoadState("load", { timeout: timeoutMs });
  });
  const documentBytes = await page.evaluate(() => {
    const nav = performance.getEntriesByType("navigation")[0] as PerformanceNavigationTiming | undefined;
    return { transferred: nav?.transferSize ?? 0, decoded: nav?.decodedBodySize ?? 0 };
  });
  return {
    page,
    navigation: {
      rowsMs: Math.round(rowsMs),
      interactiveMs: Math.round(interactiveMs),
      documentBytes,
      javascript,
    },
  };
}

export interface Timings {
  samples: number[];
  p50: number;
  max: number;
}

function summarize(samples: number[]): Timings {
  const sorted = [...samples].sort((a, b) => a - b);
  const round = (n: number) => Math.round(n * 10) / 10;
  return {
    samples: samples.map(round),
    p50: round(sorted[Math.floor((sorted.length - 1) / 2)] ?? NaN),
    max: round(sorted[sorted.length - 1] ?? NaN),
  };
}

/**
 * Clicks a column header's sort button; ms from the click to the painted frame whose header shows
 * the new aria-sort (the rows change in the same React commit).
 */
function sortOnce(page: Page, label: string): Promise<number> {
  return page.evaluate(async (label) => {
    const button = [...document.querySelectorAll<HTMLButtonElement>("table thead button")].find(
      (b) => b.textContent?.trim() === label,
    );
    const th = button?.closest("th");
    if (!button || !th) throw new Error(`no sort button "${label}"`);
    const before = th.getAttribute("aria-sort");
    const t0 = performance.now();
    button.click();
    return new Promise<number>((resolve, reject) => {
      const check = () => {
        if (th.getAttribute("aria-sort") !== before) {
          const channel = new MessageChannel();
          channel.port1.onmessage = () => resolve(performance.now() - t0);
          channel.port2.postMessage(null);
        } else if (performance.now() - t0 > 30_000) reject(new Error(`sorting by ${label} never showed`));
        else requestAnimationFrame(check);
      };
      requestAnimationFrame(check);
    });
  }, label);
}

/**
 * Puts `text` in the search box (as typing or pasting it would: one input event); ms to the painted
 * frame whose table shows the new row count (the table filters on a deferred copy of the text).
 */
function filterOnce(page: Page, text: string): Promise<{ ms: number; rows: number }> {
  return page.evaluate(async (text) => {
    const input = document.getElementById("function-search");
    if (!(input instanceof HTMLInputElement)) throw new Error("no #function-search");
    const count = () => {
      const table = document.querySelector("table[aria-rowcount]");
      return table ? Number(table.getAttribute("aria-rowcount")) - 1 : 0;
    };
    const before = count();
    const setValue = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, "value")?.set;
    const t0 = performance.now();
    setValue?.call(input, text);
    input.dispatchEvent(new Event("input", { bubbles: true }));
    return new Promise<{ ms: number; rows: number }>((resolve, reject) => {
      const check = () => {
        const rows = count();
        if (rows !== before) {
          const channel = new MessageChannel();
          channel.port1.onmessage = () => resolve({ ms: performance.now() - t0, rows });
          channel.port2.postMessage(null);
        } else if (performance.now() - t0 > 30_000) reject(new Error(`filtering by "${text}" never showed`));
        else requestAnimationFrame(check);
      };
      requestAnimationFrame(check);
    });
  }, text);
}

export interface ScrollCheck {
  /** Pixels scrolled per frame. */
  stepPx: number;
  steps: number;
  frames: number;
  p50FrameMs: number;
  p95FrameMs: number;
  maxFrameMs: number;
  /** Frames longer than 1.5 × 16.7 ms: at least one frame dropped at 60 Hz. */
  framesOver25ms: number;
  framesOver50ms: number;
  /** Whether the last row is in the DOM at the end (scrolls to the bottom only). */
  reachedLastRow?: boolean;
}

/**
 * Scrolls the table from the top, one step per frame, recording requestAnimationFrame deltas.
 * `stepPx` "screen" moves one screenful per frame down to the last row (every frame shows rows not
 * seen before: the virtualizer's worst case); a number moves that many pixels per frame for
 * `maxSteps` frames (a steady wheel or trackpad scroll).
 */
function scrollCheck(
  page: Page,
  functions: number,
  stepPx: number | "screen",
  maxSteps: number,
): Promise<ScrollCheck> {
  return page.evaluate(
    async ({ n, stepPx, maxSteps }) => {
      const table = document.querySelector("table[aria-rowcount]");
      const scroller = table?.parentElement;
      if (!table || !scroller) throw new Error("no table to scroll");
      scroller.scrollTop = 0;
      await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
      const step = stepPx === "screen" ? Math.max(1, scroller.clientHeight) : stepPx;
      const range = scroller.scrollHeight - scroller.clientHeight;
      const steps = Math.min(maxSteps, Math.ceil(range / step));
      const deltas: number[] = [];
      await new Promise<void>((resolve) => {
        let i = 0;
        let last = 0;
        const frame = (t: number) => {
          if (last) deltas.push(t - last);
          last = t;
          if (i >= steps) return resolve();
          i++;
          scroller.scrollTop = Math.min(i * step, range);
          requestAnimationFrame(frame);
        };
        requestAnimationFrame(frame);
      });
      // Let the virtualizer render the rows at the final position.
      await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
      const sorted = [...deltas].sort((a, b) => a - b);
      const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)] ?? 0;
      const round = (x: number) => Math.round(x * 10) / 10;
      return {
        stepPx: step,
        steps,
        frames: deltas.length,
        p50FrameMs: round(at(0.5)),
        p95FrameMs: round(at(0.95)),
        maxFrameMs: round(sorted[sorted.length - 1] ?? 0),
        framesOver25ms: deltas.filter((d) => d > 25).length,
        framesOver50ms: deltas.filter((d) => d > 50).length,
        ...(stepPx === "screen"
          ? { reachedLastRow: table.querySelector(`tbody tr[aria-rowindex="${n + 1}"]`) !== null }
          : {}),
      };
    },
    { n: functions, stepPx, maxSteps },
  );
}

export interface TableInteractions {
  sortMs: Timings;
  filterMs: Timings & { rows: number[] };
  /** 120 px a frame for up to 2 s (the small account has fewer rows to scroll). */
  scrollSteady: ScrollCheck;
  /** One screen a frame down to the last row. */
  scrollToBottom: ScrollCheck;
}

/** Sorts, filters and scrolls the table of a loaded functions page. */
export async function tableInteractions(page: Page, functions: number): Promise<TableInteractions> {
  // Each click changes the header's aria-sort: none → descending → ascending, then other columns.
  const sorts = ["Invocations", "Invocations", "Error %", "Team", "p99 duration", "Function"];
  const sortMs: number[] = [];
  for (const label of sorts) sortMs.push(await sortOnce(page, label));
  // Function names are svc-00000…; "svc-001" matches svc-00100…svc-00199. Each text changes the row count.
  const filters = ["svc-001", "", "payments", "", "python3.12", ""];
  const filterMs: number[] = [];
  const rows: number[] = [];
  for (const text of filters) {
    const r = await filterOnce(page, text);
    filterMs.push(r.ms);
    rows.push(r.rows);
  }
  const scrollSteady = await scrollCheck(page, functions, 120, 120);
  const scrollToBottom = await scrollCheck(page, functions, "screen", 2_000);
  return {
    sortMs: summarize(sortMs),
    filterMs: { ...summarize(filterMs), rows },
    scrollSteady,
    scrollToBottom,
  };
}

/** JavaScript each page fetches before its load event, in a fresh context (empty cache). */
export async function pageScripts(
  browser: Browser,
  urls: Record<string, string>,
  timeoutMs: number,
): Promise<Record<string, ScriptBytes>> {
  const out: Record<string, ScriptBytes> = {};
  for (const [route, url] of Object.entries(urls)) {
    const context = await newContext(browser);
    try {
      const page = await context.newPage();
      out[route] = await scriptBytesDuring(page, () =>
        page.goto(url, { waitUntil: "load", timeout: timeoutMs }),
      );
    } finally {
      await context.close();
    }
  }
  return out;
}

/**
 * A fresh context (empty cache). tsx compiles this file with esbuild's keepNames, which wraps the
 * named helpers inside the page functions in `__name(...)`; the page gets a no-op of it.
 */
export async function newContext(browser: Browser): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport: VIEWPORT });
  await context.addInitScript({ content: "globalThis.__name ??= (f) => f;" });
  return context;
}
