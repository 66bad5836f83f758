// The "highest recognition" order with ratings as of their year (issue 26): an OCOP rating is current for 36 months
// from its decision; one that may have lapsed, or whose year is not stated, ranks below a stated current one. A
// current OCOP 4★ ranks above a provincial CNNT-TB title, one that may have lapsed below it. When the year turns, the
// cron's statement ranks again the products whose ratings reached their 36 months.
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { countedD1 } from "../../../src/platform/db/client.ts";
import { rerankLapsedStatement } from "../../../src/platform/db/recognition-rank.ts";
import { getJson } from "../../helpers/http.ts";

const Y = new Date().getUTCFullYear();

/** Real products without any recognition, to give each one recognition of our own. */
async function unrated(n: number): Promise<{ id: number; slug: string }[]> {
  const { results } = await env.DB.prepare(
    `SELECT id, slug FROM products WHERE provenance <> 'illustrative' AND id NOT IN (SELECT product_id FROM recognitions)
     ORDER BY id LIMIT ?`,
  )
    .bind(n)
    .all<{ id: number; slug: string }>();
  expect(results.length).toBe(n);
  return results;
}

const recognize = (
  productId: number,
  r: { scheme: string; level?: string; stars?: number; year: number | null; provenance?: string },
) =>
  env.DB.prepare(
    `INSERT INTO recognitions (product_id, scheme, level, stars, year, title_vi, title_en, source_url, provenance)
     VALUES (?, ?, ?, ?, ?, 'Thử', 'Test', 'https://example.org/test', ?)`,
  )
    .bind(productId, r.scheme, r.level ?? null, r.stars ?? null, r.year, r.provenance ?? "sourced")
    .run();

const rankOf = async (id: number) =>
  (
    await env.DB.prepare("SELECT recognition_rank AS r FROM products WHERE id = ?")
      .bind(id)
      .first<{ r: number }>()
  )?.r ?? -1;

describe("recognition rank: ratings as of their year", () => {
  it("orders a current OCOP 4★ above a provincial CNNT-TB title, and a lapsed or undated 4★ below it", async () => {
    const [current, provincial, lapsed5, lapsed4, undated4, illustrative] = await unrated(6);
    if (!current || !provincial || !lapsed5 || !lapsed4 || !undated4 || !illustrative)
      throw new Error("too few");
    await recognize(current.id, { scheme: "ocop", stars: 4, year: Y - 1 });
    await recognize(provincial.id, { scheme: "cnnt", level: "provincial", year: Y - 2 });
    await recognize(lapsed5.id, { scheme: "ocop", stars: 5, year: Y - 5 });
    await recognize(lapsed4.id, { scheme: "ocop", stars: 4, year: Y - 3 });
    await recognize(undated4.id, { scheme: "ocop", stars: 4, year: null });
    // An illustrative title on a real product ranks nothing (it makes no real product recognized).
    await recognize(illustrative.id, {
      scheme: "cnnt",
      level: "national",
      year: Y - 1,
      provenance: "illustrative",
    });

    expect(await rankOf(current.id)).toBe(60 * 10_000 + Y - 1);
    expect(await rankOf(provincial.id)).toBe(50 * 10_000 + Y - 2);
    expect(await rankOf(lapsed5.id)).toBe(30 * 10_000 + Y - 5);
    expect(await rankOf(lapsed4.id)).toBe(25 * 10_000 + Y - 3);
    expect(await rankOf(undated4.id)).toBe(25 * 10_000);
    expect(await rankOf(illustrative.id)).toBe(0);

    // The shoppers' "highest recognition" order (the default) says the same.
    const { body } = await getJson("/api/v1/products?limit=100");
    const order = (body.data as { slug: string }[]).map((p) => p.slug);
    const at = (p: { slug: string }) => order.indexOf(p.slug);
    const expected = [current, provincial, lapsed5, lapsed4, undated4];
    for (const p of expected) expect(at(p), p.slug).toBeGreaterThanOrEqual(0);
    expect([...expected].sort((a, b) => at(a) - at(b))).toEqual(expected);
    expect(at(illustrative)).toBeGreaterThan(at(undated4));
  });

  it("ranks again, when the year turns, the products whose OCOP rating reached its 36 months, and writes nothing else", async () => {
    // An illustrative product, its own recognitions taken off (every product of the seed has some by now).
    const p = await env.DB.prepare(
      "SELECT id, slug FROM products WHERE provenance = 'illustrative' ORDER BY id LIMIT 1",
    ).first<{
      id: number;
      slug: string;
    }>();
    if (!p) throw new Error("no product");
    await env.DB.prepare("DELETE FROM recognitions WHERE product_id = ?").bind(p.id).run();
    await recognize(p.id, { scheme: "ocop", stars: 4, year: Y - 3 });
    // As last year's triggers ranked it, when the rating was still current.
    await env.DB.prepare("UPDATE products SET recognition_rank = ? WHERE id = ?")
      .bind(60 * 10_000 + Y - 3, p.id)
      .run();
    const d1 = countedD1(env.DB);
    const first = await rerankLapsedStatement(d1).run();
    expect(await rankOf(p.id)).toBe(25 * 10_000 + Y - 3);
    expect(first.meta.changes).toBeGreaterThanOrEqual(1);
    const again = await rerankLapsedStatement(d1).run();
    expect(again.meta.changes).toBe(0);
  });
});
