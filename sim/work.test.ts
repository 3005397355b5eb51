import { describe, expect, it } from "vitest";
import { runInSlices, runNow, type Work } from "./work";

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

  it("rejects with the error the work throws", async () => {
    function* failing(): Work<void> {
      throw new Error("boom");
    }
    await expect(runInSlices(failing())).rejects.toThrow("boom");
  });
});
