// Editors mark illustrative values with `sample` / `sample_fields` (and a pack's `sample`); every public output reads
// `provenance` / `field_provenance` (issue 10). Migration 0012 carries the one into the other, so a value an editor
// marks illustrative never leaves as fact.
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { getJson } from "../helpers/http.ts";

const row = (id: number) =>
  env.DB.prepare("SELECT provenance, field_provenance FROM products WHERE id = ?")
    .bind(id)
    .first<{ provenance: string; field_provenance: string }>();

describe("an editor's sample flags reach the provenance model", () => {
  it("a product written with sample = 1 is illustrative, and left out of the public list", async () => {
    const producer = await env.DB.prepare(
      "SELECT id FROM producers WHERE provenance = 'sourced' LIMIT 1",
    ).first<{
      id: number;
    }>();
    await env.DB.prepare(
      `INSERT INTO products (id, slug, producer_id, name_vi, name_en, product_group, category_vi, category_en, sort_vi, sort_en, sources, sample, sample_fields, packaging)
       VALUES (9901, 'bridge-mau', ?, 'Mẫu cầu nối', 'Bridge sample', 'processed_food', 'Thử', 'Test', 'bridge', 'bridge', '["https://example.org/a"]', 1, '[]', '[]')`,
    )
      .bind(producer?.id)
      .run();
    expect((await row(9901))?.provenance).toBe("illustrative");
    const list = await getJson("/api/v1/products?q=bridge&limit=100");
    expect(list.body.data.map((p: { slug: string }) => p.slug)).not.toContain("bridge-mau");
    const included = await getJson("/api/v1/products?q=bridge&limit=100&include=illustrative");
    expect(included.body.data.map((p: { slug: string }) => p.slug)).toContain("bridge-mau");
  });

  it("fields and packs an editor marks become illustrative fields; clearing the flag makes the record sourced", async () => {
    const producer = await env.DB.prepare(
      "SELECT id FROM producers WHERE provenance = 'sourced' LIMIT 1",
    ).first<{
      id: number;
    }>();
    await env.DB.prepare(
      `INSERT INTO products (id, slug, producer_id, name_vi, name_en, product_group, category_vi, category_en, sort_vi, sort_en, sources, sample, sample_fields, packaging)
       VALUES (9902, 'bridge-truong', ?, 'Trường cầu nối', 'Bridge fields', 'processed_food', 'Thử', 'Test', 'bridge', 'bridge', '["https://example.org/a"]', 0, '["description_vi"]', '[{"label":"Gói","netWeightG":500,"priceVnd":70000,"sample":true}]')`,
    )
      .bind(producer?.id)
      .run();
    let r = await row(9902);
    expect(r?.provenance).toBe("sourced");
    expect(JSON.parse(r?.field_provenance ?? "{}")).toEqual({
      description_vi: "illustrative",
      packaging: "illustrative",
    });
    await env.DB.prepare("UPDATE products SET sample_fields = '[]', packaging = '[]' WHERE id = 9902").run();
    r = await row(9902);
    expect(JSON.parse(r?.field_provenance ?? "{}")).toEqual({});
    await env.DB.prepare("UPDATE products SET sample = 1 WHERE id = 9902").run();
    expect((await row(9902))?.provenance).toBe("illustrative");
    await env.DB.prepare("UPDATE products SET sample = 0 WHERE id = 9902").run();
    expect((await row(9902))?.provenance).toBe("sourced");
  });

  it("leaves the seed's own provenance alone (inferred fields stay inferred)", async () => {
    const inferred = await env.DB.prepare(
      "SELECT count(*) AS n FROM products WHERE field_provenance LIKE '%inferred%' OR provenance = 'inferred'",
    ).first<{ n: number }>();
    const recognitions = await env.DB.prepare(
      "SELECT count(*) AS n FROM recognitions WHERE provenance = 'inferred' OR field_provenance LIKE '%inferred%'",
    ).first<{ n: number }>();
    expect((inferred?.n ?? 0) + (recognitions?.n ?? 0)).toBeGreaterThan(0);
  });
});
