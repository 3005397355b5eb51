import { afterEach, describe, expect, it, vi } from "vitest";
import { getCache, resetCacheForTests } from "../cache";
import { MEMO_MS, SHARE_MS, answerOf, clearResponseMemo, memoized, sendAnswer } from "./response-memo";

afterEach(() => {
  vi.restoreAllMocks();
  clearResponseMemo();
  resetCacheForTests();
});

function counter(status = 200) {
  let builds = 0;
  return {
    build: async () => answerOf(status, { build: ++builds }),
    get builds() {
      return builds;
    },
  };
}

describe("memoized", () => {
  it("builds once for requests that arrive together and serves the bytes again", async () => {
    const c = counter();
    const answers = await Promise.all(Array.from({ length: 20 }, () => memoized("/a", c.build)));
    expect(c.builds).toBe(1);
    expect(new Set(answers.map((a) => a.json))).toEqual(new Set(['{"build":1}']));
    await memoized("/a", c.build);
    expect(c.builds).toBe(1);
    await memoized("/b", c.build);
    expect(c.builds).toBe(2);
  });

  it("builds again once the cache changes, but shares a build for SHARE_MS whatever lands", async () => {
    const c = counter();
    const now = Date.now();
    const clock = vi.spyOn(Date, "now").mockReturnValue(now);
    await memoized("/a", c.build);
    await getCache().invalidate("inventory", "k");
    clock.mockReturnValue(now + SHARE_MS - 1);
    expect((await memoized("/a", c.build)).json).toBe('{"build":1}');
    clock.mockReturnValue(now + SHARE_MS);
    expect((await memoized("/a", c.build)).json).toBe('{"build":2}');
  });

  it("builds again after MEMO_MS, and after the cache is replaced", async () => {
    const c = counter();
    const now = Date.now();
    const clock = vi.spyOn(Date, "now").mockReturnValue(now);
    await memoized("/a", c.build);
    clock.mockReturnValue(now + MEMO_MS - 1);
    await memoized("/a", c.build);
    expect(c.builds).toBe(1);
    clock.mockReturnValue(now + MEMO_MS);
    await memoized("/a", c.build);
    expect(c.builds).toBe(2);
    resetCacheForTests();
    await memoized("/a", c.build);
    expect(c.builds).toBe(3);
  });

  it("keeps no error answer and no failed build", async () => {
    const c = counter(500);
    await memoized("/a", c.build);
    await memoized("/a", c.build);
    expect(c.builds).toBe(2);
    await expect(memoized("/b", () => Promise.reject(new Error("boom")))).rejects.toThrow("boom");
    expect((await memoized("/b", counter().build)).json).toBe('{"build":1}');
  });
});

describe("sendAnswer", () => {
  it("sends the kept JSON with its status and the given headers", async () => {
    const res = sendAnswer(answerOf(404, { error: "x" }), { "x-request-id": "r1" });
    expect(res.status).toBe(404);
    expect(res.headers.get("content-type")).toBe("application/json");
    expect(res.headers.get("x-request-id")).toBe("r1");
    expect(await res.json()).toEqual({ error: "x" });
  });
});
