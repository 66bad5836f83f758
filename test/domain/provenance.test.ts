// Provenance as machines read it: what the database holds is never read as stronger than it is, and a price made
// from a sample pack is marked (and withheld without include) wherever it is derived.
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { asProvenance, parseFieldProvenance } from "../../src/domain/provenance.ts";
import { call } from "../helpers/http.ts";

describe("states read from the database", () => {
  it("an unknown or missing state is the weakest, never promoted to fact", () => {
    for (const v of ["", "verified", "SOURCED", null, undefined, 1])
      expect(asProvenance(v)).toBe("illustrative");
    expect(parseFieldProvenance('{"price_vnd":"guessed","name":"inferred"}')).toEqual({
      price_vnd: "illustrative",
      name: "inferred",
    });
  });
});

describe("a price from a sample pack", () => {
  it("is illustrative in the full feeds: withheld without include, marked with it", async () => {
    // A real product whose only priced pack is a sample (an editor's example price).
    const slug = "khau-sli-na-giang";
    const real = await env.DB.prepare("SELECT provenance FROM products WHERE slug = ?")
      .bind(slug)
      .first<{ provenance: string }>();
    expect(real?.provenance).not.toBe("illustrative");
    // Its packaging field otherwise sourced: only the pack's sample flag makes the price illustrative.
    await env.DB.prepare("UPDATE products SET packaging = ?, field_provenance = '{}' WHERE slug = ?")
      .bind(JSON.stringify([{ label: "Gói 500 g", netWeightG: 500, priceVnd: 55000, sample: true }]), slug)
      .run();
    const row = async (query: string) => {
      const text = await (await call(`/api/v1/feeds/products.ndjson${query}`)).text();
      return text
        .trimEnd()
        .split("\n")
        .map((l) => JSON.parse(l))
        .find((r) => r.slug === slug);
    };
    const plain = await row("");
    expect([plain.price_from_vnd, plain.price_from_vnd_provenance]).toEqual([null, ""]);
    const all = await row("?include=illustrative");
    expect([all.price_from_vnd, all.price_from_vnd_provenance]).toEqual([55000, "illustrative"]);
  });
});

describe("an illustrative OCOP recognition", () => {
  it("does not make a real product OCOP-certified in the full feeds", async () => {
    const slug = "mien-dong-cai-bo";
    const row = async () => {
      const text = await (await call("/api/v1/feeds/products.ndjson")).text();
      return text
        .trimEnd()
        .split("\n")
        .map((l) => JSON.parse(l))
        .find((r) => r.slug === slug);
    };
    const before = await row();
    expect(before?.provenance).not.toBe("illustrative");
    expect(before?.ocop).toBe(false);
    await env.DB.prepare(
      `INSERT INTO recognitions (product_id, scheme, stars, title_vi, title_en, source_url, provenance)
       SELECT id, 'ocop', 4, 'OCOP 4 sao (minh hoạ)', 'OCOP 4 stars (illustrative)', 'https://example.org/ocop', 'illustrative'
       FROM products WHERE slug = ?`,
    )
      .bind(slug)
      .run();
    expect((await row())?.ocop).toBe(false);
  });
});
