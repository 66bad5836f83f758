import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { auditStatements, COLUMNS } from "../../src/editor/import/import.ts";
import { compile } from "../../src/platform/db/client.ts";
import { getJson } from "../helpers/http.ts";
import { admin, body, createEditor } from "./helpers.ts";

let pub: Awaited<ReturnType<typeof createEditor>>;
beforeAll(async () => {
  pub = await createEditor("importer@example.vn", "publisher");
});

const header = COLUMNS.products.join(",");
const productRow = (i: number, over: Partial<Record<string, string>> = {}) => {
  const v: Record<string, string> = {
    slug: `san-pham-nhap-${i}`,
    producer_slug: "htx-tan-viet-a",
    name_vi: `Sản phẩm nhập ${i}`,
    name_en: `Imported product ${i}`,
    product_group: "processed_food",
    category_vi: "Miến",
    category_en: "Vermicelli",
    description_vi: `Mô tả, có dấu phẩy và "ngoặc kép" ${i}`,
    description_en: "",
    packaging: "Gói 500 g;500;70.000;illustrative | Hộp 1 kg;1000",
    sources: "https://caobang.gov.vn/a | https://caobang.gov.vn/b",
    sample: "false",
    sample_fields: "packaging",
    ...over,
  };
  return COLUMNS.products.map((c) => `"${(v[c] ?? "").replaceAll('"', '""')}"`).join(",");
};
const csv = (rows: string[], bom = false) => `${bom ? "\ufeff" : ""}${header}\r\n${rows.join("\r\n")}\r\n`;
const countProducts = async () =>
  (await env.DB.prepare("SELECT count(*) AS n FROM products").first<{ n: number }>())?.n ?? 0;

