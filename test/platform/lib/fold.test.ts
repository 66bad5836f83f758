// The search box's text handling, without HTTP: folding and the words a search looks for.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { fold, MAX_QUERY_TOKENS, searchTokens } from "../../../src/platform/lib/fold.ts";

describe("fold", () => {
  it.each([
    ["Lạp sườn Tâm Hòa", "lap suon tam hoa"],
    ["Tâm Hoà", "tam hoa"],
    ["ĐINH TRÀ", "dinh tra"],
    ["  Miến\tdong \n Phia  Đén ", "mien dong phia den"],
    ["Chè giảo cổ lam", "che giao co lam"],
  ])("%j → %j", (text, folded) => {
    expect(fold(text)).toBe(folded);
  });

  it("is idempotent and leaves no accents, no đ and no upper case", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme", maxLength: 40 }), (s) => {
        const f = fold(s);
        expect(fold(f)).toBe(f);
        expect(f).not.toMatch(/[đĐ\p{M}]|\s{2}|^\s|\s$/u);
        expect(f).toBe(f.toLowerCase());
      }),
    );
  });
});

describe("searchTokens", () => {
  it.each([
    ["mien dong", ["mien", "dong"]],
    ["Miến  Dong", ["mien", "dong"]],
    ['mien "dong', ["mien", "dong"]],
    ["mien*", ["mien"]],
    ["-dong", ["dong"]],
    ["{sort_vi}: mien", ["sort", "vi", "mien"]],
    ["lap-suon", ["lap", "suon"]],
    ["688", ["688"]],
    ["mien AND dong", ["mien", "dong"]],
    ["mien OR dong NOT", ["mien", "dong"]],
    ["NEAR(mien dong, 2)", ["mien", "dong", "2"]],
    ["sausage and smoked pork", ["sausage", "smoked", "pork"]],
  ])("%j → %j", (text, tokens) => {
    expect(searchTokens(text)).toEqual(tokens);
  });

  it.each(["", "   ", "🙂 !!! ***", '""', "()", "\u0000\u0001", "AND OR NOT", "near"])(
    "%j has nothing to search",
    (text) => {
      expect(searchTokens(text)).toEqual([]);
    },
  );

  it(`uses at most ${MAX_QUERY_TOKENS} words`, () => {
    const words = Array.from({ length: 30 }, (_, i) => `w${i}`);
    expect(searchTokens(words.join(" "))).toHaveLength(MAX_QUERY_TOKENS);
  });

  it("whatever the text, every token is a run of letters and digits (FTS5 syntax is data once quoted)", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 60 }), (s) => {
        for (const t of searchTokens(s)) expect(t).toMatch(/^[\p{L}\p{N}]+$/u);
      }),
    );
  });
});
