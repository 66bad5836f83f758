// One D1 round trip per request, on every route: API reads, conditional GETs (current and stale If-None-Match),
// the change feed, the full feeds, writes, the pages, the sitemap. Counted by a witness around the D1 binding
// (test/helpers/d1.ts), not read from the `x-d1-round-trips` header the Worker writes; the header must agree.
import { beforeAll, describe, expect, it } from "vitest";
import { costOf } from "../../helpers/d1.ts";
import { call } from "../../helpers/http.ts";
import { createKey, listing } from "../../helpers/retail.ts";

let key: string;
const listingPath = "/api/v1/channels/aeon/listings/lap-suon-thit-hun-khoi-tam-hoa"; // seeded at AEON
// The seeded listing is illustrative: reads ask for it.
const listingRead = `${listingPath}?include=illustrative`;

beforeAll(async () => {
  ({ key } = await createKey("aeon"));
});

async function expectOneTrip(path: string, init?: RequestInit, status?: number) {
  const { res, trips } = await costOf(path, init);
  if (status !== undefined) expect(res.status, path).toBe(status);
  else expect(res.status, path).toBeLessThan(400);
  expect(trips, `${path} → ${res.status}`).toBe(1);
  expect(res.headers.get("x-d1-round-trips") ?? "1", `${path}: the header tells the truth`).toBe(
    String(trips),
  );
  return res;
}

const apiReads = [
  "/api/v1/products?limit=1",
  "/api/v1/products?limit=100&sort=name",
  "/api/v1/products?q=mien%20dong&tier=provincial&group=processed_food",
  "/api/v1/products/lap-suon-thit-hun-khoi-tam-hoa",
  "/api/v1/producers?limit=100",
  "/api/v1/producers/htx-tam-hoa",
  "/api/v1/channels",
  "/api/v1/channels/aeon",
  "/api/v1/recognitions?limit=100",
  "/api/v1/programme",
  "/api/v1/kinds",
  "/api/v1/kinds/mien-dong",
  "/api/v1/changes",
  "/api/v1/changes?limit=1000",
  "/api/v1/feeds/products.csv",
  "/api/v1/feeds/products.ndjson",
  listingRead,
];

const pages = [
  "/",
  "/en",
  "/san-pham",
  "/en/products?q=mien&tier=provincial&sort=name",
  "/san-pham/lap-suon-thit-hun-khoi-tam-hoa",
  "/en/products/lap-suon-thit-hun-khoi-tam-hoa",
  "/co-so",
  "/en/producers/htx-tam-hoa",
  "/kenh-phan-phoi",
  "/en/channels/aeon",
  "/cong-nhan",
  "/en/programme",
  "/loai",
  "/en/kinds/che-giao-co-lam",
  "/san-pham?q=giao%20co%20lam",
  "/sitemap.xml",
];

describe("reads", () => {
  it.each(apiReads)("GET %s costs one round trip", async (path) => {
    await expectOneTrip(path, undefined, 200);
  });

  it.each(pages)("page %s costs one round trip", async (path) => {
    await expectOneTrip(path, undefined, 200);
  });

  it("the change feed's next page (with `since`) costs one round trip", async () => {
    const first = await (await call("/api/v1/changes?limit=5")).json<{ page: { next_cursor: string } }>();
    await expectOneTrip(`/api/v1/changes?limit=5&since=${encodeURIComponent(first.page.next_cursor)}`);
  });

  it("a 404 for an unknown slug costs one round trip", async () => {
    await expectOneTrip("/api/v1/products/khong-co-san-pham-nay", undefined, 404);
    await expectOneTrip("/san-pham/khong-co-san-pham-nay", undefined, 404);
  });
});

describe("conditional GETs", () => {
  it.each([...apiReads, ...pages])(
    "%s: a current If-None-Match is a 304 for one round trip",
    async (path) => {
      const etag = (await call(path)).headers.get("etag");
      expect(etag, path).toBeTruthy();
      await expectOneTrip(path, { headers: { "if-none-match": etag ?? "" } }, 304);
    },
  );

  it.each([...apiReads, ...pages])(
    "%s: a stale If-None-Match gets the 200 in one round trip",
    async (path) => {
      const stale = ['W/"src.1"', '"l1v1c20200101000000000"', 'W/"feed-csv-1"', '"0123456789abcdef"'].join(
        ", ",
      );
      await expectOneTrip(path, { headers: { "if-none-match": stale } }, 200);
    },
  );
});

describe("writes", () => {
  it("PUT, a conditional PUT, a 412 and DELETE each cost one round trip", async () => {
    const auth = { authorization: `Bearer ${key}`, "content-type": "application/json" };
    const put = await expectOneTrip(listingPath, {
      method: "PUT",
      headers: auth,
      body: JSON.stringify(listing({ price_vnd: 190000 })),
    });
    const etag = put.headers.get("etag") ?? "";
    await expectOneTrip(listingPath, {
      method: "PUT",
      headers: { ...auth, "if-match": etag },
      body: JSON.stringify(listing({ price_vnd: 190500 })),
    });
    await expectOneTrip(
      listingPath,
      { method: "PUT", headers: { ...auth, "if-match": etag }, body: JSON.stringify(listing()) },
      412,
    );
    await expectOneTrip(listingPath, { method: "DELETE", headers: auth }, 204);
  });

  it("a bulk write of every product's listing costs one round trip", async () => {
    const products = (
      await (
        await call("/api/v1/products?limit=100&include=illustrative")
      ).json<{ data: { slug: string }[] }>()
    ).data;
    expect(products.length).toBeGreaterThanOrEqual(20);
    const items = products.map((p, i) => ({ product: p.slug, ...listing({ price_vnd: 1000 + i }) }));
    await expectOneTrip("/api/v1/channels/aeon/listings/bulk", {
      method: "POST",
      headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
      body: JSON.stringify({ items }),
    });
  });

  it("a refused key costs at most one round trip", async () => {
    const { res, trips } = await costOf(listingPath, {
      method: "PUT",
      headers: { authorization: `Bearer cnnt_${"0".repeat(48)}`, "content-type": "application/json" },
      body: JSON.stringify(listing()),
    });
    expect(res.status).toBe(401);
    expect(trips).toBeLessThanOrEqual(1);
  });
});
