// The no-JavaScript form: on every real product and producer page, none on illustrative ones; POST then a redirect
// to the thank-you page; errors in the page's language with the values kept; the signed stamp and the honeypot.

import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { formStamp } from "../../src/enquiries/stamp.ts";
import { call } from "../helpers/http.ts";
import { catalogue } from "../helpers/seed.ts";
import {
  formFields,
  ILLUSTRATIVE_PRODUCT,
  postForm,
  REAL_PRODUCER,
  REAL_PRODUCT,
  stored,
} from "./helpers.ts";

const html = async (path: string) => {
  const res = await call(path);
  return { res, text: await res.text() };
};

describe("the enquiry form on the pages", () => {
  it("is on every real product page and on no illustrative one", async () => {
    for (const p of catalogue.products) {
      const { res, text } = await html(`/san-pham/${p.slug}`);
      expect(res.status).toBe(200);
      const hasForm = text.includes('action="/hoi-mua"');
      const real =
        p.provenance !== "illustrative" &&
        catalogue.producers.find((x) => x.slug === p.producer)?.provenance !== "illustrative";
      expect(hasForm, p.slug).toBe(real);
    }
  });

  it("is on a real producer's page, in English under /en", async () => {
    const { text } = await html(`/en/producers/${REAL_PRODUCER.slug}`);
    expect(text).toContain('action="/en/enquire"');
    expect(text).toContain(`name="producer" value="${REAL_PRODUCER.slug}"`);
    expect(text).toContain("Enquire to buy");
  });

  it("makes the enquiry the product page's main call to action where no listing is known", async () => {
    const { text } = await html(`/san-pham/${REAL_PRODUCT.slug}`);
    const actions = /<p class="actions">([\s\S]*?)<\/p>/.exec(text)?.[1] ?? "";
    expect(actions).toMatch(/^<a class="btn" href="#enquire">Hỏi mua/);
  });
});

describe("How to get it", () => {
  it("says on a real product's page only what is true: producer, no public contact, chains and events in general", async () => {
    const { text } = await html(`/en/products/${REAL_PRODUCT.slug}`);
    const section = /<section[^>]*id="where-to-buy"[\s\S]*?<\/section>/.exec(text)?.[0] ?? "";
    expect(section).toContain("How to get it");
    expect(section).toContain(`href="/en/producers/${REAL_PRODUCER.slug}"`);
    expect(section).toContain("The producer has not published a contact.");
    expect(section).toContain(
      "Winmart+, GO! and AEON (the source says so in general; it names no product per chain)",
    );
    expect(section).toContain(
      "vietnamnet.vn/cao-bang-ocop-tiep-suc-chuyen-dich-co-cau-kinh-te-nong-thon-2172875.html",
    );
    expect(section).toContain("opened on 1 November 2024");
    expect(section).toContain('action="/en/enquire"');
    const ill = await html(`/en/products/${ILLUSTRATIVE_PRODUCT.slug}`);
    expect(ill.text).not.toContain("How to get it");
    expect(ill.text).not.toContain("Winmart+");
  });
});

