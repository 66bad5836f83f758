// A list filtered by tier, group, district or scheme finds its page either by walking an index in the page's order
// or by SQLite's own plan and a sort, as facet_counts says the filters keep a fair share of the catalogue or few
// (src/catalogue/products/products.queries.ts, orderedWalk). Either way every page, and the cursor from one to the next, must be
// the order by definition: computed here from the base tables, for filters that take each way.
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { walk } from "../helpers/http.ts";

interface Row {
  slug: string;
  id: number;
  tier: number;
  /** The strongest recognition's grade × 10,000 + its stated year (the documented "tier" order, computed here). */
  rank: number;
  group: string;
  district: string | null;
  schemes: string[];
  illustrative: boolean;
  vi: string;
  en: string;
}

async function rows(): Promise<Row[]> {
  const { results } = await env.DB.prepare(
    `SELECT p.slug, p.id, p.tier_rank AS tier, p.product_group AS "group", pr.district_slug AS district,
       (SELECT group_concat(DISTINCT r.scheme) FROM recognitions r WHERE r.product_id = p.id) AS schemes,
       (SELECT json_group_array(json_object('scheme', r.scheme, 'level', r.level, 'stars', r.stars, 'year', r.year,
         'year_state', json_extract(r.field_provenance, '$.year'))) FROM recognitions r WHERE r.product_id = p.id) AS recs,
       p.provenance = 'illustrative' AS illustrative, p.sort_vi AS vi, p.sort_en AS en
     FROM products p JOIN producers pr ON pr.id = p.producer_id`,
  ).all<
    Omit<Row, "schemes" | "illustrative" | "rank"> & {
      schemes: string | null;
      illustrative: number;
      recs: string;
    }
  >();
  return results.map(({ recs, ...r }) => ({
    ...r,
    rank: Math.max(0, ...(JSON.parse(recs) as Rec[]).map(rankOf)),
    schemes: r.schemes?.split(",") ?? [],
    illustrative: r.illustrative === 1,
  }));
}

const RANK: Record<string, number> = { national: 4, regional: 3, provincial: 2 };

interface Rec {
  scheme: string;
  level: string | null;
  stars: number | null;
  year: number | null;
  year_state: string | null;
}
/** The grades the contract states: national CNNT-TB or OCOP 5★ 40 … a year counts when stated, not inferred. */
function rankOf(r: Rec): number {
  const cnnt: Record<string, number> = { national: 40, regional: 30, provincial: 20, district: 10 };
  const ocop: Record<number, number> = { 5: 40, 4: 25, 3: 15 };
  const grade =
    r.scheme === "cnnt" ? (cnnt[r.level ?? ""] ?? 0) : r.scheme === "ocop" ? (ocop[r.stars ?? 0] ?? 14) : 5;
  const stated = r.year !== null && !["inferred", "illustrative"].includes(r.year_state ?? "sourced");
  return grade * 10_000 + (stated ? (r.year ?? 0) : 0);
}
const cmp = (a: string | number, b: string | number) => (a < b ? -1 : a > b ? 1 : 0);

/** The list by definition: real products first when illustrative ones are included, then the sort. */
function expected(
  all: Row[],
  f: Record<string, string[]>,
  sort: "tier" | "name",
  lang: "vi" | "en",
  include: boolean,
) {
  return all
    .filter((p) => include || !p.illustrative)
    .filter((p) => !f.tier || f.tier.some((t) => RANK[t] === p.tier))
    .filter((p) => !f.group || f.group.includes(p.group))
    .filter((p) => !f.district || f.district.includes(p.district ?? ""))
    .filter((p) => !f.scheme || f.scheme.some((s) => p.schemes.includes(s)))
    .sort(
      (a, b) =>
        (include ? cmp(Number(a.illustrative), Number(b.illustrative)) : 0) ||
        (sort === "tier" ? cmp(b.rank, a.rank) : 0) ||
        cmp(a[lang], b[lang]) ||
        cmp(a.id, b.id),
    )
    .map((p) => p.slug);
}

// Filters that keep many (the walk) and few (SQLite's plan) of the seeded catalogue, with and without include.
const FILTERS: Record<string, string[]>[] = [
  { tier: ["national", "regional"] },
  { group: ["processed_food"] },
  { group: ["machinery"] },
  { tier: ["provincial"], group: ["handicraft"] },
  { district: ["nguyen-binh"] },
  // One product of the 40: under a twentieth, so SQLite's plan finds it.
  { district: ["bao-lam"] },
  { district: ["ha-quang"], tier: ["national", "regional", "provincial"] },
  { scheme: ["ocop"] },
  { scheme: ["cnnt"], group: ["processed_food"] },
];

describe("filtered lists: every page in order, whichever way it is found", () => {
  it("pages of 2 and their cursors give the order by definition, for each filter, sort, language and include", async () => {
    // 20 more products like one of the seed's, so that a filter keeping one product keeps under a twentieth of the
    // catalogue (the seed alone has 20: one is exactly a twentieth).
    const { results: cols } = await env.DB.prepare("PRAGMA table_info(products)").all<{ name: string }>();
    const names = cols.map((c) => c.name).filter((c) => c !== "id");
    for (let i = 0; i < 20; i++)
      await env.DB.prepare(
        `INSERT INTO products (${names.join(", ")}) SELECT ${names.map((c) => (c === "slug" ? `slug || '-${i}'` : c === "sort_vi" || c === "sort_en" ? `${c} || ' ${String(i).padStart(2, "0")}'` : c === "recognition_rank" || c === "tier_rank" ? "0" : c)).join(", ")} FROM products WHERE slug = 'mien-dong-tan-viet-a'`,
      ).run();
    // With its recognitions, so the derived tier and rank are the triggers' own.
    await env.DB.prepare(
      `INSERT INTO recognitions (product_id, scheme, level, stars, year, title_vi, title_en, source_url, sample, provenance, field_provenance)
       SELECT p.id, r.scheme, r.level, r.stars, r.year, r.title_vi, r.title_en, r.source_url, r.sample, r.provenance, r.field_provenance
       FROM products p, recognitions r WHERE p.slug LIKE 'mien-dong-tan-viet-a-%' AND r.product_id = (SELECT id FROM products WHERE slug = 'mien-dong-tan-viet-a')`,
    ).run();
    const all = await rows();
    let walked = 0;
    for (const f of FILTERS)
      for (const sort of ["tier", "name"] as const)
        for (const lang of ["vi", "en"] as const)
          for (const include of [false, true]) {
            const params = new URLSearchParams({ sort, lang });
            for (const [k, v] of Object.entries(f)) params.set(k, v.join(","));
            if (include) params.set("include", "illustrative");
            const { items } = await walk(`/api/v1/products?${params}`, 2);
            const want = expected(all, f, sort, lang, include);
            expect([f, sort, lang, include, items.map((p: { slug: string }) => p.slug)]).toEqual([
              f,
              sort,
              lang,
              include,
              want,
            ]);
            walked += want.length;
          }
    expect(walked).toBeGreaterThan(100);
  }, 60_000); // a request per page of 2 for every filter, sort, language and include: 7 s at load 18
});
