// A pack's English name survives the editors' path: editing a product, its import sheet line and a producer's
// restated packs keep it, and English pages show it. Before, the editor's record had no English pack name, so any
// edit of a product with English pack names published them back as Vietnamese on English pages.
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { hashPassword } from "../../src/editor/auth/crypto.ts";
import { packaging, packagingCell } from "../../src/editor/import/sheet.ts";
import { getJson } from "../helpers/http.ts";
import { admin, body, createEditor } from "./helpers.ts";
import { Session, signedIn } from "./session.ts";

const SLUG = "lap-suon-thit-hun-khoi-tam-hoa";
let ed: Awaited<ReturnType<typeof createEditor>>;
let pub: Awaited<ReturnType<typeof createEditor>>;
beforeAll(async () => {
  ed = await createEditor("packs-editor@example.vn", "editor");
  pub = await createEditor("packs-publisher@example.vn", "publisher");
});

const englishLabels = async () =>
  (await getJson(`/api/v1/products/${SLUG}?lang=en&include=illustrative`)).body.packaging.map(
    (p: { label: string }) => p.label,
  );

describe("a pack's English name", () => {
  it("the seed's English pack names show on English pages (else the tests below prove nothing)", async () => {
    expect(await englishLabels()).toEqual(["Vacuum pack 500 g", "Gift box 1 kg"]);
  });

  it("is in the editor's record and its form, and an edit of another field keeps it", async () => {
    const current = await admin("GET", `/products/${SLUG}`, ed.token);
    const record = await body(current);
    expect(record.live.packaging.map((p: { label_en: string | null }) => p.label_en)).toEqual([
      "Vacuum pack 500 g",
      "Gift box 1 kg",
    ]);
    const res = await admin(
      "PATCH",
      `/products/${SLUG}`,
      ed.token,
      { category_en: "Cured sausage and smoked pork" },
      { "if-match": current.headers.get("etag") ?? "" },
    );
    expect(res.status).toBe(200);
    expect((await admin("POST", `/products/${SLUG}/publish`, pub.token)).status).toBe(200);
    expect(await englishLabels()).toEqual(["Vacuum pack 500 g", "Gift box 1 kg"]);
    const vi = (await getJson(`/api/v1/products/${SLUG}?include=illustrative`)).body.packaging;
    expect(vi.map((p: { label: string }) => p.label)).toEqual(["Túi hút chân không 500 g", "Hộp quà 1 kg"]);
  });

  it("an editor sets and changes it through the record, and an empty one shows the Vietnamese name", async () => {
    const current = await admin("GET", `/products/${SLUG}`, ed.token);
    const packs = [
      { label: "Túi hút chân không 500 g", label_en: "Vacuum-packed 500 g", net_weight_g: 500 },
      { label: "Hộp quà 1 kg", label_en: "  ", net_weight_g: 1000 },
    ];
    const res = await admin(
      "PATCH",
      `/products/${SLUG}`,
      ed.token,
      { packaging: packs },
      { "if-match": current.headers.get("etag") ?? "" },
    );
    expect(res.status).toBe(200);
    expect((await body(res)).draft.packaging.map((p: { label_en: string | null }) => p.label_en)).toEqual([
      "Vacuum-packed 500 g",
      null,
    ]);
    expect((await admin("POST", `/products/${SLUG}/publish`, pub.token)).status).toBe(200);
    expect(await englishLabels()).toEqual(["Vacuum-packed 500 g", "Hộp quà 1 kg"]);
  });

  it("is the sixth part of a pack's line in the import sheet and the editor's form, and reads back", async () => {
    const read = packaging("Gói 500 g;500;70000;illustrative;;Pack 500 g | Hộp 1 kg;1000");
    expect(read.map((p) => [p.label, p.label_en])).toEqual([
      ["Gói 500 g", "Pack 500 g"],
      ["Hộp 1 kg", null],
    ]);
    expect(packagingCell(read as Parameters<typeof packagingCell>[0])).toBe(
      "Gói 500 g;500;70000;illustrative;;Pack 500 g | Hộp 1 kg;1000",
    );
    // The editor's page shows each pack as such a line, so saving the form as it stands keeps the English name.
    const s = new Session();
    await s.get("/quan-tri/dang-nhap");
    expect((await s.post("/quan-tri/dang-nhap", { email: ed.email, password: ed.password })).res.status).toBe(
      303,
    );
    const { res, html } = await s.get(`/quan-tri/san-pham/${SLUG}`);
    expect(res.status).toBe(200);
    const area = /<textarea[^>]*name="packaging"[^>]*>([^<]*)<\/textarea>/.exec(html)?.[1] ?? "";
    expect(area.split("\n")).toEqual([
      "Túi hút chân không 500 g;500;;;;Vacuum-packed 500 g",
      "Hộp quà 1 kg;1000",
    ]);
  });
  it("a producer restating a pack under the same name keeps the English name an editor gave it", async () => {
    await env.DB.prepare(
      `INSERT INTO editors (email, role, password_hash, producer_id, must_change_password)
       VALUES ('tam-hoa@example.vn', 'producer', ?, (SELECT producer_id FROM products WHERE slug = ?), 0)`,
    )
      .bind(await hashPassword("mat-khau-cua-tam-hoa-2026"), SLUG)
      .run();
    const owner = await signedIn("tam-hoa@example.vn", "mat-khau-cua-tam-hoa-2026");
    const form = await owner.get(`/quan-tri/ho-so/san-pham/${SLUG}`);
    expect(form.res.status).toBe(200);
    const sent = await owner.post(`/quan-tri/ho-so/san-pham/${SLUG}`, {
      etag: (/name="etag" value="([^"]+)"/.exec(form.html)?.[1] ?? "").replaceAll("&quot;", '"'),
      description_vi: "Lạp sườn và thịt hun khói của HTX Tâm Hòa.",
      description_en: "Cured sausage and smoked meat of HTX Tâm Hòa.",
      packs: "Túi hút chân không 500 g; 500; 185.000\nHộp 2 kg; 2000;",
    });
    expect(sent.res.status).toBe(303);
    const draft = await env.DB.prepare(
      "SELECT payload FROM editor_drafts WHERE entity = 'product' AND key = ?",
    )
      .bind(SLUG)
      .first<{ payload: string }>();
    const packs = JSON.parse(draft?.payload ?? "{}").packaging as {
      label: string;
      label_en: string | null;
    }[];
    expect(packs.map((p) => [p.label, p.label_en])).toEqual([
      ["Túi hút chân không 500 g", "Vacuum-packed 500 g"],
      ["Hộp 2 kg", null],
    ]);
  });
});
