// A producer's account proposes changes to its own profile and products (issue 24): drafts through the editors'
// machinery, nothing public until an editor publishes, then "sourced: the producer, <date>" on the public pages.
// Another producer's records answer 404 and are left untouched.
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { hashPassword } from "../../src/editor/auth/crypto.ts";
import { statedToday } from "../../src/editor/proposals/proposals.service.ts";
import { formatDate } from "../../src/ui/i18n/format.ts";
import { call } from "../helpers/http.ts";
import { admin, createEditor } from "./helpers.ts";
import { type Session, signedIn } from "./session.ts";

vi.setConfig({ testTimeout: 60_000 });

const PASSWORD = "mat-khau-rieng-cua-co-so-2026";
const PNG =
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==";

/** A producer's account whose one-time password was already replaced. */
async function producerAccount(email: string, producer: string) {
  await env.DB.prepare(
    `INSERT INTO editors (email, role, password_hash, producer_id, must_change_password)
     VALUES (?, 'producer', ?, (SELECT id FROM producers WHERE slug = ?), 0)`,
  )
    .bind(email, await hashPassword(PASSWORD), producer)
    .run();
  return signedIn(email, PASSWORD);
}
const draftOf = (entity: string, key: string) =>
  env.DB.prepare("SELECT payload FROM editor_drafts WHERE entity = ? AND key = ?")
    .bind(entity, key)
    .first<{ payload: string }>()
    .then((r) => (r ? (JSON.parse(r.payload) as Record<string, unknown>) : null));
const page = async (path: string) => (await (await call(path)).text()).replaceAll("&amp;", "&");
const etagOf = (html: string) =>
  (/name="etag" value="([^"]+)"/.exec(html)?.[1] ?? "").replaceAll("&quot;", '"');

/**
 * A real product and its producer whose records an editor could save as they are (every source https: a few
 * seeded sources are http://, which the editors' schema refuses, and a proposal is saved through it), and another
 * real producer.
 */
async function subjects() {
  const httpsOnly = (t: string) =>
    `NOT EXISTS (SELECT 1 FROM json_each(${t}.sources) WHERE value NOT LIKE 'https://%')`;
  const row = await env.DB.prepare(
    `SELECT p.slug AS product, pr.slug AS producer, pr.name AS producer_name FROM products p
     JOIN producers pr ON pr.id = p.producer_id
     WHERE p.provenance <> 'illustrative' AND pr.provenance <> 'illustrative' AND ${httpsOnly("p")} AND ${httpsOnly("pr")}
     ORDER BY p.id LIMIT 1`,
  ).first<{ product: string; producer: string; producer_name: string }>();
  const other = await env.DB.prepare(
    "SELECT slug, name FROM producers WHERE provenance <> 'illustrative' AND slug <> ? ORDER BY id LIMIT 1",
  )
    .bind(row?.producer)
    .first<{ slug: string; name: string }>();
  if (!row || !other) throw new Error("the seed has no product to propose changes to");
  return {
    REAL_PRODUCT: { slug: row.product },
    REAL_PRODUCER: { slug: row.producer, name: row.producer_name },
    OTHER_PRODUCER: other,
  };
}
const { REAL_PRODUCT, REAL_PRODUCER, OTHER_PRODUCER } = await subjects();