describe("CSV import", () => {
  it("a dry run reports row by row and writes nothing", async () => {
    const before = await countProducts();
    const res = await admin(
      "POST",
      "/import?kind=products",
      pub.token,
      csv([productRow(1), productRow(2, { sources: "" }), productRow(3, { product_group: "cakes" })], true),
    );
    expect(res.status).toBe(200);
    const report = await body(res);
    expect(report.counts).toEqual({ create: 1, update: 0, unchanged: 0, refuse: 2 });
    expect(report.rows[0]).toMatchObject({ row: 2, key: "san-pham-nhap-1", action: "create" });
    expect(report.rows[1].reasons).toEqual([
      { name: "sources", reason: expect.stringMatching(/https source/) },
    ]);
    expect(report.rows[2].reasons[0].name).toBe("product_group");
    expect(await countProducts()).toBe(before);
  });

  it("applying is all or nothing: one refused row and nothing is written", async () => {
    const before = await countProducts();
    const res = await admin(
      "POST",
      "/import?kind=products&dry_run=false",
      pub.token,
      csv([productRow(1), productRow(2, { producer_slug: "khong-co" })]),
    );
    expect(res.status).toBe(422);
    const problem = await body(res);
    expect(problem.report.rows[1].reasons).toEqual([
      { name: "producer_slug", reason: "no published producer 'khong-co'" },
    ]);
    expect(await countProducts()).toBe(before);
  });

  it("imports 500 rows in one request, publishes them, and the export round-trips unchanged", async () => {
    const rows = Array.from({ length: 500 }, (_, i) => productRow(i + 1));
    const started = Date.now();
    const res = await admin("POST", "/import?kind=products&dry_run=false", pub.token, csv(rows, true));
    const ms = Date.now() - started;
    expect(res.status).toBe(200);
    const report = await body(res);
    expect(report.counts.create).toBe(500);
    expect(report.applied).toBe(true);
    // The token check (alone, before the body is parsed: test/editor/token-first.test.ts), the plan's read and the
    // write: three round trips whatever the number of rows.
    expect(Number(res.headers.get("x-d1-round-trips"))).toBe(3);
    console.log(
      `import of 500 product rows: ${ms} ms end to end, ${report.stats.ms} ms in the import, ${res.headers.get("x-d1-round-trips")} D1 round trips, ${report.stats.statements} upserts`,
    );
    // Public at once, searchable without accents, with the packaging as written.
    const hit = await getJson("/api/v1/products?q=san pham nhap 250");
    expect(hit.body.data.map((p: { slug: string }) => p.slug)).toContain("san-pham-nhap-250");
    const detail = await getJson("/api/v1/products/san-pham-nhap-7");
    expect(detail.body.packaging ?? detail.body.packs).toBeDefined();

    const exported = await admin("GET", "/export/products", pub.token);
    expect(exported.headers.get("content-type")).toMatch(/text\/csv/);
    const bytes = new Uint8Array(await exported.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // the BOM spreadsheet programs look for
    const again = await body(await admin("POST", "/import?kind=products", pub.token, bytes));
    const mine = again.rows.filter((r: { key: string }) => r.key.startsWith("san-pham-nhap-"));
    expect(mine).toHaveLength(500);
    expect(mine.every((r: { action: string }) => r.action === "unchanged")).toBe(true);
    const audit = await body(await admin("GET", "/audit?entity=product&key=san-pham-nhap-42", pub.token));
    expect(audit.data[0]).toMatchObject({ via: "import", action: "create", editor: "importer@example.vn" });
  });

  it("changing one row through the import reports and records the field", async () => {
    const res = await admin(
      "POST",
      "/import?kind=products&dry_run=false",
      pub.token,
      csv([productRow(3, { name_en: "Renamed" })]),
    );
    const report = await body(res);
    expect(report.rows[0]).toMatchObject({
      action: "update",
      changes: [{ field: "name_en", before: "Imported product 3", after: "Renamed" }],
    });
  });

  it("producers and recognitions round-trip through export and import", async () => {
    for (const kind of ["producers", "recognitions"]) {
      const text = await (await admin("GET", `/export/${kind}`, pub.token)).text();
      const report = await body(await admin("POST", `/import?kind=${kind}`, pub.token, text));
      // Seed records without an https source are refused, never silently re-published.
      const actions = new Set(report.rows.map((r: { action: string }) => r.action));
      expect(actions.has("create")).toBe(false);
      expect(actions.has("update")).toBe(false);
    }
  });

  it("adds a recognition with a new id and refuses an incomplete one", async () => {
    // A sheet made before per-field provenance: the release-1 `sample` column is still read.
    const cols =
      "id,product_slug,scheme,level,stars,year,title_vi,title_en,decision_number,issuer,source_url,verified,sample,note_vi,note_en";
    const ok =
      ",san-pham-nhap-5,cnnt,provincial,,2025,Sản phẩm CNNT tiêu biểu cấp tỉnh 2025,Provincial outstanding rural-industry product 2025,12/QĐ-UBND,UBND tỉnh Cao Bằng,https://caobang.gov.vn/qd-12,false,false,,";
    const bad = ",san-pham-nhap-6,cnnt,,,2025,T,T,,,https://caobang.gov.vn/qd-13,false,false,,";
    const dry = await body(
      await admin("POST", "/import?kind=recognitions", pub.token, `${cols}\n${ok}\n${bad}\n`),
    );
    expect(dry.rows[1].reasons.map((r: { name: string }) => r.name).sort()).toEqual(["issuer", "level"]);
    const res = await admin("POST", "/import?kind=recognitions&dry_run=false", pub.token, `${cols}\n${ok}\n`);
    expect(res.status).toBe(200);
    const tier = await env.DB.prepare("SELECT tier_rank FROM products WHERE slug = 'san-pham-nhap-5'").first<{
      tier_rank: number;
    }>();
    expect(tier?.tier_rank).toBe(2);
  });

  it("refuses files that are not UTF-8, not CSV, or have unknown columns", async () => {
    const latin1 = new Uint8Array([...new TextEncoder().encode(`${header}\n`), 0xe0, 0x0a]);
    let res = await admin("POST", "/import?kind=products", pub.token, undefined, {});
    expect(res.status).toBe(415);
    res = await admin("POST", "/import?kind=products", pub.token, new TextDecoder("latin1").decode(latin1));
    expect([200, 422]).toContain(res.status);
    res = await admin("POST", "/import?kind=products", pub.token, "slug,colour\nx,red\n");
    expect(res.status).toBe(422);
    expect((await body(res)).detail).toMatch(/unknown column\(s\) colour/);
  });

  it("no import statement binds more than D1's 100 parameters", () => {
    const events = Array.from({ length: 450 }, (_, i) => ({ key: `k${i}`, action: "create", changes: [] }));
    const statements = auditStatements(
      { editor: { id: 1, email: "a@b.c", role: "publisher", via: "api" }, address: null },
      "product",
      events,
    );
    expect(statements).toHaveLength(5);
    for (const s of statements) expect(compile(s).params.length).toBeLessThanOrEqual(100);
  });
});