describe("POST /hoi-mua", () => {
  it("stores the enquiry and redirects to the thank-you page (303), which thanks in the page's language", async () => {
    const before = (await stored()).length;
    const res = await postForm(await formFields({ phone: "0987 654 321" }));
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("/hoi-mua/cam-on");
    const [row] = await stored();
    expect((await stored()).length).toBe(before + 1);
    expect(row).toMatchObject({ phone: "+84987654321", via: "page", lang: "vi", kind: "self" });
    const thanks = await html("/hoi-mua/cam-on");
    expect(thanks.res.status).toBe(200);
    expect(thanks.text).toContain("Cảm ơn bạn đã hỏi");
    const en = await postForm(await formFields({ phone: "0987 654 322" }), "en");
    expect(en.headers.get("location")).toBe("/en/enquire/thanks");
  });

  it("stores a form sent twice once (the stamp's token)", async () => {
    const fields = await formFields({ phone: "0911 000 111" });
    const before = (await stored()).length;
    expect((await postForm(fields)).status).toBe(303);
    expect((await postForm(fields)).status).toBe(303);
    expect((await stored()).length).toBe(before + 1);
  });

  it("re-renders the form with each error in Vietnamese, values kept (422)", async () => {
    const res = await postForm(
      await formFields({ phone: "12345", consent: "", message: "Giá bao nhiêu?", name: "Lê Văn C" }),
    );
    expect(res.status).toBe(422);
    const text = await res.text();
    expect(text).toContain("Số điện thoại Việt Nam không đúng");
    expect(text).toContain("Vui lòng đánh dấu đồng ý");
    expect(text).toContain('value="12345"');
    expect(text).toContain('value="Lê Văn C"');
    expect(text).toContain("Giá bao nhiêu?");
    expect(text).toContain('aria-invalid="true"');
    expect(text).toContain(`Hỏi mua: ${REAL_PRODUCT.nameVi}`);
  });

  it("says the errors in English on the English path", async () => {
    const res = await postForm(await formFields({ phone: "", email: "" }), "en");
    expect(res.status).toBe(422);
    const text = await res.text();
    expect(text).toContain("Please give an email address or a phone number.");
    expect(text).not.toContain("Vui lòng");
  });

  it("refuses an illustrative product, naming it", async () => {
    const before = (await stored()).length;
    const res = await postForm(await formFields({ product: ILLUSTRATIVE_PRODUCT.slug }));
    expect(res.status).toBe(422);
    expect(await res.text()).toContain("ví dụ minh họa");
    expect((await stored()).length).toBe(before);
  });

  it("thanks a robot that fills the honeypot, and stores nothing", async () => {
    const before = (await stored()).length;
    const res = await postForm(await formFields({ website: "http://spam.example" }));
    expect(res.status).toBe(303);
    expect((await stored()).length).toBe(before);
  });

  it("refuses a form sent under 3 s after rendering, or over 24 h, keeping the values and a fresh stamp", async () => {
    const before = (await stored()).length;
    const fast = await postForm(
      await formFields({ stamp: await formStamp(env.CURSOR_SECRET), name: "Nhanh" }),
    );
    expect(fast.status).toBe(422);
    const fastText = await fast.text();
    expect(fastText).toContain("quá nhanh");
    expect(fastText).toContain('value="Nhanh"');
    const stale = await postForm(
      await formFields({ stamp: await formStamp(env.CURSOR_SECRET, Date.now() - 25 * 3600_000) }),
    );
    expect(stale.status).toBe(422);
    expect(await stale.text()).toContain("Biểu mẫu đã cũ");
    const forged = await postForm(await formFields({ stamp: "1.aaaaaaaaaaaaaaaaaaaaaa.bbbb" }));
    expect(forged.status).toBe(422);
    expect((await stored()).length).toBe(before);
  });

  it("answers a body over 16 KB with 413, as a page", async () => {
    const res = await postForm(await formFields({ message: "a".repeat(20_000) }));
    expect(res.status).toBe(413);
    expect(res.headers.get("content-type")).toContain("text/html");
  });

  it("limits an address to 5 a day with 429 and Retry-After, as a page", async () => {
    const ip = { "cf-connecting-ip": "192.0.2.200" };
    for (let i = 0; i < 5; i++)
      expect((await postForm(await formFields({ phone: `0912 000 00${i}` }), "vi", ip)).status).toBe(303);
    const res = await postForm(await formFields({ phone: "0912 000 009" }), "vi", ip);
    expect(res.status).toBe(429);
    expect(Number(res.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(await res.text()).toContain("quá nhiều câu hỏi");
  });

  it("serves the form's own page for a real product, and 404 for an illustrative one", async () => {
    const ok = await html(`/hoi-mua?product=${REAL_PRODUCT.slug}`);
    expect(ok.res.status).toBe(200);
    expect(ok.text).toContain('name="stamp"');
    const ill = await html(`/hoi-mua?product=${ILLUSTRATIVE_PRODUCT.slug}`);
    expect(ill.res.status).toBe(404);
    expect(ill.text).not.toContain('name="stamp"');
  });

  it("links the privacy notice, which names the decree, the retention and how to have data deleted", async () => {
    const { text } = await html(`/san-pham/${REAL_PRODUCT.slug}`);
    expect(text).toContain('href="/hoi-mua/quyen-rieng-tu"');
    const notice = await html("/hoi-mua/quyen-rieng-tu");
    expect(notice.res.status).toBe(200);
    expect(notice.text).toContain("13/2023/NĐ-CP");
    expect(notice.text).toContain("12 tháng");
    const en = await html("/en/enquire/privacy");
    expect(en.text).toContain("deleted");
  });
});
