// The real catalogue (issue 15): every product ../shared/FACTS.md names is in it and found by an unaccented
// search; no real product carries a recognition, star count or year its source does not state; the sheets that
// add them (seed/imports) go through the editors' import as any editor's sheet would.
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { admin, body, createEditor } from "../editor/helpers.ts";
import { call, getJson, walk } from "../helpers/http.ts";
import { sheetRecords, sheets } from "../helpers/seed.ts";

/** Every product FACTS.md names, as a shopper would type it (no accents), and the product it must find. */
const NAMED_BY_FACTS: [string, string][] = [
  ["lap suon tam hoa", "lap-suon-thit-hun-khoi-tam-hoa"],
  ["thit hun khoi", "lap-suon-thit-hun-khoi-tam-hoa"],
  ["chieu truc 688", "chieu-truc-688"],
  ["mien dong tan viet a", "mien-dong-tan-viet-a"],
  ["bun kho cao tuyen", "bun-kho-cao-tuyen"],
  ["nam huong yen cong", "nam-huong-yen-cong"],
  ["mien dong cai bo", "mien-dong-cai-bo"],
  ["nep huong bao lac", "nep-huong-bao-lac"],
  ["danh tra", "danh-tra-kolia"],
  ["dinh tra", "dinh-tra-kolia"],
  ["khau sli na giang", "khau-sli-na-giang"],
  ["mien dong phia den", "mien-dong-phia-den"],
  ["bun kho ba sach hung dao", "bun-kho-ba-sach-hung-dao"],
  ["thach den le thuy", "thach-den-le-thuy"],
  ["hong tra", "hong-tra"],
  ["luc tra", "luc-tra"],
  ["tra o long", "tra-o-long"],
  ["nam huong viet truc mai", "nam-huong-viet-truc-mai"],
  ["ruou ngo dai hoang", "ruou-ngo-dai-hoang"],
  ["nho ha den cao bang", "nho-ha-den-cao-bang"],
  ["mat ong doan linh", "mat-ong-doan-linh"],
];

/**
 * What FACTS.md lets a real product hold, as `scheme level-or-stars year` with only the values its source states
 * (an inferred year or issuer is marked as inferred, so it is left out of the key). Anything else is invented.
 */
const STATED: Record<string, string[]> = {
  "lap-suon-thit-hun-khoi-tam-hoa": ["cnnt national"],
  // The indication is the craft's; that 688 may use it is inferred (the whole recognition is marked so).
  "chieu-truc-688": ["cnnt national", "geographical_indication"],
  "mien-dong-tan-viet-a": ["ocop 3 2020", "ocop 4 2023"],
  "nep-huong-bao-lac": ["ocop 3 2020"],
  "danh-tra-kolia": ["ocop 4"],
  "dinh-tra-kolia": ["ocop 4"],
  // Named as OCOP products with no stars and no year.
  "hong-tra": ["ocop"],
  "luc-tra": ["ocop"],
  "tra-o-long": ["ocop"],
  "nam-huong-viet-truc-mai": ["ocop"],
  "ruou-ngo-dai-hoang": ["ocop"],
  "nho-ha-den-cao-bang": ["ocop"],
  "mat-ong-doan-linh": ["ocop"],
};
const STARS_NOT_STATED = Object.entries(STATED)
  .filter(([, keys]) => keys.includes("ocop"))
  .map(([slug]) => slug);

type Rec = {
  id: number;
  product: { slug: string };
  scheme: string;
  level: string | null;
  stars: number | null;
  year: number | null;
  provenance: { record: string; fields: Record<string, string> };
};

