// A fresh mirror of the whole catalogue in a handful of requests: `expand=record` puts each upserted entity's
// current record on its change-feed entry, read in the same D1 round trip as the page.
import { describe, expect, it } from "vitest";
import { costOf } from "../../helpers/d1.ts";
import { call, getJson } from "../../helpers/http.ts";
import { createKey, listing, send } from "../../helpers/retail.ts";

/** What the product's detail embeds, which the feed carries as entries of their own (producer as its slug). */
const EMBEDDED = ["producer", "recognitions", "listings", "support_projects", "related"];

/** The whole feed from the beginning with `query`: every entry, and how many requests it took. */
async function readAll(query: string) {
  const entries: any[] = [];
  let requests = 0;
  let cursor = "";
  for (;;) {
    const { status, body } = await getJson(`/api/v1/changes?${query}${cursor ? `&cursor=${cursor}` : ""}`);
    expect(status).toBe(200);
    requests++;
    entries.push(...body.data);
    cursor = body.page.next_cursor;
    if (!body.page.has_more) return { entries, requests };
  }
}

/** The last entry of each key: what a mirror keeps. */
const latest = (entries: any[]) => new Map(entries.map((e) => [`${e.entity}:${e.key}`, e]));

describe("GET /changes?expand=record", () => {
  it("gives a fresh mirror every record as its href does, in one request at the seed size", async () => {
    const { key } = await createKey("aeon", "expand");
    // A listing and a tombstone, so the feed holds every kind of entry.
    const [a, b] = (await getJson("/api/v1/products?limit=2&sort=name")).body.data.map((p: any) => p.slug);
    const at = (slug: string) => `/api/v1/channels/aeon/listings/${slug}`;
    expect((await send("PUT", at(a), key, listing())).status).toBeLessThan(300);
    expect((await send("PUT", at(b), key, listing({ price_vnd: 1 }))).status).toBeLessThan(300);
    expect((await send("DELETE", at(b), key)).status).toBe(204);

    for (const include of ["", "&include=illustrative"]) {
      const { entries, requests } = await readAll(`expand=record&limit=1000${include}`);
      expect(requests).toBe(1);
      const mirror = latest(entries);
      expect(new Set([...mirror.values()].map((e) => e.entity))).toEqual(
        new Set(["product", "producer", "recognition", "listing"]),
      );
      for (const e of mirror.values()) {
        if (e.op === "delete") {
          expect(e.record, e.key).toBeNull();
          continue;
        }
        // The record is read with the feed's own opt-in: compare it with the href read the same way.
        const url = include && !e.href.includes("?") ? `${e.href}?include=illustrative` : e.href;
        const { status, body } = await getJson(url);
        expect(status, e.href).toBe(200);
        if (e.entity === "product") {
          const own = Object.fromEntries(Object.entries(body).filter(([k]) => !EMBEDDED.includes(k)));
          expect(e.record, e.key).toEqual({
            ...own,
            producer: { slug: body.producer.slug, name: body.producer.name },
          });
        } else if (e.entity === "producer") {
          const own = Object.fromEntries(
            Object.entries(body).filter(
              ([k]) => !["products", "recognitions", "support_projects"].includes(k),
            ),
          );
          expect(e.record, e.key).toEqual(own);
        } else expect(e.record, e.href).toEqual(body);
      }
    }
  });

  it("reads the records in the page's one D1 round trip", async () => {
    const { res, trips } = await costOf("/api/v1/changes?expand=record&limit=1000&include=illustrative");
    expect(res.status).toBe(200);
    const body = JSON.parse(await res.text());
    expect(body.data.filter((e: any) => e.record).length).toBeGreaterThan(100);
    expect(trips).toBe(1);
  });

  it("leaves entries as they were without expand", async () => {
    const { body } = await getJson("/api/v1/changes?limit=5");
    for (const e of body.data) expect(Object.keys(e)).not.toContain("record");
    expect((await call("/api/v1/changes?expand=everything")).status).toBe(400);
  });
});
