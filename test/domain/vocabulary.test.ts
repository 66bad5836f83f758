// The domain's words and the one validation converter: what a shopper or a retailer would see go wrong if either
// drifted (recognitions listed lowest tier first; a 422 naming one field twice).
import { env } from "cloudflare:workers";
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { CNNT_LEVELS, isSlug, LEVEL_RANK, levelRankSql, tierOf } from "../../src/domain/vocabulary.ts";
import { countedD1, toStatement } from "../../src/platform/db/client.ts";
import { issuesToParams } from "../../src/platform/http/validation.ts";

describe("tier rank", () => {
  it("ranks national above regional above provincial above district, in TypeScript and in SQL alike", async () => {
    expect(LEVEL_RANK).toEqual({ district: 1, provincial: 2, regional: 3, national: 4 });
    const d1 = countedD1(env.DB);
    const ranks = await Promise.all(
      CNNT_LEVELS.map(async (level) => {
        const row = await toStatement(d1, sql`SELECT ${levelRankSql(sql`${level}`)} AS r`).first<{
          r: number;
        }>();
        return [level, row?.r] as const;
      }),
    );
    expect(Object.fromEntries(ranks)).toEqual(LEVEL_RANK);
    const none = await toStatement(d1, sql`SELECT ${levelRankSql(sql`${"gold"}`)} AS r`).first<{
      r: number;
    }>();
    expect(none?.r).toBe(0);
    for (const level of CNNT_LEVELS) expect(tierOf(LEVEL_RANK[level])).toBe(level);
    expect(tierOf(0)).toBeNull();
  });
});

describe("slugs", () => {
  it("accepts catalogue slugs and refuses anything a path or filter could smuggle", () => {
    for (const ok of ["mien-dong-tan-viet-a", "aeon", "a1-b2"]) expect(isSlug(ok)).toBe(true);
    for (const bad of ["", "-a", "a-", "a--b", "Mien", "miến", "a/b", "a b", "x".repeat(121)])
      expect(isSlug(bad), bad).toBe(false);
    expect(isSlug("x".repeat(120))).toBe(true);
  });
});

describe("issuesToParams", () => {
  const issues = [
    { path: ["items", 3, "stores", 0, "city"], message: "Too small" },
    { path: ["items", 3, "stores", 0, "city"], message: "must not contain control characters" },
    { path: ["items", 3, "stores", 0, "city"], message: "Too small" },
    { path: [], message: "", code: "unrecognized_keys", keys: ["colour"] },
  ];
  it("names a body field once, as clients write it, with its failed checks joined (422 writes)", () => {
    expect(issuesToParams(issues, "json", true)).toEqual([
      { name: "items[3].stores[0].city", reason: "Too small; must not contain control characters" },
      { name: "colour", reason: "unknown field" },
    ]);
  });
  it("lists every issue for reads, and names query parameters as written (tier, not tier.0)", () => {
    expect(issuesToParams(issues, "json")).toHaveLength(4);
    expect(
      issuesToParams(
        [
          { path: ["tier", 0], message: "Invalid option" },
          { path: [], message: "", code: "unrecognized_keys", keys: ["foo"] },
        ],
        "query",
      ),
    ).toEqual([
      { name: "tier", reason: "Invalid option" },
      { name: "foo", reason: "unknown parameter" },
    ]);
  });
});
