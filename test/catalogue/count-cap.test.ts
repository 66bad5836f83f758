// A search that matches more than COUNT_CAP products counts its total and facets over its COUNT_CAP best-ranked
// matches and says so (`page.total_relation: "gte"`, `facets_exhaustive: false`; the catalogue page "1.000+");
// below the cap, as at the catalogue's real size, every number is exact. The list itself is never capped: the
// first page is still the best-ranked, and cursors walk every match.
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import {
  type ListProductsInput,
  productListQuery,
  scopeOf,
} from "../../src/catalogue/products/products.queries.ts";
import { COUNT_CAP } from "../../src/domain/vocabulary.ts";
import type { CountedD1 } from "../../src/platform/env.ts";
import { encodeCursor } from "../../src/platform/lib/cursor.ts";
import { call, getJson, walk } from "../helpers/http.ts";

/** Products inserted: all match "capword"; the first COUNT_CAP also match "capall" (exactly the cap). */
const INSERTED = COUNT_CAP + 200;

interface Item {
  slug: string;
  group: string;
  tier: string | null;
  producer: { slug: string };
  provenance: { record: string };
}

/** Counts by definition over a list of items: "count/illustrative" per value. */
function countBy(items: Item[], key: (p: Item) => string | null) {
  const out: Record<string, string> = {};
  for (const p of items) {
    const k = key(p);
    if (k === null) continue;
    const [n, i] = (out[k] ?? "0/0").split("/").map(Number);
    out[k] = `${(n ?? 0) + 1}/${(i ?? 0) + (p.provenance.record === "illustrative" ? 1 : 0)}`;
  }
  return out;
}
/**
 * Every match of "capword" in the list's order by definition (real first, then bm25 with the name weighted most
 * and the word in the name first, then name and id), optionally in one group: SQL over the base tables, not the query under test.
 */
async function ranking(group: string | null): Promise<string[]> {
  const { results } = await env.DB.prepare(
    `SELECT p.slug FROM products_fts JOIN products p ON p.id = products_fts.rowid
     WHERE products_fts MATCH '{name kind alias producer place award} : "capword"' AND (?1 IS NULL OR p.product_group = ?1)
     ORDER BY p.provenance = 'illustrative',
       bm25(products_fts, 10.0, 6.0, 10.0, 4.0, 2.0, 2.0, 1.0)
         - 50 * (p.id IN (SELECT rowid FROM products_fts WHERE products_fts MATCH 'name : "capword"')),
       p.sort_vi, p.id`,
  )
    .bind(group)
    .all<{ slug: string }>();
  return results.map((r) => r.slug);
}

const asMap = (xs: { value: string; count: number; illustrative: number }[]) =>
  Object.fromEntries(xs.filter((x) => x.count > 0).map((x) => [x.value, `${x.count}/${x.illustrative}`]));