describe("every product FACTS.md names", () => {
  it.each(NAMED_BY_FACTS)(
    "“%s” finds %s, a real product, in the API and on the catalogue page",
    async (q, slug) => {
      const { body: res } = await getJson(`/api/v1/products?q=${encodeURIComponent(q)}&limit=100`);
      const hit = (res.data as { slug: string; provenance: { record: string } }[]).find(
        (p) => p.slug === slug,
      );
      expect(hit, `${q} → ${slug}`).toBeDefined();
      expect(hit?.provenance.record).toBe("sourced");
      const html = await (await call(`/san-pham?q=${encodeURIComponent(q)}`)).text();
      expect(html).toContain(`href="/san-pham/${slug}"`);
    },
  );

  it("is seeded as a real record with an https source", async () => {
    const { results } = await env.DB.prepare(
      "SELECT slug, provenance, sources FROM products WHERE slug IN (SELECT value FROM json_each(?))",
    )
      .bind(JSON.stringify(NAMED_BY_FACTS.map(([, s]) => s)))
      .all<{ slug: string; provenance: string; sources: string }>();
    expect(new Set(results.map((r) => r.slug))).toEqual(new Set(NAMED_BY_FACTS.map(([, s]) => s)));
    for (const r of results) {
      expect(r.provenance, r.slug).toBe("sourced");
      expect(
        JSON.parse(r.sources).every((u: string) => u.startsWith("https://")),
        r.slug,
      ).toBe(true);
    }
  });
});

describe("no real product carries what its source does not state", () => {
  it("every recognition of a real product is one FACTS.md states, with only the stated stars and year", async () => {
    const { items } = await walk("/api/v1/recognitions?include=illustrative", 100);
    const found: Record<string, string[]> = {};
    for (const r of items as Rec[]) {
      if (r.provenance.record === "illustrative") continue;
      const sourcedYear = r.year !== null && !r.provenance.fields.year ? String(r.year) : "";
      const key = [r.scheme, r.level ?? r.stars ?? "", sourcedYear].filter(Boolean).join(" ");
      found[r.product.slug] = [...(found[r.product.slug] ?? []), key];
    }
    for (const keys of Object.values(found)) keys.sort();
    expect(found).toEqual(Object.fromEntries(Object.entries(STATED).map(([k, v]) => [k, [...v].sort()])));
  });

  it("unknown stars and years stay unknown: null in the API, no star count derived, “not stated” on the pages", async () => {
    for (const slug of STARS_NOT_STATED) {
      const { body: p } = await getJson(`/api/v1/products/${slug}`);
      expect(p.ocop_stars, slug).toBeNull();
      const ocop = (p.recognitions as Rec[]).filter((r) => r.scheme === "ocop");
      expect(ocop.length, slug).toBe(1);
      expect(ocop[0]).toMatchObject({ stars: null, year: null });
      const vi = await (await call(`/san-pham/${slug}`)).text();
      expect(vi).toContain("OCOP — số sao chưa được công bố");
      expect(vi).toContain("chưa rõ năm");
      // Its own recognitions (related products of the same category may well have stars).
      const recs =
        vi.match(/<ul class="recs">.*?<\/ul><\/div><\/li><\/ul>|<ul class="recs">.*?<\/ul>/s)?.[0] ?? "";
      expect(recs).toContain("OCOP — số sao chưa được công bố");
      expect(recs).not.toMatch(/OCOP [345] sao|★/);
      const en = await (await call(`/en/products/${slug}`)).text();
      expect(en).toContain("OCOP-certified, stars not stated");
      expect(en).toContain("year not stated");
      // JSON-LD says nothing it does not know: no rating, no date.
      const ld = [...vi.matchAll(/<script type="application\/ld\+json">(.*?)<\/script>/gs)].map((m) => m[1]);
      expect(ld.join("")).not.toMatch(/datePublished|ratingValue|"stars"/);
    }
    // Lists and cards say "OCOP, stars not stated" for them, and never for a product that is not OCOP.
    const { body: list } = await getJson("/api/v1/products?limit=100");
    for (const p of list.data as { slug: string; ocop: boolean; ocop_stars: number | null }[]) {
      const notStated = STARS_NOT_STATED.includes(p.slug);
      expect(p.ocop, p.slug).toBe(notStated || p.ocop_stars !== null);
      if (notStated) expect(p.ocop_stars, p.slug).toBeNull();
    }
    const cards = await (await call("/san-pham?scheme=ocop")).text();
    expect(cards.match(/OCOP — số sao chưa được công bố/g)?.length).toBe(STARS_NOT_STATED.length);
    const producerPage = await (await call("/en/producers/chu-the-hong-tra")).text();
    expect(producerPage).toContain("OCOP-certified, stars not stated");
    const row = await env.DB.prepare(
      "SELECT count(*) AS n FROM products WHERE slug IN (SELECT value FROM json_each(?)) AND ocop_stars <> 0",
    )
      .bind(JSON.stringify(STARS_NOT_STATED))
      .first<{ n: number }>();
    expect(row?.n).toBe(0);
  });
});

