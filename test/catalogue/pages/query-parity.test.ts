// The catalogue page and GET /api/v1/products read one query string the same way (issue 21: "catalogue query
// parsing shared by the API and the pages"): repeated and comma-separated values, spaces, repeats, sorts and the
// examples switch give the page the products the API lists for the same query, in the same order. Where the API
// answers 400 (a value it does not know), the page drops that value and lists what the API lists without it.
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { call, getJson } from "../../helpers/http.ts";

/** The page's product cards (the catalogue shows 12 a page), in order. */
async function pageSlugs(query: string) {
  const res = await call(`/san-pham${query ? `?${query}` : ""}`);
  expect(res.status, query).toBe(200);
  const html = await res.text();
  const main = html.slice(html.indexOf("<main"), html.indexOf("</main>"));
  return [
    ...main.matchAll(
      /<h[23] class="card-title"><a href="\/san-pham\/([a-z0-9-]+)(?:\?include=illustrative)?"/g,
    ),
  ].map((m) => m[1]);
}

async function apiSlugs(query: string) {
  const { status, body } = await getJson(`/api/v1/products?limit=12${query ? `&${query}` : ""}`);
  expect(status, query).toBe(200);
  return (body.data as { slug: string }[]).map((p) => p.slug);
}

const one = async (sql: string) => (await env.DB.prepare(sql).first<{ slug: string }>())?.slug ?? "";

describe("the catalogue page reads its query as the API does", () => {
  it.each([
    "",
    "tier=national&tier=regional",
    "tier=national,regional",
    "tier= national ,regional&tier=national",
    "scheme=ocop&sort=name",
    "scheme=ocop,cnnt&group=processed_food&sort=-name",
    "group=handicraft",
    "district=nguyen-binh",
    "q=mien dong",
    "q=tra&include=illustrative",
    "include=illustrative&sort=newest",
  ])("?%s", async (query) => {
    const api = await apiSlugs(query);
    expect(await pageSlugs(query)).toEqual(api);
  });

  it("the filters narrow what both list (else equality above proves little)", async () => {
    const all = await apiSlugs("");
    const national = await apiSlugs("tier=national");
    expect(all.length).toBe(12);
    expect(national.length).toBeGreaterThan(0);
    expect(national.length).toBeLessThan(all.length);
    expect(await pageSlugs("tier=national,regional")).toEqual(await pageSlugs("tier=regional&tier=national"));
  });

  it("a producer's slug filters the page as the API", async () => {
    const producer = await one(
      "SELECT pr.slug FROM producers pr JOIN products p ON p.producer_id = pr.id WHERE p.provenance <> 'illustrative' LIMIT 1",
    );
    const api = await apiSlugs(`producer=${producer}`);
    expect(api.length).toBeGreaterThan(0);
    expect(await pageSlugs(`producer=${producer}`)).toEqual(api);
  });

  it.each([
    ["tier=national&tier=bogus", "tier=national"],
    ["tier=national,bogus", "tier=national"],
    ["sort=cheapest", ""],
    ["producer=Not%20A%20Slug&district=nguyen-binh", "district=nguyen-binh"],
    ["group=food&scheme=ocop", "scheme=ocop"],
  ])("?%s: the API answers 400, the page drops the value and lists ?%s", async (bad, good) => {
    const { status, res } = await getJson(`/api/v1/products?${bad}`);
    expect(status).toBe(400);
    expect(res.headers.get("content-type")).toContain("application/problem+json");
    expect(await pageSlugs(bad)).toEqual(await apiSlugs(good));
  });
});