describe("counting a search's matches: exact below the cap, over the best-ranked above it", () => {
  it("at the catalogue's real size every search, filter and list is counted exactly and says so", async () => {
    for (const q of [
      "q=mien",
      "q=mien&include=illustrative",
      "q=tra&tier=provincial",
      "",
      "include=illustrative",
    ]) {
      const { status, body } = await getJson(`/api/v1/products?${q}`);
      expect(status).toBe(200);
      expect(body.page.total_relation, q).toBe("eq");
      expect(body.facets_exhaustive, q).toBe(true);
      const all = await walk(`/api/v1/products?${q}`, 100);
      expect(body.page.total, q).toBe(all.items.length);
    }
    const page = await (await call("/san-pham?q=mien")).text();
    expect(page).not.toContain("+ sản phẩm");
    expect(page).not.toContain('id="facets-partial"');
  });

  describe(`a search with more than ${COUNT_CAP} matches`, () => {
    beforeAll(async () => {
      // One statement, no bound values: products 1..INSERTED with varied producers, groups, tiers and
      // illustrative flags (one in ten); one in 25 carries the word in its name too, so ranks differ.
      await env.DB.prepare(
        `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ${INSERTED}),
           pr AS (SELECT id, row_number() OVER (ORDER BY id) - 1 AS k, count(*) OVER () AS c FROM producers)
         INSERT INTO products (slug, producer_id, name_vi, name_en, product_group, category_vi, category_en, sort_vi, sort_en,
           sources, sample, sample_fields, packaging, tier_rank)
         SELECT printf('cap-%04d', i), (SELECT id FROM pr WHERE k = i % c),
           CASE WHEN i % 25 = 0 THEN printf('Mẫu capword %d', i) ELSE printf('Mẫu %d', i) END, printf('Sample %d', i),
           CASE i % 4 WHEN 0 THEN 'handicraft' WHEN 1 THEN 'processed_food' WHEN 2 THEN 'machinery' ELSE 'other' END,
           printf('capword%s filler %d', CASE WHEN i <= ${COUNT_CAP} THEN ' capall' ELSE '' END, i), 'Test',
           CASE WHEN i % 25 = 0 THEN printf('capword %d', i) ELSE printf('mau %04d', i) END, printf('sample %04d', i),
           '["https://example.org/a"]', i % 10 = 0, '[]', '[]', CASE i % 5 WHEN 0 THEN 4 WHEN 1 THEN 3 WHEN 2 THEN 2 ELSE 0 END
         FROM n`,
      ).run();
    });

    it("counts its best-ranked matches: total is the cap, facets over them, both flagged", async () => {
      for (const include of ["", "&include=illustrative"]) {
        const { status, body } = await getJson(`/api/v1/products?q=capword${include}&limit=20`);
        expect(status).toBe(200);
        const every = await walk(`/api/v1/products?q=capword${include}`, 100);
        // Real products only without include: nine in ten.
        expect(every.items.length).toBe(include ? INSERTED : INSERTED - INSERTED / 10);
        expect(every.items.length).toBeGreaterThan(COUNT_CAP);
        expect(body.page.total).toBe(COUNT_CAP);
        expect(body.page.total_relation).toBe("gte");
        expect(body.facets_exhaustive).toBe(false);
        // The counted set is the list's own head: its first COUNT_CAP items (real products first when included).
        const best = (every.items as Item[]).slice(0, COUNT_CAP);
        expect(body.page.illustrative).toBe(
          best.filter((p) => p.provenance.record === "illustrative").length,
        );
        expect(asMap(body.facets.group)).toEqual(countBy(best, (p) => p.group));
        expect(asMap(body.facets.tier)).toEqual(countBy(best, (p) => p.tier));
        // Without include an illustrative producer's name is withheld from its products: compare with it only.
        if (include) {
          const producers = countBy(best, (p) => p.producer.slug);
          for (const v of body.facets.producer)
            expect(`${v.count}/${v.illustrative}`).toBe(producers[v.value]);
          expect(body.facets.producer.length).toBe(Math.min(50, Object.keys(producers).length));
        }
      }
    });

    it("its first page is still the best-ranked, with or without another filter, and its cursors walk every match past the cap", async () => {
      for (const group of [null, "handicraft"]) {
        const filter = group ? `&group=${group}` : "";
        const full = await ranking(group);
        const first = await getJson(`/api/v1/products?q=capword${filter}&include=illustrative&limit=20`);
        expect(first.body.data.map((p: Item) => p.slug)).toEqual(full.slice(0, 20));
        const walked = await walk(`/api/v1/products?q=capword${filter}&include=illustrative`, 97);
        const slugs = walked.items.map((p: Item) => p.slug);
        expect(new Set(slugs).size).toBe(slugs.length);
        expect(slugs).toEqual(full);
      }
      // Real products first, then by rank: a real name match leads; an illustrative one follows every real product.
      const full = await ranking(null);
      expect(full.length).toBe(INSERTED);
      const n = Number(full[0]?.slice(4));
      expect([n % 25, n % 10 > 0]).toEqual([0, true]);
      expect(full.indexOf("cap-0050")).toBeGreaterThanOrEqual(INSERTED - INSERTED / 10);
    });

    it("with another filter, counts the cap's matches that pass it (a lower bound), each facet leaving out its own", async () => {
      const every = await walk("/api/v1/products?q=capword&include=illustrative", 100);
      const best = (every.items as Item[]).slice(0, COUNT_CAP);
      const { body } = await getJson("/api/v1/products?q=capword&group=handicraft&include=illustrative");
      expect(body.page.total).toBe(best.filter((p) => p.group === "handicraft").length);
      expect(body.page.total_relation).toBe("gte");
      expect(body.facets_exhaustive).toBe(false);
      expect(asMap(body.facets.group)).toEqual(countBy(best, (p) => p.group));
      expect(asMap(body.facets.tier)).toEqual(
        countBy(
          best.filter((p) => p.group === "handicraft"),
          (p) => p.tier,
        ),
      );
      // The list is not capped: every handicraft match is reachable.
      const all = await walk("/api/v1/products?q=capword&group=handicraft&include=illustrative", 100);
      expect(all.items.length).toBe(INSERTED / 4);
    });

    it(`exactly ${COUNT_CAP} matches are counted exactly`, async () => {
      const { body } = await getJson("/api/v1/products?q=capall&include=illustrative");
      expect(body.page.total).toBe(COUNT_CAP);
      expect(body.page.total_relation).toBe("eq");
      expect(body.facets_exhaustive).toBe(true);
    });

    it("the catalogue page says 1.000+ / 1,000+ and marks its facet counts as partial, in both languages", async () => {
      const vi = await (await call("/san-pham?q=capword")).text();
      expect(vi).toContain("1.000+ sản phẩm cho “capword”");
      expect(vi).toContain('id="facets-partial"');
      expect(vi).toMatch(/<fieldset class="facet" aria-describedby="facets-partial">/);
      expect(vi).toMatch(/data-count="\d+"[^>]*>\d+\+/);
      const en = await (await call("/en/products?q=capword")).text();
      expect(en).toContain("1,000+ products for “capword”");
      expect(en).toContain("Counts cover the 1,000 best matches only.");
      // Below the cap: plain numbers (with the examples switch on, every one of the cap's products).
      const exact = await (await call("/en/products?q=capall&include=illustrative")).text();
      expect(exact).toContain("1000 products for “capall”");
      expect(exact).not.toContain('id="facets-partial"');
    });
  });

  it("no statement of a product list binds more than D1's 100 parameters (local D1 does not enforce it)", async () => {
    // The statements as they would be sent: a stand-in D1 that records each statement's bound values.
    const bound: number[] = [];
    const d1 = {
      prepare: () => ({ bind: (...params: unknown[]) => bound.push(params.length) }),
    } as unknown as CountedD1;
    const slugs = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix}-${i}`);
    // Forty values in all (the most the API takes), spread so that every filter repeats in every count.
    const worst: Omit<ListProductsInput, "lang" | "limit">[] = [
      { producer: slugs("p", 20), channel: slugs("c", 20) },
      {
        tier: ["national", "regional", "provincial"],
        group: ["handicraft", "other"],
        scheme: ["ocop", "cnnt"],
      },
      { producer: slugs("p", 13), channel: slugs("c", 13), district: slugs("d", 14) },
    ];
    for (const filters of worst)
      for (const q of [undefined, "mien dong"])
        for (const sort of [undefined, "name", "-name", "newest", "tier"] as const)
          for (const includeIllustrative of [false, true]) {
            const input: ListProductsInput = {
              ...filters,
              q,
              sort,
              includeIllustrative,
              lang: "vi",
              limit: 100,
            };
            const spec = sort ?? (q ? "relevance" : "tier");
            const width = spec === "name" || spec === "-name" || spec === "newest" ? 2 : 3;
            const key = [...(includeIllustrative ? [0] : []), ...Array(width).fill("zzzzzzzzzz")];
            const cursor = await encodeCursor("secret", { scope: scopeOf(input, spec), key });
            for (const c of [undefined, cursor]) {
              const query = await productListQuery(d1, "secret", { ...input, cursor: c });
              expect(query.statements.length).toBeGreaterThan(0);
            }
          }
    expect(bound.length).toBeGreaterThan(100);
    // The most any of these statements binds was 77 when this test was written.
    expect(Math.max(...bound)).toBeLessThanOrEqual(100);
  });
});
