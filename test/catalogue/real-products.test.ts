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
  ["nho ha den cao bang", "nho-ha-den-cao-bang"],
  ["mat ong doan linh", "mat-ong-doan-linh"],
  // Issue 25 (FACTS.md, "Corrections and more real products").
  ["dao minh tuan", "dao-minh-tuan"],
  ["duong phen bo to", "duong-phen-bo-to"],
  ["thach den hang hoang", "thach-den-hang-hoang"],
  ["gao nep ong trung khanh", "gao-nep-ong-trung-khanh"],
  ["ruou ngo dai hoang cao bang", "ruou-ngo-dai-hoang-cao-bang"],
  ["ruou ngo dai hoang long phung", "ruou-ngo-dai-hoang-long-phung"],
  ["ruou ngo dai hoang tien tuu", "ruou-ngo-dai-hoang-tien-tuu"],
  ["tra xanh tai ho sin", "tra-xanh-tai-ho-sin"],
  ["mat ong rung tu nhien hoang tung", "mat-ong-rung-tu-nhien-hoang-tung"],
  ["ruou gao nhat cao bang", "ruou-gao-nhat-cao-bang"],
  ["gao nhat cao bang", "gao-nhat-cao-bang"],
  ["com chay huy hoang", "com-chay-huy-hoang"],
  ["bun trang kho co luyen", "bun-trang-kho-co-luyen"],
  ["bun cam kho co luyen", "bun-cam-kho-co-luyen"],
  ["mien dong cuong yen", "mien-dong-cuong-yen"],
  ["ruou ngo binh long", "ruou-ngo-binh-long"],
  ["thach den su hao", "thach-den-su-hao"],
  ["mat ong hoa tu nhien binh duong", "mat-ong-hoa-tu-nhien-binh-duong"],
];

/**
 * What FACTS.md lets a real product hold, as `scheme level-or-stars year` with only the values its source states
 * (an inferred year or issuer is marked as inferred, so it is left out of the key). Anything else is invented.
 */
const STATED: Record<string, string[]> = {
  // National CNNT-TB (year inferred); OCOP 4 stars in a 2023 caption, year not stated.
  "lap-suon-thit-hun-khoi-tam-hoa": ["cnnt national", "ocop 4"],
  // The indication is the craft's; that 688 may use it is inferred (the whole recognition is marked so).
  "chieu-truc-688": ["cnnt national", "geographical_indication"],
  "mien-dong-tan-viet-a": ["ocop 3 2020", "ocop 4 2023"],
  "nep-huong-bao-lac": ["ocop 3 2020"],
  "danh-tra-kolia": ["ocop 4"],
  "dinh-tra-kolia": ["ocop 4"],
  // Kolia's lines: 3 stars in the 2020 round (Hồng Trà, Lục Trà), all three 4 stars (year not stated).
  "hong-tra": ["ocop 3 2020", "ocop 4"],
  "luc-tra": ["ocop 3 2020", "ocop 4"],
  "tra-o-long": ["ocop 4"],
  "thach-den-le-thuy": ["ocop 3 2020"],
  "mat-ong-doan-linh": ["ocop 3 2021"],
  "nam-huong-viet-truc-mai": ["ocop 4"],
  "ruou-ngo-dai-hoang-cao-bang": ["ocop 4"],
  "ruou-ngo-dai-hoang-long-phung": ["ocop 4"],
  "ruou-ngo-dai-hoang-tien-tuu": ["ocop 4"],
  ...Object.fromEntries(
    [
      "tra-xanh-tai-ho-sin",
      "mat-ong-rung-tu-nhien-hoang-tung",
      "ruou-gao-nhat-cao-bang",
      "gao-nhat-cao-bang",
      "com-chay-huy-hoang",
      "bun-trang-kho-co-luyen",
      "bun-cam-kho-co-luyen",
      "mien-dong-cuong-yen",
      "ruou-ngo-binh-long",
      "thach-den-su-hao",
      "mat-ong-hoa-tu-nhien-binh-duong",
    ].map((slug) => [slug, ["ocop 3"]]),
  ),
  // Named as OCOP products with no stars and no year ("từ 3 sao trở lên" is not a star count).
  "dao-minh-tuan": ["ocop"],
  "duong-phen-bo-to": ["ocop"],
  "thach-den-hang-hoang": ["ocop"],
  "gao-nep-ong-trung-khanh": ["ocop"],
  "nho-ha-den-cao-bang": ["ocop"],
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
    // Each one's card (found by its name) says so; the catalogue's first page holds 12 cards, not all of them.
    for (const slug of STARS_NOT_STATED) {
      const page = await (await call(`/san-pham?q=${slug.replaceAll("-", "%20")}`)).text();
      const card = page
        .split('<article class="card product-card">')
        .find((c) => c.includes(`href="/san-pham/${slug}"`));
      expect(card, slug).toContain("OCOP — số sao chưa được công bố");
    }
    const producerPage = await (await call("/en/producers/chu-the-nho-ha-den-cao-bang")).text();
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
      // 4★ at most: Tân Việt Á, Danh Trà, Đinh Trà, lạp sườn Tâm Hòa, Kolia's three lines, Việt Trúc Mai, the three
      // Đại Hoàng liquors; 3★: nếp hương, thạch đen Lê Thùy, mật ong Đoàn Linh and Hòa An's eleven; five without stars.
      ocop: { total: 30, stars_3: 14, stars_4: 11, stars_5: 0, stars_not_stated: 5 },
      cnnt: { provincial: 0, regional: 0, national: 2 },
    });
    const vi = await (await call("/khuyen-cong")).text();
    expect(vi).toMatch(/data-reported="province_ocop_total">144</);
    expect(vi).toMatch(/data-held="ocop">30</);
    expect(vi).toMatch(/data-to-add="ocop">114</);
    expect(vi).toMatch(/data-held="ocop-not-stated">5</);
    expect(vi).toMatch(/data-held="cnnt-provincial">0</);
    expect(vi).toMatch(/data-to-add="cnnt-provincial">61</);
    expect(vi).toContain("Tỉnh báo cáo và danh mục đang có");
    const en = await (await call("/en/programme")).text();
    expect(en).toContain("What the province reports, and what this catalogue holds");
    // The 97 products are counted "đến hết năm 2022" (vietnamnet 2172875), not "date not given".
    expect(vi).toContain("đến hết năm 2022");
    expect(en).toContain("to the end of 2022");
    expect(en).not.toContain("không ghi thời điểm");
    expect(vi).toContain("dược liệu và sản phẩm từ dược liệu");
  });
});

