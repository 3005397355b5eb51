import { describe, expect, it } from "vitest";
import { runtimeStatus } from "./status";
import { RUNTIMES } from "./table";

const day = (iso: string) => new Date(`${iso}T12:00:00Z`);

describe("runtimeStatus", () => {
  it.each([
    // python3.10: deprecation 2026-10-31, block create 2026-11-30, block update 2027-03-03
    ["python3.10", "2026-01-01", "supported"],
    ["python3.10", "2026-05-04", "deprecating-soon"], // 180 days before 2026-10-31
    ["python3.10", "2026-05-03", "supported"], // 181 days before
    ["python3.10", "2026-10-30", "deprecating-soon"],
    ["python3.10", "2026-10-31", "deprecated"],
    ["python3.10", "2026-11-30", "blocked-create"],
    ["python3.10", "2027-03-03", "blocked-update"],
    // provided.al2 has no published block-create date: deprecated until block update.
    ["provided.al2", "2026-11-22", "deprecated"],
    ["provided.al2", "2027-03-03", "blocked-update"],
    ["nodejs24.x", "2026-11-22", "supported"],
    ["nodejs22.x", "2026-11-22", "deprecating-soon"], // 159 days before 2027-04-30
    ["nodejs26.x", "2026-11-22", "supported"], // preview: nothing scheduled
    ["nodejs10.x", "2026-11-22", "blocked-update"],
    ["cobol85", "2026-11-22", "unknown"],
    [undefined, "2026-11-22", "unknown"], // container image: no runtime
  ] as const)("%s on %s is %s", (runtime, today, state) => {
    expect(runtimeStatus(runtime, day(today)).state).toBe(state);
  });

  it("returns the dates and arm64 support", () => {
    expect(runtimeStatus("go1.x", day("2026-11-22"))).toEqual({
      state: "deprecated",
      dates: { deprecation: "2024-01-08", blockCreate: null, blockUpdate: "2027-03-03" },
      arm64: false,
      daysToDeprecation: -1049,
    });
    expect(runtimeStatus("nodejs22.x", day("2026-11-22")).arm64).toBe(true);
  });

  it("takes the notice period as a parameter", () => {
    expect(runtimeStatus("python3.11", day("2026-11-22"), 180).state).toBe("supported");
    expect(runtimeStatus("python3.11", day("2026-11-22"), 365).state).toBe("deprecating-soon");
  });

  it("has well-formed, ordered dates in every row", () => {
    for (const r of RUNTIMES.values()) {
      const dates = [r.deprecation, r.blockCreate, r.blockUpdate].filter((d): d is string => d !== null);
      for (const d of dates) expect(d).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect([...dates].sort()).toEqual(dates);
    }
  });
});
