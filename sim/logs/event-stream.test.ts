import { describe, expect, it } from "vitest";
import { LogSource } from "../model/logs";
import { WorkloadModel } from "../model/workload";
import { parseScenario } from "../scenario/load";
import { mergeByTimestamp, orderedEvents } from "./event-stream";
import { LOGS_TEST_NOW, logsTestScenario } from "./fixtures";

const NOW = LOGS_TEST_NOW;
const scenario = parseScenario(logsTestScenario());
const model = new WorkloadModel(scenario, NOW);
const logs = new LogSource(scenario, model, () => NOW);
const GROUP = "/aws/lambda/orders-api";

/** The first place in the last day where the model's own order goes back in time (an INIT_START stamped before the previous minute's last event). */
function firstDisorder(): number {
  let last = 0;
  for (const e of logs.events("us-east-1", GROUP, NOW - 86_400_000, NOW)) {
    if (e.timestamp < last) return e.timestamp;
    last = e.timestamp;
  }
  return 0;
}

describe("orderedEvents", () => {
  const disorder = firstDisorder();
  // A window that starts and ends mid-minute.
  const start = NOW - 7_200_000 + 17_123;
  const end = NOW - 3_600_000 + 41_777;
  const ordered = [...orderedEvents(logs, "us-east-1", GROUP, start, end)];

  it("gets events in order from the source, across minute edges", () => {
    expect(disorder).toBe(0);
  });

  it("yields exactly the window's events, sorted by timestamp", () => {
    const wide = [...logs.events("us-east-1", GROUP, start - 600_000, end + 600_000)].filter(
      (e) => e.timestamp >= start && e.timestamp < end,
    );
    expect(ordered.length).toBe(wide.length);
    expect(new Set(ordered.map((e) => e.eventId))).toEqual(new Set(wide.map((e) => e.eventId)));
    for (let i = 1; i < ordered.length; i++)
      expect(ordered[i - 1]?.timestamp ?? 0).toBeLessThanOrEqual(ordered[i]?.timestamp ?? 0);
    expect(ordered.some((e) => e.message.startsWith("INIT_START"))).toBe(true);
  });

  it("resumes from any (timestamp, events already read at it) position to the same suffix", () => {
    for (const cut of [1, 57, Math.floor(ordered.length / 2), ordered.length - 3]) {
      const at = ordered[cut]?.timestamp ?? 0;
      let skip = 0;
      for (let i = cut - 1; i >= 0 && ordered[i]?.timestamp === at; i--) skip++;
      const resumed = [...orderedEvents(logs, "us-east-1", GROUP, at, end)].slice(skip);
      expect(resumed.map((e) => e.eventId)).toEqual(ordered.slice(cut).map((e) => e.eventId));
    }
  });

  it("is empty for an empty window", () => {
    expect([...orderedEvents(logs, "us-east-1", GROUP, end, end)]).toEqual([]);
  });
});

describe("mergeByTimestamp", () => {
  it("interleaves ordered streams by timestamp, earlier streams first on ties", () => {
    const a = [
      { t: 1, s: "a" },
      { t: 3, s: "a" },
      { t: 3, s: "a2" },
    ];
    const b = [
      { t: 2, s: "b" },
      { t: 3, s: "b" },
    ];
    const merged = [...mergeByTimestamp([a.values(), b.values()], (x) => x.t)];
    expect(merged.map((x) => `${x.t}${x.s}`)).toEqual(["1a", "2b", "3a", "3a2", "3b"]);
    expect([...mergeByTimestamp([[].values()], (x: number) => x)]).toEqual([]);
  });

  it("gives the order of a stable sort by timestamp over the streams in turn, for many streams", () => {
    let seed = 3;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    const streams = Array.from({ length: 23 }, (_, s) => {
      let t = 0;
      return Array.from({ length: Math.floor(next() * 40) }, (_, i) => ({
        t: (t += Math.floor(next() * 3)),
        s,
        i,
      }));
    });
    const merged = [
      ...mergeByTimestamp(
        streams.map((x) => x.values()),
        (x) => x.t,
      ),
    ];
    const expected = streams.flat().sort((a, b) => a.t - b.t || a.s - b.s);
    expect(merged).toEqual(expected);
  });
});