// FACTS.md, "Corrections and more real products" (issue 25): each correction, in the API and on the pages.
describe("corrections from the sources (FACTS.md, December 2026)", () => {
  const product = async (slug: string) => (await getJson(`/api/v1/products/${slug}`)).body;
  const pageOf = async (path: string) => {
    const res = await call(path);
    expect(res.status, path).toBe(200);
    return res.text();
  };
  // The seed's recognitions only: the editors' test above adds one of its own to Lục Trà (the sheets' test
  // re-imports the seed's, so ids do not tell them apart).
  const seeded = (r: Rec) => (r as Rec & { source_url: string }).source_url !== "https://caobang.gov.vn/ocop";
  const ocop = (p: { recognitions: Rec[] }) =>
    p.recognitions
      .filter((r) => r.scheme === "ocop" && seeded(r))
      .map((r) => `${r.stars ?? "?"}★ ${r.year ?? "?"}`)
      .sort();

  it("Hồng Trà, Lục Trà and Trà ô long are Kolia's: 3★ 2020 and 4★ (year not stated), the name match inferred; the placeholders are gone", async () => {
    for (const [slug, ratings] of [
      ["hong-tra", ["3★ 2020", "4★ ?"]],
      ["luc-tra", ["3★ 2020", "4★ ?"]],
      ["tra-o-long", ["4★ ?"]],
    ] as const) {
      const p = await product(slug);
      expect(p.producer.slug, slug).toBe("cong-ty-tnhh-kolia-cao-bang");
      expect(ocop(p), slug).toEqual(ratings);
      expect(p.description, slug).toContain("suy luận");
      const vi = await pageOf(`/san-pham/${slug}`);
      expect(vi).toContain('href="/co-so/cong-ty-tnhh-kolia-cao-bang"');
      expect(vi).toContain("là suy luận");
      expect(await pageOf(`/en/products/${slug}`)).toContain("is inferred");
    }
    for (const slug of ["chu-the-hong-tra", "chu-the-luc-tra", "chu-the-tra-o-long"])
      expect((await call(`/api/v1/producers/${slug}?include=illustrative`)).status, slug).toBe(404);
    // "Danh Trà" and "Đinh Trà": the source writes "Danh Tra", "Dinh Tra"; the diacritics are inferred.
    for (const slug of ["danh-tra-kolia", "dinh-tra-kolia"]) {
      expect((await product(slug)).description, slug).toContain("dấu tiếng Việt của tên là suy luận");
      expect(await pageOf(`/en/products/${slug}`), slug).toContain("diacritics of the name are inferred");
    }
  });

  it("Thạch đen Lê Thùy: the household of Nông Thị Lệ Thùy, Đông Khê, Thạch An; OCOP 3★ 2020", async () => {
    const p = await product("thach-den-le-thuy");
    expect(p.producer).toMatchObject({
      name: "Hộ kinh doanh Nông Thị Lệ Thùy",
      legal_type: "household_business",
      address: { commune: "Thị trấn Đông Khê", district: "Thạch An" },
    });
    expect(ocop(p)).toEqual(["3★ 2020"]);
    expect(await pageOf("/co-so/ho-kinh-doanh-nong-thi-le-thuy")).toContain("Nông Thị Lệ Thùy");
    expect((await call("/api/v1/producers/ho-kinh-doanh-thach-den-le-thuy")).status).toBe(404);
  });

  it("Mật ong Đoàn Linh: Ma Thị Kim Oanh's bee farm, Giang Sơn, Minh Tâm, Nguyên Bình; 3★ 2021; the caption quoted with “huyện”", async () => {
    const p = await product("mat-ong-doan-linh");
    expect(p.producer).toMatchObject({
      slug: "ma-thi-kim-oanh",
      legal_type: "unknown",
      address: { street: "Xóm Giang Sơn", commune: "Xã Minh Tâm", district: "Nguyên Bình" },
    });
    expect(ocop(p)).toEqual(["3★ 2021"]);
    expect(p.description).toContain("“(huyện Nguyên Bình)”");
    expect(await pageOf("/san-pham/mat-ong-doan-linh")).toContain("(huyện Nguyên Bình)");
  });

  it("Nấm hương Việt Trúc Mai: OCOP 4★ of Cơ sở sản xuất Trúc Mai; Lạp sườn Tâm Hòa: OCOP 4★, year not stated", async () => {
    const nam = await product("nam-huong-viet-truc-mai");
    expect(nam.producer.name).toBe("Cơ sở sản xuất Trúc Mai");
    expect(ocop(nam)).toEqual(["4★ ?"]);
    const lap = await product("lap-suon-thit-hun-khoi-tam-hoa");
    expect(ocop(lap)).toEqual(["4★ ?"]);
    expect(lap.ocop_stars).toBe(4);
    expect(await pageOf("/en/products/lap-suon-thit-hun-khoi-tam-hoa")).toContain("OCOP 4 stars");
  });

  it("“Rượu ngô Đại Hoàng” is ambiguous: the three 4★ Đại Hoàng liquors of Hòa An, by name, and not the bare name", async () => {
    expect((await call("/api/v1/products/ruou-ngo-dai-hoang?include=illustrative")).status).toBe(404);
    for (const slug of [
      "ruou-ngo-dai-hoang-cao-bang",
      "ruou-ngo-dai-hoang-long-phung",
      "ruou-ngo-dai-hoang-tien-tuu",
    ]) {
      const p = await product(slug);
      expect(ocop(p), slug).toEqual(["4★ ?"]);
      expect(p.sources).toContain(
        "https://nongthon.vietnamtourism.gov.vn/cao-bang-hoa-an-co-14-san-pham-ocop-cap-tinh",
      );
    }
  });

  it("Phia Đén made “gần” (nearly) 200 t, not “khoảng” (about)", async () => {
    const { body } = await getJson("/api/v1/producers/lang-nghe-mien-dong-phia-den");
    expect(body.description).toContain("gần 200 tấn");
    expect(body.description).not.toContain("khoảng 200");
    expect(await pageOf("/co-so/lang-nghe-mien-dong-phia-den")).toContain("gần 200 tấn");
    expect(await pageOf("/en/producers/lang-nghe-mien-dong-phia-den")).toContain("nearly 200 tonnes");
    expect(await pageOf("/san-pham/mien-dong-phia-den")).not.toContain("khoảng 200");
  });

  it("with the year unknown the issuer is unknown (districts certify 3★ from 2023); a 4★ rating's is the province, inferred", async () => {
    const { items } = await walk("/api/v1/recognitions", 100);
    const ocopRecs = (items as (Rec & { issuer: string | null })[]).filter(
      (r) => r.scheme === "ocop" && seeded(r),
    );
    for (const r of ocopRecs) {
      if (r.year === null && r.stars !== 4) expect(r.issuer, `${r.product.slug} ${r.id}`).toBeNull();
      if (r.issuer) expect(r.provenance.fields.issuer, `${r.product.slug} ${r.id}`).toBe("inferred");
    }
    expect(ocopRecs.some((r) => r.year === null && r.stars === 3)).toBe(true);
  });

  it("the “since 2017” fact of Tân Việt Á cites the page that states it", async () => {
    const p = await product("mien-dong-tan-viet-a");
    expect(p.description).toContain("2017");
    expect(p.sources).toContain(
      "https://thongtin.vietnam.vn/en/xay-dung-thuong-hieu-nong-san-chat-luong-cao",
    );
    expect(p.producer.sources).toContain(
      "https://thongtin.vietnam.vn/en/xay-dung-thuong-hieu-nong-san-chat-luong-cao",
    );
  });

  it("names composed from a producer's name are not brands: the product is named as the source does", async () => {
    for (const [slug, composed, named] of [
      ["chieu-truc-688", "Chiếu trúc 688", "Chiếu trúc của Công ty TNHH MTV 688"],
      ["mien-dong-cai-bo", "Miến dong Cai Bộ", "Miến dong của HTX nông nghiệp Cai Bộ"],
      ["nam-huong-yen-cong", "Nấm hương Yên Công", "Nấm hương của HTX nông nghiệp Yên Công"],
      ["bun-kho-cao-tuyen", "Bún khô Cao Tuyền", "Bún khô của Công ty TNHH Bún Cao Tuyền"],
    ] as const) {
      const p = await product(slug);
      expect(p.name, slug).toBe(named);
      expect(p.description, slug).toContain("nguồn không nêu tên thương hiệu");
      const vi = await pageOf(`/san-pham/${slug}`);
      expect(vi, slug).not.toContain(`>${composed}<`);
      expect(vi, slug).toContain(named);
    }
  });

  it("Yên Công's post-reform ward does not sit under a district that no longer exists", async () => {
    const { body } = await getJson("/api/v1/producers/htx-nong-nghiep-yen-cong");
    expect(body.address).toMatchObject({ commune: "Phường Thục Phán", as_of: "after_2025_reform" });
    for (const path of ["/co-so/htx-nong-nghiep-yen-cong", "/san-pham/nam-huong-yen-cong"]) {
      const html = await pageOf(path);
      expect(html, path).toContain("Phường Thục Phán, Cao Bằng");
      expect(html, path).not.toMatch(/Phường Thục Phán, Thành phố Cao Bằng/);
    }
    const ld = (await pageOf("/san-pham/nam-huong-yen-cong")).match(
      /<script type="application\/ld\+json">(.*?)<\/script>/s,
    )?.[1];
    expect(JSON.parse(ld ?? "{}").manufacturer.address.addressLocality).toBe("Phường Thục Phán");
  });

  it("the 97 OCOP products are counted “đến hết năm 2022”; the medicinal group is “dược liệu và sản phẩm từ dược liệu”", async () => {
    const { body } = await getJson("/api/v1/programme");
    const figures = body.figures as { key: string; period: string; label: string }[];
    expect(figures.find((f) => f.key === "ocop_earlier_total")?.period).toBe("đến hết năm 2022");
    expect(figures.find((f) => f.key === "ocop_group_medicinal")?.label).toContain(
      "dược liệu và sản phẩm từ dược liệu",
    );
  });

  it("the made-up Phúc Sen knife is gone; Dao Minh Tuấn of HTX Minh Tuấn is real, OCOP with stars and year not stated", async () => {
    expect((await call("/api/v1/products/dao-ren-phuc-sen?include=illustrative")).status).toBe(404);
    expect((await call("/api/v1/producers/to-hop-ren-phuc-sen-mau?include=illustrative")).status).toBe(404);
    const p = await product("dao-minh-tuan");
    expect(p.provenance.record).toBe("sourced");
    expect(p.producer).toMatchObject({ slug: "htx-minh-tuan", legal_type: "cooperative" });
    expect(ocop(p)).toEqual(["?★ ?"]);
  });

  it("more real products: every one FACTS.md names with its producer, placeholders after the named ones; at least 30 real", async () => {
    const { items } = await walk("/api/v1/products", 100);
    expect(items.length).toBeGreaterThanOrEqual(30);
    for (const [slug, producer] of [
      ["duong-phen-bo-to", "HTX Sản xuất đường phên, chế biến rượu mía Bó Tờ"],
      ["thach-den-hang-hoang", "Hộ kinh doanh Trần Thị Hằng"],
      ["gao-nep-ong-trung-khanh", "Công ty cổ phần phát triển xây dựng Cao Bằng"],
    ] as const)
      expect((await product(slug)).producer.name, slug).toBe(producer);
    // The sheet lists named producers first, then the placeholders that stand for producers no source names.
    const names = sheetRecords("producers").map((p) => p.name);
    const firstPlaceholder = names.findIndex((n) => n.startsWith("Chủ thể OCOP của"));
    expect(firstPlaceholder).toBeGreaterThan(0);
    expect(names.slice(firstPlaceholder).every((n) => n.startsWith("Chủ thể OCOP của"))).toBe(true);
  });
});