describe("a producer's proposals", () => {
  let owner: Session;
  let other: Session;
  let publisher: Awaited<ReturnType<typeof createEditor>>;
  const contact = "0912 000 111 · htx@example.vn";
  const today = formatDate(statedToday(), "vi");

  beforeAll(async () => {
    owner = await producerAccount("owner@proposals.example.vn", REAL_PRODUCER.slug);
    other = await producerAccount("other@proposals.example.vn", OTHER_PRODUCER.slug);
    publisher = await createEditor("pub@proposals.example.vn", "publisher");
  });

  it("proposes a public contact and a description: a draft, public only once an editor publishes it", async () => {
    const form = await owner.get("/quan-tri/ho-so");
    expect(form.res.status).toBe(200);
    expect(form.html).toContain("Hồ sơ của cơ sở");
    const sent = await owner.post("/quan-tri/ho-so", {
      etag: etagOf(form.html),
      public_contact: contact,
      description_vi: "Mô tả do cơ sở tự viết.",
      description_en: "A description the producer wrote itself.",
    });
    expect(sent.res.status, /class="error-summary"[\s\S]*?<\/div>/.exec(sent.html)?.[0]).toBe(303);
    expect(sent.res.headers.get("location")).toBe("/quan-tri/ho-so?sent=1");
    const draft = await draftOf("producer", REAL_PRODUCER.slug);
    expect(draft).toMatchObject({ public_contact: contact, producer_stated_on: statedToday() });
    // Nothing public yet; the form shows the pending proposal.
    expect(await page(`/co-so/${REAL_PRODUCER.slug}`)).not.toContain(contact);
    const pending = await owner.get("/quan-tri/ho-so");
    expect(pending.html).toContain("đang chờ biên tập viên duyệt");
    expect(pending.html).toContain(contact.replace("·", "·"));
    // The editors' audit trail names the producer's account.
    const audit = await env.DB.prepare(
      "SELECT editor_email FROM audit_events WHERE entity = 'producer' AND entity_key = ? ORDER BY id DESC",
    )
      .bind(REAL_PRODUCER.slug)
      .first<{ editor_email: string }>();
    expect(audit?.editor_email).toBe("owner@proposals.example.vn");

    const published = await admin("POST", `/producers/${REAL_PRODUCER.slug}/publish`, publisher.token);
    expect(published.status).toBeLessThan(300);
    const producerPage = await page(`/co-so/${REAL_PRODUCER.slug}`);
    expect(producerPage).toContain(contact);
    expect(producerPage).toContain("Mô tả do cơ sở tự viết.");
    expect(producerPage).toContain("Một phần thông tin do chính cơ sở sản xuất cung cấp");
    expect(producerPage).toContain(`<time datetime="${statedToday()}">${today}</time>`);
    // The product page's "How to get it" shows the contact the producer published, with when.
    const productPage = await page(`/san-pham/${REAL_PRODUCT.slug}`);
    expect(productPage).toContain(contact);
    expect(productPage).toContain("do cơ sở tự công bố ngày");
    expect(productPage).not.toContain("Cơ sở chưa công bố liên hệ công khai");
    // The API's contract does not carry the page-only fields.
    const api = (await (await call(`/api/v1/producers/${REAL_PRODUCER.slug}`)).json()) as Record<
      string,
      unknown
    >;
    expect(api).not.toHaveProperty("own");
  });

  it("proposes the packs and prices it states: published as sourced by the producer, not illustrative", async () => {
    const form = await owner.get(`/quan-tri/ho-so/san-pham/${REAL_PRODUCT.slug}`);
    expect(form.res.status).toBe(200);
    const bad = await owner.post(`/quan-tri/ho-so/san-pham/${REAL_PRODUCT.slug}`, {
      etag: etagOf(form.html),
      description_vi: "x",
      description_en: "x",
      packs: "Gói 500 g; năm trăm; 45000",
    });
    expect(bad.res.status).toBe(422);
    expect(bad.html).toContain("mỗi dòng: tên; khối lượng (gam); giá (đồng)");
    expect(bad.html).toContain("Gói 500 g; năm trăm; 45000");
    expect(await draftOf("product", REAL_PRODUCT.slug)).toBeNull();

    const sent = await owner.post(`/quan-tri/ho-so/san-pham/${REAL_PRODUCT.slug}`, {
      etag: etagOf(form.html),
      description_vi: "Sản phẩm làm theo cách truyền thống của cơ sở.",
      description_en: "Made the producer's traditional way.",
      packs: "Gói hút chân không 500 g; 500; 185.000\nHộp quà 1 kg; 1000;",
    });
    expect(sent.res.status).toBe(303);
    const draft = await draftOf("product", REAL_PRODUCT.slug);
    expect(draft?.packaging).toEqual([
      // No GTIN stated by the producer: the pack's gtin stays null (issue 27).
      {
        label: "Gói hút chân không 500 g",
        label_en: null,
        net_weight_g: 500,
        price_vnd: 185000,
        sample: false,
        gtin: null,
      },
      {
        label: "Hộp quà 1 kg",
        label_en: null,
        net_weight_g: 1000,
        price_vnd: null,
        sample: false,
        gtin: null,
      },
    ]);
    expect((draft?.field_provenance ?? {}) as Record<string, string>).not.toHaveProperty("packaging");
    const published = await admin("POST", `/products/${REAL_PRODUCT.slug}/publish`, publisher.token);
    expect(published.status).toBeLessThan(300);
    const html = await page(`/san-pham/${REAL_PRODUCT.slug}`);
    const packs = html.slice(html.indexOf('id="pack-h"'), html.indexOf('id="rec-h"'));
    expect(packs).toContain("185.000");
    expect(packs).not.toContain("tag-sample");
    expect(html).toContain("Một phần thông tin do chính cơ sở sản xuất cung cấp");
    const api = (await (await call(`/api/v1/products/${REAL_PRODUCT.slug}`)).json()) as {
      packaging: { price_vnd: number | null }[];
      provenance: { fields: Record<string, string> };
    };
    expect(api.packaging[0]?.price_vnd).toBe(185000);
    expect(api.provenance.fields).not.toHaveProperty("packaging");
    expect(api).not.toHaveProperty("own");
  });

  it("proposes a photo of a product, with what it shows in both languages", async () => {
    const form = await owner.get(`/quan-tri/ho-so/san-pham/${REAL_PRODUCT.slug}`);
    const body = new FormData();
    body.set("_csrf", owner.csrf);
    body.set("etag", etagOf(form.html));
    body.set("alt_vi", "Gói lạp sườn");
    body.set("alt_en", "A pack of sausage");
    body.set(
      "photo",
      new File([Uint8Array.from(atob(PNG), (ch) => ch.charCodeAt(0))], "a.png", { type: "image/png" }),
    );
    const res = await call(`/quan-tri/ho-so/san-pham/${REAL_PRODUCT.slug}/anh`, {
      method: "POST",
      headers: { cookie: owner.cookie, origin: "http://localhost" },
      body,
      redirect: "manual",
    });
    expect(res.status).toBe(303);
    const draft = await draftOf("product", REAL_PRODUCT.slug);
    expect(String(draft?.image)).toMatch(/^\/anh\/products\//);
    expect(draft).toMatchObject({ image_alt_vi: "Gói lạp sườn", producer_stated_on: statedToday() });
  });

  it("answers 404 for another producer's product, and changes nothing", async () => {
    const before = await draftOf("product", REAL_PRODUCT.slug);
    const theirs = await other.get(`/quan-tri/ho-so/san-pham/${REAL_PRODUCT.slug}`);
    expect(theirs.res.status).toBe(404);
    await other.get("/quan-tri/ho-so");
    const post = await other.post(`/quan-tri/ho-so/san-pham/${REAL_PRODUCT.slug}`, {
      etag: '"0.x"',
      description_vi: "Chiếm quyền",
      description_en: "Hijack",
      packs: "",
    });
    expect(post.res.status).toBe(404);
    expect(await draftOf("product", REAL_PRODUCT.slug)).toEqual(before);
    // Its own profile is its own producer's.
    const mine = await other.get("/quan-tri/ho-so");
    expect(mine.html).toContain(OTHER_PRODUCER.name);
    expect(mine.html).not.toContain(`/quan-tri/ho-so/san-pham/${REAL_PRODUCT.slug}"`);
  });

  it("is a producer's page only: an editor is sent to the editors' pages", async () => {
    const s = await signedIn(publisher.email, publisher.password);
    const res = (await s.get("/quan-tri/ho-so")).res;
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("/quan-tri");
  });
});
