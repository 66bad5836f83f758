// A kind no producer of which is recorded (chè giảo cổ lam, issue 25): its page says so and links the enquiry form
// about the kind; the form names the kind and says the centre answers; the enquiry is stored with the kind and no
// producer, so it reaches the centre's inbox and no producer's account; the API takes `product_kind` too.
import { env } from "cloudflare:workers";
import { afterAll, describe, expect, it, vi } from "vitest";
import { createEditor } from "../editor/helpers.ts";
import { signedIn } from "../editor/session.ts";
import { call, getJson } from "../helpers/http.ts";
import { enquiry, formFields, postEnquiry, postForm, stored } from "./helpers.ts";

vi.setConfig({ testTimeout: 60_000 });

const GIAO = "che-giao-co-lam";

// The enquiries posted here queue the centre's email after their responses: wait for the queue to record it, so no
// queue batch reaches this file's Worker after its tests end (the pool then crashed the whole run: "Message
// received from Worker before initialisation").
afterAll(async () => {
  const pending = () =>
    env.DB.prepare(
      `SELECT count(*) AS n FROM enquiries e JOIN kinds k ON k.id = e.product_kind_id WHERE k.slug = ?
         AND NOT EXISTS (SELECT 1 FROM enquiry_notices n WHERE n.enquiry_id = e.id)`,
    )
      .bind(GIAO)
      .first<number>("n");
  const until = Date.now() + 10_000;
  while (((await pending()) ?? 0) > 0 && Date.now() < until) await new Promise((r) => setTimeout(r, 100));
});

describe("a kind with no producer recorded", () => {
  it.each([
    ["/loai/che-giao-co-lam", "Chưa có cơ sở nào được ghi nhận", `/hoi-mua?product_kind=${GIAO}`],
    ["/en/kinds/che-giao-co-lam", "No producer recorded yet", `/en/enquire?product_kind=${GIAO}`],
  ])(
    "%s says no producer is recorded and links the enquiry form about the kind",
    async (path, says, form) => {
      const html = await (await call(path)).text();
      expect(html).toContain(says);
      expect(html).toContain(`href="${form}"`);
    },
  );

  it("the linked form names the kind, says the centre answers, and attaches no producer", async () => {
    const vi = await call(`/hoi-mua?product_kind=${GIAO}`);
    expect(vi.status).toBe(200);
    const html = await vi.text();
    expect(html).toContain("<h1>Hỏi mua: Chè giảo cổ lam</h1>");
    expect(html).toContain(
      "câu hỏi của bạn được gửi đến Trung tâm Khuyến công và Xúc tiến thương mại Cao Bằng",
    );
    expect(html).toContain(`<input type="hidden" name="product_kind" value="${GIAO}"`);
    expect(html).not.toMatch(/name="(product|producer)"/);
    expect(html).toContain(`href="/loai/${GIAO}"`);
    const en = await (await call(`/en/enquire?product_kind=${GIAO}`)).text();
    expect(en).toContain("No producer of this kind is recorded yet");
    const unknown = await call("/hoi-mua?product_kind=khong-co");
    expect(unknown.status).toBe(404);
    expect(await unknown.text()).toContain("Không có loại sản phẩm này trong danh mục.");
  });

  it("the form stores the enquiry with the kind and no producer; the centre's inbox shows it", async () => {
    const before = (await stored()).length;
    const res = await postForm(
      await formFields({ product: "", product_kind: GIAO, name: "Người Hỏi Giảo Cổ Lam" }),
    );
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("/hoi-mua/cam-on");
    const rows = await stored();
    expect(rows.length).toBe(before + 1);
    const kindId = await env.DB.prepare("SELECT id FROM kinds WHERE slug = ?").bind(GIAO).first("id");
    expect(rows[0]).toMatchObject({ product_kind_id: kindId, producer_id: null, product_id: null });

    const editor = await createEditor("ed.kind-enquiry@cnnt.example.vn", "editor");
    const s = await signedIn(editor.email, editor.password);
    const inbox = await s.get("/quan-tri/hoi-mua");
    expect(inbox.res.status).toBe(200);
    const line = inbox.html.split("<tr>").find((r) => r.includes("Người Hỏi Giảo Cổ Lam")) ?? "";
    expect(line).toContain("Chè giảo cổ lam");
  });

  it("the API takes product_kind: 201 with it in the receipt; an unknown kind or two subjects are 422s naming the field", async () => {
    const ok = await postEnquiry(enquiry({ product: undefined, product_kind: GIAO }));
    expect(ok.status).toBe(201);
    expect(await ok.json()).toMatchObject({ product: null, producer: null, product_kind: GIAO });

    const unknown = await postEnquiry(enquiry({ product: undefined, product_kind: "khong-co" }));
    expect(unknown.status).toBe(422);
    const p = (await unknown.json()) as { invalid_params: { name: string; reason: string }[] };
    expect(p.invalid_params).toEqual([
      expect.objectContaining({ name: "product_kind", reason: expect.stringContaining("no product kind") }),
    ]);

    const both = await postEnquiry(enquiry({ product_kind: GIAO }));
    expect(both.status).toBe(422);
    expect(JSON.stringify(await both.json())).toContain("product_kind");
  });

  it("the kind's API record holds no product, and no producer from another province", async () => {
    const { body } = await getJson(`/api/v1/kinds/${GIAO}`);
    expect(body.products).toEqual([]);
    expect(JSON.stringify(body)).not.toMatch(/Hà Giang|Hòa Bình|Quảng Nam/);
  });
});
