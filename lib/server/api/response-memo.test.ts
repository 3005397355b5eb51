import { afterEach, describe, expect, it, vi } from "vitest";
import { getCache, resetCacheForTests } from "../cache";
import {
  MEMO_MS,
  SHARE_MS,
  answerOf,
  clearResponseMemo,
  matchesEtag,
  memoized,
  sendAnswer,
} from "./response-memo";

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
  it("sends the kept JSON with its status and the given headers; an error is neither stored nor validated", async () => {
    const answer = answerOf(404, { error: "x" });
    const res = sendAnswer(answer, { "x-request-id": "r1" }, answer.etag);
    expect(res.status).toBe(404);
    expect(res.headers.get("content-type")).toBe("application/json");
    expect(res.headers.get("x-request-id")).toBe("r1");
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(res.headers.get("etag")).toBeNull();
    expect(await res.json()).toEqual({ error: "x" });
  });

  it("answers 304 without a body when If-None-Match names the ETag, and 200 with the JSON otherwise", async () => {
    const answer = answerOf(200, { rows: [1, 2, 3] });
    expect(answerOf(200, { rows: [1, 2, 3] }).etag).toBe(answer.etag);
    expect(answerOf(200, { rows: [1, 2, 4] }).etag).not.toBe(answer.etag);

    for (const header of [answer.etag, `W/${answer.etag}`, `"other", ${answer.etag}`, "*"]) {
      const res = sendAnswer(answer, {}, header);
      expect(res.status, header).toBe(304);
      expect(await res.text()).toBe("");
      expect(res.headers.get("etag")).toBe(answer.etag);
      expect(res.headers.get("cache-control")).toBe("private, no-cache");
    }
    for (const header of [null, '"other"', answer.etag.slice(0, -2) + '"']) {
      const res = sendAnswer(answer, {}, header);
      expect(res.status).toBe(200);
      expect(res.headers.get("etag")).toBe(answer.etag);
      expect(await res.json()).toEqual({ rows: [1, 2, 3] });
    }
  });
});

describe("matchesEtag", () => {
  it("compares weakly, accepts lists and *, and never matches an absent header", () => {
    expect(matchesEtag('"a"', '"a"')).toBe(true);
    expect(matchesEtag('W/"a"', '"a"')).toBe(true);
    expect(matchesEtag(' "b" ,  "a" ', '"a"')).toBe(true);
    expect(matchesEtag('"b"', '"a"')).toBe(false);
    expect(matchesEtag("", '"a"')).toBe(false);
    expect(matchesEtag(null, '"a"')).toBe(false);
  });
});
