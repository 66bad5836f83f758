// A search's first page is cut from the best-ranked matches only (src/catalogue/products/products.queries.ts): it must be exactly
// the page that ranking every match gives, ties at the cut included, and its cursor must continue where it ends.
import { describe, expect, it } from "vitest";
import { getJson } from "../helpers/http.ts";

const EVERY_GROUP = "group=handicraft,processed_food,machinery,other";
const slugs = (body: { data: { slug: string }[] }) => body.data.map((p) => p.slug);

describe("search: the first page from the best ranks only", () => {
  it.each([
    ["mien", ""],
    ["mien dong", ""],
    ["tra", ""],
    ["chieu", ""],
    ["cao bang", ""],
    // Illustrative products included: real ones first whatever their rank, so the cut is by (illustrative, rank).
    ["quang hoa", "&include=illustrative"],
    ["cnnt", "&include=illustrative"],
  ])(
    "q=%s%s: every page size gives the head of the full ranking, and the cursor continues it",
    async (text, include) => {
      const q = `${encodeURIComponent(text)}${include}`;
      // The reference ranks every match: a filter every product passes turns the cut off.
      const full = await getJson(`/api/v1/products?q=${q}&${EVERY_GROUP}&limit=100`);
      expect(full.status).toBe(200);
      const all = slugs(full.body);
      expect(all.length).toBeGreaterThan(0);
      if (include) {
        // Both kinds match, so "real first" really reorders the ranking.
        const states = new Set(
          full.body.data.map(
            (p: { provenance: { record: string } }) => p.provenance.record === "illustrative",
          ),
        );
        expect(states.size).toBe(2);
      }
      for (let limit = 1; limit <= Math.min(6, all.length); limit++) {
        const page = await getJson(`/api/v1/products?q=${q}&limit=${limit}`);
        expect(slugs(page.body)).toEqual(all.slice(0, limit));
        expect(page.body.page.total).toBe(full.body.page.total);
        const more = all.length > limit;
        expect(page.body.page.next_cursor !== null).toBe(more);
        if (more) {
          const cursor = encodeURIComponent(page.body.page.next_cursor);
          const next = await getJson(`/api/v1/products?q=${q}&limit=${limit}&cursor=${cursor}`);
          expect(slugs(next.body)).toEqual(all.slice(limit, 2 * limit));
        }
      }
    },
  );

  it("a search with a filter ranks only the filtered matches", async () => {
    const full = await getJson(`/api/v1/products?q=mien&${EVERY_GROUP}&limit=100`);
    const national = await getJson("/api/v1/products?q=mien&tier=national&limit=100");
    expect(slugs(national.body)).toEqual(
      full.body.data
        .filter((p: { tier: string }) => p.tier === "national")
        .map((p: { slug: string }) => p.slug),
    );
  });
});