describe("the shipped sheets (seed/imports) through the editors' import", () => {
  let pub: Awaited<ReturnType<typeof createEditor>>;
  beforeAll(async () => {
    pub = await createEditor("sheets@example.vn", "publisher");
  });
  const importSheet = async (kind: "producers" | "products" | "recognitions", apply: boolean) => {
    const res = await admin(
      "POST",
      `/import?kind=${kind}${apply ? "&dry_run=false" : ""}`,
      pub.token,
      sheets[kind],
    );
    expect(res.status, `${kind} ${apply ? "apply" : "dry run"}`).toBe(200);
    return body(res);
  };
  /** A product's public detail and its producer's, without ids and timestamps (an import writes new ones). */
  const publicView = async (slug: string) => {
    const { body: p } = await getJson(`/api/v1/products/${slug}`);
    const { body: producer } = await getJson(`/api/v1/producers/${p.producer.slug}`);
    const volatile = new Set(["id", "created_at", "updated_at"]);
    return JSON.parse(JSON.stringify({ p, producer }, (k, v) => (volatile.has(k) ? undefined : v)));
  };

  it("the seed holds exactly what importing them holds: a dry run finds every row unchanged", async () => {
    for (const kind of ["producers", "products"] as const) {
      const report = await importSheet(kind, false);
      expect(report.counts, kind).toEqual({
        create: 0,
        update: 0,
        unchanged: sheetRecords(kind).length,
        refuse: 0,
      });
    }
  });

  it("imported into a catalogue without them: dry run plans a create per row, applying gives the seeded records", async () => {
    const products = sheetRecords("products").map((p) => p.slug);
    const producers = sheetRecords("producers").map((p) => p.slug);
    const before = await Promise.all(products.map(publicView));
    await env.DB.batch([
      env.DB.prepare(
        "DELETE FROM recognitions WHERE product_id IN (SELECT id FROM products WHERE slug IN (SELECT value FROM json_each(?)))",
      ).bind(JSON.stringify(products)),
      env.DB.prepare("DELETE FROM products WHERE slug IN (SELECT value FROM json_each(?))").bind(
        JSON.stringify(products),
      ),
      env.DB.prepare("DELETE FROM producers WHERE slug IN (SELECT value FROM json_each(?))").bind(
        JSON.stringify(producers),
      ),
    ]);
    for (const slug of products) expect((await call(`/api/v1/products/${slug}`)).status).toBe(404);

    for (const kind of ["producers", "products", "recognitions"] as const) {
      const dry = await importSheet(kind, false);
      const rows = sheetRecords(kind);
      expect(dry.counts, kind).toEqual({ create: rows.length, update: 0, unchanged: 0, refuse: 0 });
      expect(
        dry.rows.map((r: { row: number; action: string; reasons: unknown[] }) => [
          r.row,
          r.action,
          r.reasons,
        ]),
      ).toEqual(rows.map((_, i) => [i + 2, "create", []]));
      const applied = await importSheet(kind, true);
      expect(applied.applied, kind).toBe(true);
    }
    const after = await Promise.all(products.map(publicView));
    for (const [i, slug] of products.entries()) expect(after[i], slug).toEqual(before[i]);
    // And the import now holds them: importing again changes nothing.
    for (const kind of ["producers", "products"] as const)
      expect((await importSheet(kind, false)).counts.unchanged, kind).toBe(sheetRecords(kind).length);
  });
});

