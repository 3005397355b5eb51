import { describe, expect, it } from "vitest";
import { PARALLEL_PER_LANE, runInSlices, runNow, type Work } from "./work";

/** Work of `units` steps that each keep the CPU busy for about `ms`, logging its steps. */
function* busy(name: string, units: number, ms: number, log: string[]): Work<string> {
  for (let i = 0; i < units; i++) {
    const until = performance.now() + ms;
    while (performance.now() < until);
    log.push(name);
    yield;
  }
  return name;
}

describe("sliced work", () => {
  it("runs to the same result at once or in slices", async () => {
    expect(runNow(busy("a", 3, 0, []))).toBe("a");
    await expect(runInSlices(busy("a", 3, 0, []))).resolves.toBe("a");
  });

  it("lets timers and I/O run between slices of a long computation", async () => {
    const log: string[] = [];
    const done = runInSlices(busy("work", 150, 1, log));
    const timer = new Promise<number>((resolve) => setTimeout(() => resolve(log.length), 0));
    // The timer fires long before the 150 ms of work is through.
    expect(await timer).toBeLessThan(100);
    await done;
  });

  it("shares the event loop's turns among the pieces of work in flight", async () => {
    const log: string[] = [];
    await Promise.all([runInSlices(busy("a", 60, 1, log)), runInSlices(busy("b", 60, 1, log))]);
    // b started before a was through: they took turns.
    expect(log.indexOf("b")).toBeLessThan(log.lastIndexOf("a"));
  });

  it("in a lane, runs the oldest pieces of work first; lanes take turns", async () => {
    const log: string[] = [];
    const names = ["a", "b", "c", "d"];
    const done = names.map((n) => runInSlices(busy(n, 40, 1, log), "cw"));
    const other = runInSlices(busy("logs", 40, 1, log), "logs");
    await Promise.all([...done, other]);
    const end = (n: string) => log.lastIndexOf(n);
    const start = (n: string) => log.indexOf(n);
    // Two (PARALLEL_PER_LANE) at a time, in order: c starts once a or b is through, d once two are.
    expect(PARALLEL_PER_LANE).toBe(2);
    expect(start("b")).toBeLessThan(end("a"));
    expect(start("c")).toBeGreaterThan(Math.min(end("a"), end("b")));
    expect(start("d")).toBeGreaterThan(Math.max(end("a"), end("b")));
    expect(start("d")).toBeLessThan(end("c"));
    // The other lane was not held up behind the four.
    expect(start("logs")).toBeLessThan(end("a"));
  });

  it("in a lane, a small piece of work waiting goes before larger ones that came earlier", async () => {
    const log: string[] = [];
    const big = ["a", "b", "c", "d"].map((n) => runInSlices(busy(n, 30, 1, log), "cw", 100));
    const small = runInSlices(busy("small", 3, 1, log), "cw", 1);
    await Promise.all([...big, small]);
    // a and b were running; the small one went next, before c and d.
    expect(log.indexOf("small")).toBeLessThan(log.indexOf("c"));
    expect(log.indexOf("small")).toBeGreaterThan(log.indexOf("b"));
  });

  it("rejects with the error the work throws", async () => {
    function* failing(): Work<void> {
      throw new Error("boom");
    }
    await expect(runInSlices(failing())).rejects.toThrow("boom");
  });
});
