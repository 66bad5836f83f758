// Budget: no per-row queries. D1 round trips per request stay the same when results grow from a handful of rows
// to hundreds (the synthetic rows are illustrative, as sample rows must be, so the reads include them; the bundle-size budget is scripts/budget.ts, also run by `npm test`).
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { costOf } from "../../helpers/d1.ts";
import { call } from "../../helpers/http.ts";

const EXTRA = 300;

/** Grows this file's database: EXTRA synthetic products of one new producer, each listed at every channel. */
beforeAll(async () => {
  const channels = await env.DB.prepare("SELECT id FROM channels").all<{ id: number }>();
  const stmts = [
    env.DB.prepare(
      "INSERT INTO producers (id, slug, name, legal_type, district, district_slug, sample) VALUES (9000, 'tong-hop-ngan-sach', 'HTX tổng hợp (thử ngân sách)', 'cooperative', 'Nguyên Bình', 'nguyen-binh', 1)",
    ),
  ];
  for (let i = 0; i < EXTRA; i++) {
    const id = 9000 + i;
    stmts.push(
      env.DB.prepare(
        "INSERT INTO products (id, slug, producer_id, name_vi, name_en, product_group, category_vi, category_en, sort_vi, sort_en, sample) VALUES (?, ?, 9000, ?, ?, 'processed_food', 'Miến dong', 'Vermicelli', ?, ?, 1)",
      ).bind(
        id,
        `tong-hop-${i}`,
        `Miến dong tổng hợp ${i}`,
        `Synthetic vermicelli ${i}`,
        `mien dong tong hop ${i}`,
        `synthetic ${i}`,
      ),
      env.DB.prepare(
        "INSERT INTO recognitions (product_id, scheme, stars, year, title_vi, title_en, source_url, sample) VALUES (?, 'ocop', 3, 2024, 'OCOP 3 sao (tổng hợp)', 'OCOP 3 stars (synthetic)', 'synthetic:test', 1)",
      ).bind(id),
      ...(channels.results ?? []).map((c) =>
        env.DB.prepare(
          "INSERT INTO listings (product_id, channel_id, status, sample) VALUES (?, ?, 'in_stock', 1)",
        ).bind(id, c.id),
      ),
    );
  }
  for (let i = 0; i < stmts.length; i += 200) await env.DB.batch(stmts.slice(i, i + 200));
});

/** Round trips counted by a witness around the D1 binding (not the Worker's own header). */
async function roundTrips(path: string, init?: RequestInit) {
  const { res, trips } = await costOf(path, init);
  expect(res.status, path).toBeLessThan(400);
  return trips;
}

describe("round trips stay constant as results grow", () => {
  it.each([
    [
      "a page of 1 vs a page of 100",
      "/api/v1/products?limit=1&include=illustrative",
      "/api/v1/products?limit=100&include=illustrative",
    ],
    [
      "a narrow search vs one matching hundreds",
      "/api/v1/products?q=lap%20suon&include=illustrative",
      "/api/v1/products?q=mien%20dong&limit=100&include=illustrative",
    ],
    [
      "few vs hundreds of rows behind the facets",
      "/api/v1/products?group=handicraft&include=illustrative",
      "/api/v1/products?group=processed_food&scheme=ocop&limit=100&include=illustrative",
    ],
    [
      "a producer with one product vs hundreds",
      "/api/v1/producers/htx-tam-hoa?include=illustrative",
      "/api/v1/producers/tong-hop-ngan-sach?include=illustrative",
    ],
    [
      "a channel's listings, few vs hundreds",
      "/api/v1/channels/xuat-khau-hoa-ky?include=illustrative",
      "/api/v1/channels/aeon?include=illustrative",
    ],
    [
      "product detail",
      "/api/v1/products/khau-sli-na-giang?include=illustrative",
      "/api/v1/products/tong-hop-7?include=illustrative",
    ],
  ])("%s", async (_what, small, large) => {
    const few = await roundTrips(small);
    expect(few).toBe(1);
    expect(await roundTrips(large)).toBe(few);
  });

  it("answers a current revalidation in one round trip, however large the result", async () => {
    const path = "/api/v1/products?q=mien%20dong&limit=100";
    const etag = (await call(path)).headers.get("etag") ?? "";
    const { res, trips } = await costOf(path, { headers: { "If-None-Match": etag } });
    expect(res.status).toBe(304);
    expect(trips).toBe(1);
  });
});