describe("editors say unknowns and provenance", () => {
  let pub: Awaited<ReturnType<typeof createEditor>>;
  beforeAll(async () => {
    pub = await createEditor("unknowns@example.vn", "publisher");
  });
  const ocop = (over: Record<string, unknown>) => ({
    product: "luc-tra",
    scheme: "ocop",
    title_vi: "OCOP",
    title_en: "OCOP",
    issuer: "UBND tỉnh Cao Bằng",
    source_url: "https://caobang.gov.vn/ocop",
    ...over,
  });

  it("an OCOP recognition needs its stars or an explicit not_stated; a year, or not_stated", async () => {
    const missing = await admin("POST", "/recognitions", pub.token, ocop({}));
    expect(missing.status).toBe(422);
    const params = (await body(missing)).invalid_params as { name: string; reason: string }[];
    expect(params.map((p) => p.name).sort()).toEqual(["stars", "year"]);
    expect(params.find((p) => p.name === "stars")?.reason).toMatch(/not_stated/);
    const zero = await admin("POST", "/recognitions", pub.token, ocop({ stars: 0, year: "not_stated" }));
    expect(zero.status).toBe(422);
    const said = await admin(
      "POST",
      "/recognitions",
      pub.token,
      ocop({ stars: "not_stated", year: "not_stated" }),
    );
    expect(said.status).toBe(201);
    const { key } = await body(said);
    expect((await admin("POST", "/products/luc-tra/publish", pub.token)).status).toBe(200);
    const { body: r } = await getJson(`/api/v1/recognitions?limit=100`);
    expect((r.data as Rec[]).find((x) => x.id === Number(key))).toMatchObject({ stars: null, year: null });
    // The export says it back as not_stated, so the sheet round-trips.
    const csv = await (await admin("GET", "/export/recognitions", pub.token)).text();
    expect(csv.split("\n").find((l) => l.startsWith(`${key},`))).toMatch(/,ocop,,not_stated,not_stated,/);
  });

  it("per-field provenance: an editor marks a value inferred and every output shows it; the old flags still work", async () => {
    const slug = "thach-den-le-thuy";
    const etag = (await admin("GET", `/products/${slug}`, pub.token)).headers.get("etag") ?? "";
    const patched = await admin(
      "PATCH",
      `/products/${slug}`,
      pub.token,
      { field_provenance: { description: "inferred" } },
      { "if-match": etag },
    );
    expect(patched.status).toBe(200);
    expect((await admin("POST", `/products/${slug}/publish`, pub.token)).status).toBe(200);
    const { body: p } = await getJson(`/api/v1/products/${slug}`);
    expect(p.provenance).toMatchObject({ record: "sourced", fields: { description: "inferred" } });
    expect(await (await call(`/san-pham/${slug}`)).text()).toContain('class="tag-inferred"');
    const csv = await (await admin("GET", "/export/products", pub.token)).text();
    expect(csv.split("\n").find((l) => l.startsWith(`${slug},`))).toContain(",sourced,description:inferred,");

    // Release 1's flag: sample=true makes the record illustrative (out of the public API), false makes it real.
    for (const [sample, status] of [
      [true, 404],
      [false, 200],
    ] as const) {
      const tag = (await admin("GET", `/products/${slug}`, pub.token)).headers.get("etag") ?? "";
      expect(
        (await admin("PATCH", `/products/${slug}`, pub.token, { sample }, { "if-match": tag })).status,
      ).toBe(200);
      expect((await admin("POST", `/products/${slug}/publish`, pub.token)).status).toBe(200);
      expect((await call(`/api/v1/products/${slug}`)).status, `sample=${sample}`).toBe(status);
    }
    // The inferred description survived both flips.
    expect((await getJson(`/api/v1/products/${slug}`)).body.provenance.fields).toEqual({
      description: "inferred",
    });
  });
});

describe("the province's figures beside what the catalogue holds", () => {
  it("the programme API and pages count real products only, never an unstated star as a star", async () => {
    const { body: prog } = await getJson("/api/v1/programme");
    expect(prog.catalogue_holds).toEqual({
      // Tân Việt Á (4★ at most), Danh Trà, Đinh Trà; nếp hương 3★; seven without stars.
      ocop: { total: 11, stars_3: 1, stars_4: 3, stars_5: 0, stars_not_stated: 7 },
      cnnt: { provincial: 0, regional: 0, national: 2 },
    });
    const vi = await (await call("/khuyen-cong")).text();
    expect(vi).toMatch(/data-reported="province_ocop_total">144</);
    expect(vi).toMatch(/data-held="ocop">11</);
    expect(vi).toMatch(/data-to-add="ocop">133</);
    expect(vi).toMatch(/data-held="ocop-not-stated">7</);
    expect(vi).toMatch(/data-held="cnnt-provincial">0</);
    expect(vi).toMatch(/data-to-add="cnnt-provincial">61</);
    expect(vi).toContain("Tỉnh báo cáo và danh mục đang có");
    const en = await (await call("/en/programme")).text();
    expect(en).toContain("What the province reports, and what this catalogue holds");
    expect(en).toContain("date not given");
    expect(en).not.toContain("không ghi thời điểm");
  });
});
