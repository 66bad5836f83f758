import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import worker from "../../src/index.ts";
import { call, getJson, PRODUCT_PARAMS, walk } from "../helpers/http.ts";

describe("GET /api/v1/products/{slug}", () => {
  it("returns the product with producer, recognitions, listings, support projects and sources", async () => {
    const { status, body } = await getJson("/api/v1/products/mien-dong-tan-viet-a");
    expect(status).toBe(200);
    expect(body.name).toBe("Miến dong Tân Việt Á");
    expect(body.producer).toMatchObject({
      slug: "htx-tan-viet-a",
      address: { commune: "Xã Minh Tâm", district: "Nguyên Bình" },
    });
    expect(
      body.recognitions.map((r: { scheme: string; stars: number; year: number }) => [
        r.scheme,
        r.stars,
        r.year,
      ]),
    ).toEqual([
      ["ocop", 4, 2023],
      ["ocop", 3, 2020],
    ]);
    expect(
      body.recognitions.every(
        (r: { verified: boolean; source_url: string }) => r.verified && r.source_url.startsWith("https://"),
      ),
    ).toBe(true);
    expect(body.ocop_stars).toBe(4);
    expect(body.tier).toBeNull();
    const exportListing = body.listings.find(
      (l: { channel: { slug: string } }) => l.channel.slug === "xuat-khau-hoa-ky",
    );
    expect(exportListing).toMatchObject({
      sample: false,
      status: "in_stock",
      provenance: { record: "sourced", fields: { status: "inferred" } },
    });
    // The chain listings are illustrative (the source never says who sells where): left out by default…
    expect(body.listings.map((l: { channel: { slug: string } }) => l.channel.slug)).toEqual([
      "xuat-khau-hoa-ky",
    ]);
    expect(body.sources.length).toBeGreaterThan(0);
    // …and so are the illustrative pack sizes and prices, named as withheld.
    expect(body.packaging).toEqual([]);
    expect(body.provenance).toMatchObject({ record: "sourced", withheld: ["packaging"] });
    const all = (await getJson("/api/v1/products/mien-dong-tan-viet-a?include=illustrative")).body;
    expect(
      all.listings.find((l: { channel: { slug: string } }) => l.channel.slug === "lotte-mart").provenance,
    ).toEqual({ record: "illustrative", fields: {} });
    expect(all.packaging.every((p: { sample: boolean }) => p.sample)).toBe(true);
    expect(all.provenance.fields.packaging).toBe("illustrative");
    expect(all.sample_fields).toContain("packaging");
    expect(body.related.map((r: { slug: string }) => r.slug)).toContain("mien-dong-cai-bo");
  });

  it("shows the national award and the producer's khuyến công support", async () => {
    const tamHoa = await getJson("/api/v1/products/lap-suon-thit-hun-khoi-tam-hoa?lang=en");
    expect(tamHoa.body.name).toBe("Tâm Hòa cured sausage and smoked pork");
    expect(tamHoa.body.recognitions[0]).toMatchObject({
      scheme: "cnnt",
      level: "national",
      verified: true,
      sample: false,
    });
    expect(tamHoa.body.recognitions[0].note).toMatch(/inferred/);
    const caiBo = await getJson("/api/v1/products/mien-dong-cai-bo");
    expect(caiBo.body.support_projects).toEqual([
      expect.objectContaining({ fund: "national", year: 2023, title: expect.stringContaining("miến dong") }),
    ]);
  });

  it("never gives a real producer a sample award", async () => {
    const { body } = await getJson("/api/v1/recognitions?limit=100&include=illustrative");
    expect(body.data.length).toBeGreaterThan(0);
    expect(body.data.some((r: { sample: boolean }) => r.sample)).toBe(true);
    expect(body.data.some((r: { sample: boolean }) => !r.sample)).toBe(true);
    for (const r of body.data) {
      const producer = await getJson(`/api/v1/producers/${r.producer.slug}?include=illustrative`);
      if (r.sample) expect(producer.body.sample, r.product.slug).toBe(true);
      else expect(r.source_url).toMatch(/^https?:\/\//);
    }
  });

  it("answers 404 for an unknown slug and 400 for a malformed one", async () => {
    const missing = await call("/api/v1/products/khong-co");
    expect(missing.status).toBe(404);
    expect(missing.headers.get("content-type")).toContain("application/problem+json");
    expect(await missing.json()).toMatchObject({ status: 404, detail: expect.stringContaining("khong-co") });
    const bad = await call("/api/v1/products/Bad%20Slug!");
    expect(bad.status).toBe(400);
    expect((await bad.json<{ invalid_params: { name: string }[] }>()).invalid_params[0]?.name).toBe("slug");
  });
});

describe("producers, channels, recognitions, programme", () => {
  it("lists producers with product counts and paginates them", async () => {
    const { body } = await getJson("/api/v1/producers?limit=100");
    // Real producers only by default (10 from src/seed/data.ts, 23 from the shipped sheets); the illustrative
    // profile with include=illustrative.
    expect(body.page.total).toBe(33);
    expect((await getJson("/api/v1/producers?limit=100&include=illustrative")).body.page.total).toBe(34);
    const tamHoa = body.data.find((p: { slug: string }) => p.slug === "htx-tam-hoa");
    expect(tamHoa).toMatchObject({
      product_count: 1,
      tier: "national",
      founded_year: 2012,
      legal_type: "cooperative",
    });
    const { items } = await walk("/api/v1/producers", 5);
    expect(items.map((p: { slug: string }) => p.slug)).toEqual(
      body.data.map((p: { slug: string }) => p.slug),
    );
    const nb = await getJson("/api/v1/producers?district=nguyen-binh");
    expect(
      nb.body.data.every((p: { address: { district: string } }) => p.address.district === "Nguyên Bình"),
    ).toBe(true);
  });

  it("shows a producer with products, recognitions and support", async () => {
    const { body } = await getJson("/api/v1/producers/cong-ty-tnhh-kolia-cao-bang");
    // Kolia's own two teas and its three main lines, which the seed once gave to three placeholders (issue 25).
    expect(body.products.map((p: { slug: string }) => p.slug).sort()).toEqual([
      "danh-tra-kolia",
      "dinh-tra-kolia",
      "hong-tra",
      "luc-tra",
      "tra-o-long",
    ]);
    expect(body.recognitions).toHaveLength(7);
    const cao = await getJson("/api/v1/producers/cong-ty-tnhh-bun-cao-tuyen");
    expect(cao.body.support_projects[0]).toMatchObject({ fund: "local", amount_vnd: 200_000_000 });
    expect((await call("/api/v1/producers/khong-co")).status).toBe(404);
  });

  it("lists at least four supermarket chains and what each stocks", async () => {
    const { body } = await getJson("/api/v1/channels");
    const chains = body.data.filter((c: { kind: string }) => c.kind === "supermarket_chain");
    expect(chains.map((c: { slug: string }) => c.slug)).toEqual([
      "go-big-c",
      "aeon",
      "winmart",
      "lotte-mart",
    ]);
    // AEON's listings are all illustrative: none by default, both (marked) when asked for.
    expect(body.data.find((c: { slug: string }) => c.slug === "aeon").listing_count).toBe(0);
    expect((await getJson("/api/v1/channels/aeon")).body.listings).toEqual([]);
    const all = (await getJson("/api/v1/channels?include=illustrative")).body;
    const aeon = await getJson("/api/v1/channels/aeon?lang=en&include=illustrative");
    expect(aeon.body.listings.length).toBe(
      all.data.find((c: { slug: string }) => c.slug === "aeon").listing_count,
    );
    expect(aeon.body.listings[0].provenance.record).toBe("illustrative");
    expect(aeon.body.listings[0].product).toHaveProperty("slug");
    expect(aeon.body.listings[0].channel.slug).toBe("aeon");
    expect((await call("/api/v1/channels/khong-co")).status).toBe(404);
  });

  it("filters recognitions by scheme, level and year", async () => {
    const national = await getJson("/api/v1/recognitions?scheme=cnnt&level=national");
    expect(national.body.data.map((r: { product: { slug: string } }) => r.product.slug).sort()).toEqual([
      "chieu-truc-688",
      "lap-suon-thit-hun-khoi-tam-hoa",
    ]);
    const ocop2020 = await getJson("/api/v1/recognitions?scheme=ocop&year=2020");
    // Miến dong Tân Việt Á, nếp hương Bảo Lạc, thạch đen Lê Thùy, Hồng Trà and Lục Trà.
    expect(ocop2020.body.data).toHaveLength(5);
    expect(
      ocop2020.body.data.every((r: { stars: number; year: number }) => r.stars === 3 && r.year === 2020),
    ).toBe(true);
    const all = await getJson("/api/v1/recognitions?limit=100");
    const { items } = await walk("/api/v1/recognitions", 4);
    expect(items.map((r: { id: number }) => r.id)).toEqual(all.body.data.map((r: { id: number }) => r.id));
    const years = all.body.data.map((r: { year: number | null }) => r.year ?? 0);
    expect(years).toEqual([...years].sort((a, b) => b - a));
  });

  it("reports the programme's figures with their source", async () => {
    const { body } = await getJson("/api/v1/programme");
    const fig = Object.fromEntries(body.figures.map((f: { key: string; value: number }) => [f.key, f.value]));
    expect(fig).toMatchObject({
      projects_total: 23,
      projects_national: 7,
      projects_local: 16,
      support_total: 4_360_000_000,
      support_national: 2_550_000_000,
      support_local: 1_810_000_000,
      investment_total: 15_200_000_000,
      counterpart_total: 10_800_000_000,
    });
    expect(body.figures.every((f: { source_url: string }) => f.source_url.startsWith("https://"))).toBe(true);
    expect(body.support_projects.length).toBe(3);
  });
});

describe("HTTP behaviour", () => {
  const endpoints = [
    "/api/v1/products",
    "/api/v1/products?q=mien%20dong&tier=national",
    "/api/v1/products/chieu-truc-688",
    "/api/v1/producers",
    "/api/v1/producers/htx-tam-hoa",
    "/api/v1/channels",
    "/api/v1/channels/go-big-c",
    "/api/v1/recognitions?scheme=ocop",
    "/api/v1/programme",
    "/api/v1/openapi.json",
  ];

  it.each(endpoints)(
    "%s has an ETag, answers 304 to If-None-Match, is cacheable and open to CORS GET",
    async (path) => {
      const res = await call(path, { headers: { Origin: "https://shop.example" } });
      expect(res.status).toBe(200);
      const etag = res.headers.get("etag");
      expect(etag).toMatch(/^(W\/)?"[^"]+"$/);
      expect(res.headers.get("cache-control")).toMatch(/public, max-age=\d+/);
      expect(res.headers.get("access-control-allow-origin")).toBe("*");
      const again = await call(path, { headers: { "If-None-Match": etag ?? "" } });
      expect(again.status).toBe(304);
      expect(await again.text()).toBe("");
      const other = await call(path, { headers: { "If-None-Match": '"stale"' } });
      expect(other.status).toBe(200);
    },
  );

  it("changes the ETag when the data changes", async () => {
    const before = (await call("/api/v1/products/khau-sli-na-giang")).headers.get("etag");
    // The writer reads its own write with its bookmark, as a client does (the response cache lets it through).
    const session = env.DB.withSession("first-primary");
    await session
      .prepare(
        "UPDATE products SET description_vi = description_vi || ' (cập nhật)' WHERE slug = 'khau-sli-na-giang'",
      )
      .run();
    const after = await call("/api/v1/products/khau-sli-na-giang", {
      headers: { "If-None-Match": before ?? "", "x-d1-bookmark": session.getBookmark() ?? "" },
    });
    expect(after.status).toBe(200);
    expect(after.headers.get("etag")).not.toBe(before);
  });

  it.each([
    ["/api/v1/products?limit=0", "limit"],
    ["/api/v1/products?limit=101", "limit"],
    ["/api/v1/products?limit=ten", "limit"],
    ["/api/v1/products?tier=gold", "tier"],
    ["/api/v1/products?sort=price", "sort"],
    ["/api/v1/products?lang=fr", "lang"],
    ["/api/v1/products?colour=red", "colour"],
    ["/api/v1/products?q=a&q=b", "q"],
    ["/api/v1/products?producer=Not%20A%20Slug", "producer"],
    ["/api/v1/recognitions?year=1800", "year"],
    ["/api/v1/recognitions?level=gold", "level"],
    ["/api/v1/producers/htx-tam-hoa?foo=1", "foo"],
  ])("%s is a 400 problem naming %s", async (path, name) => {
    const res = await call(path);
    expect(res.status).toBe(400);
    expect(res.headers.get("content-type")).toContain("application/problem+json");
    expect(res.headers.get("cache-control")).toBe("no-store");
    const problem = await res.json<{
      status: number;
      title: string;
      type: string;
      invalid_params: { name: string }[];
    }>();
    expect(problem).toMatchObject({ status: 400, title: "Bad Request" });
    expect(problem.invalid_params.map((p) => p.name)).toContain(name);
  });

  it("answers unknown paths with a 404 problem", async () => {
    const res = await call("/api/v1/nothing-here");
    expect(res.status).toBe(404);
    expect(res.headers.get("content-type")).toContain("application/problem+json");
  });
});

describe("cost: at most one D1 round trip per request", () => {
  /** An env whose D1 counts every round trip the Worker makes, independently of the Worker's own counter. */
  function countingEnv() {
    let trips = 0;
    const countStatement = (s: D1PreparedStatement): D1PreparedStatement =>
      new Proxy(s, {
        get(t, p) {
          const v = Reflect.get(t, p, t);
          if (p === "bind") return (...a: unknown[]) => countStatement(t.bind(...a));
          if (p === "first" || p === "all" || p === "run" || p === "raw")
            return (...a: unknown[]) => {
              trips++;
              return (v as (...x: unknown[]) => unknown).apply(t, a);
            };
          return typeof v === "function" ? v.bind(t) : v;
        },
      });
    const unwrap = new WeakMap<object, D1PreparedStatement>();
    const wrapSession = (session: D1DatabaseSession) => ({
      prepare: (q: string) => {
        const real = session.prepare(q);
        const proxied = countStatement(real);
        unwrap.set(proxied, real);
        return proxied;
      },
      batch: (stmts: D1PreparedStatement[]) => {
        trips++;
        return session.batch(stmts);
      },
      getBookmark: () => session.getBookmark(),
    });
    const DB = { withSession: (b?: string) => wrapSession(env.DB.withSession(b as D1SessionConstraint)) };
    return { env: { ...env, DB } as unknown as typeof env, trips: () => trips };
  }

  const paths = [
    "/api/v1/products?limit=1",
    "/api/v1/products?limit=100",
    "/api/v1/products?q=tra&district=nguyen-binh&tier=provincial&channel=lotte-mart&group=processed_food&scheme=cnnt",
    "/api/v1/products/lap-suon-thit-hun-khoi-tam-hoa",
    "/api/v1/producers?limit=100",
    "/api/v1/producers/co-so-banh-khao-mau?include=illustrative",
    "/api/v1/channels",
    "/api/v1/channels/aeon",
    "/api/v1/recognitions?limit=100",
    "/api/v1/programme",
  ];

  it.each(paths)("%s costs exactly one round trip, whatever the page size", async (path) => {
    const counting = countingEnv();
    const res = await worker.fetch(new Request(`http://localhost${path}`), counting.env, {
      waitUntil() {},
      passThroughOnException() {},
      props: {},
    } as unknown as ExecutionContext);
    expect(res.status).toBe(200);
    expect(counting.trips()).toBe(1);
    expect(res.headers.get("x-d1-round-trips")).toBe("1");
  });
});

describe("OpenAPI", () => {
  it("documents every endpoint as OpenAPI 3.1 with problem responses", async () => {
    const { status, body } = await getJson("/api/v1/openapi.json");
    expect(status).toBe(200);
    expect(body.openapi).toBe("3.1.0");
    expect(Object.keys(body.paths).sort()).toEqual([
      "/admin/audit",
      "/admin/channels",
      "/admin/channels/{slug}",
      "/admin/enquiries",
      "/admin/enquiries/{ref}",
      "/admin/enquiries/{ref}/erase",
      "/admin/export/{kind}",
      "/admin/import",
      "/admin/listings",
      "/admin/listings/{channel}/{product}",
      "/admin/listings/{channel}/{product}/check",
      "/admin/producers",
      "/admin/producers/{slug}",
      "/admin/producers/{slug}/photo",
      "/admin/producers/{slug}/publish",
      "/admin/products",
      "/admin/products/{slug}",
      "/admin/products/{slug}/photo",
      "/admin/products/{slug}/publish",
      "/admin/programme-figures",
      "/admin/programme-figures/{key}",
      "/admin/recognitions",
      "/admin/recognitions/{id}",
      "/admin/search/misses",
      "/admin/search/synonyms",
      "/admin/search/synonyms/{id}",
      "/admin/support-projects",
      "/admin/support-projects/{id}",
      "/changes",
      "/channels",
      "/channels/{channel}/listings/bulk",
      "/channels/{channel}/listings/{product}",
      "/channels/{channel}/webhooks",
      "/channels/{channel}/webhooks/{endpoint}",
      "/channels/{channel}/webhooks/{endpoint}/deliveries",
      "/channels/{channel}/webhooks/{endpoint}/ping",
      "/channels/{channel}/webhooks/{endpoint}/rotate-secret",
      "/channels/{slug}",
      "/enquiries",
      "/feeds/products.csv",
      "/feeds/products.ndjson",
      "/kinds",
      "/kinds/{slug}",
      "/producers",
      "/producers/{slug}",
      "/products",
      "/products/{slug}",
      "/programme",
      "/recognitions",
      "/recognitions/{id}",
    ]);
    const list = body.paths["/products"].get;
    expect(list.parameters.map((p: { name: string }) => p.name)).toEqual(
      expect.arrayContaining([...PRODUCT_PARAMS]),
    );
    expect(list.responses["400"].content["application/problem+json"]).toBeDefined();
  });

  it("serves interactive docs from this origin", async () => {
    const res = await call("/api/docs");
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain("/api/v1/openapi.json");
    expect(html).toContain("/vendor/scalar/standalone.js");
    expect(html).not.toMatch(/src="https?:\/\//);
    // Its own language, a way back to the site, and Scalar's upsell controls switched off.
    expect(html).toMatch(/<html lang="en">/);
    expect(html).toContain('<a href="/">');
    const config = JSON.parse(
      (/data-configuration='([^']*)'/.exec(html)?.[1] ?? "{}")
        .replaceAll("&#39;", "'")
        .replaceAll("&amp;", "&"),
    );
    expect(config).toMatchObject({
      agent: { disabled: true },
      mcp: { disabled: true },
      showDeveloperTools: "never",
    });
  });
});
