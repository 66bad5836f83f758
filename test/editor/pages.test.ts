import { beforeAll, describe, expect, it } from "vitest";
import { call, getJson } from "../helpers/http.ts";
import { createEditor } from "./helpers.ts";
import { Session } from "./session.ts";

let s: Session;
beforeAll(async () => {
  const pub = await createEditor("bien-tap@example.vn", "publisher", "mat-khau-bien-tap-2026");
  s = new Session();
  await s.get("/quan-tri/dang-nhap");
  const { res } = await s.post("/quan-tri/dang-nhap", { email: pub.email, password: pub.password });
  expect(res.status).toBe(303);
});

describe("editor pages (no JavaScript)", () => {
  it("need a session", async () => {
    const res = await call("/quan-tri/san-pham", { redirect: "manual" });
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("/quan-tri/dang-nhap");
  });

  it("add a producer, a product and a recognition, show field errors, preview, publish; shoppers then find it", async () => {
    await s.get("/quan-tri/co-so/moi");
    let r = await s.post("/quan-tri/co-so/moi", {
      slug: "htx-che-thu",
      name: "HTX Chè Thử",
      legal_type: "cooperative",
      district: "Nguyên Bình",
      sources: "https://caobang.gov.vn/che",
    });
    expect(r.res.status).toBe(303);

    await s.get("/quan-tri/san-pham/moi");
    const product = {
      slug: "tra-xanh-phia-den",
      producer: "htx-che-thu",
      name_vi: "Trà xanh Phja Đén",
      name_en: "Phja Den green tea",
      product_group: "processed_food",
      category_vi: "Trà",
      category_en: "Tea",
      description_vi: "Trà xanh từ vùng núi Phja Đén.",
      packaging: "Hộp 100 g;100;120000;illustrative",
      sources: "ftp://not-a-web-page.example",
    };
    r = await s.post("/quan-tri/san-pham/moi", product);
    expect(r.res.status).toBe(422);
    expect(r.html).toContain('aria-invalid="true"');
    expect(r.html).toMatch(/id="f-sources-error"[^>]*>[^<]*https/);
    r = await s.post("/quan-tri/san-pham/moi", { ...product, sources: "https://caobang.gov.vn/tra" });
    expect(r.res.status).toBe(303);
    expect(r.res.headers.get("location")).toBe("/quan-tri/san-pham/tra-xanh-phia-den?saved=1");

    await s.get("/quan-tri/san-pham/tra-xanh-phia-den");
    r = await s.post("/quan-tri/san-pham/tra-xanh-phia-den/cong-nhan", {
      scheme: "cnnt",
      level: "provincial",
      year: "2025",
      title_vi: "CNNT tiêu biểu cấp tỉnh 2025",
      title_en: "Provincial CNNT-TB 2025",
      issuer: "",
      source_url: "https://caobang.gov.vn/qd",
    });
    expect(r.res.status).toBe(422);
    expect(r.html).toContain("f-issuer-error");
    r = await s.post("/quan-tri/san-pham/tra-xanh-phia-den/cong-nhan", {
      scheme: "cnnt",
      level: "provincial",
      year: "2025",
      title_vi: "CNNT tiêu biểu cấp tỉnh 2025",
      title_en: "Provincial CNNT-TB 2025",
      issuer: "UBND tỉnh Cao Bằng",
      source_url: "https://caobang.gov.vn/qd",
    });
    expect(r.res.status).toBe(303);

    const preview = await s.get("/quan-tri/san-pham/tra-xanh-phia-den/xem-truoc");
    expect(preview.res.status).toBe(200);
    expect(preview.html).toContain("Trà xanh Phja Đén");
    expect(preview.html).toContain("minh họa");
    expect((await call("/san-pham/tra-xanh-phia-den")).status).toBe(404);

    await s.get("/quan-tri/san-pham/tra-xanh-phia-den");
    r = await s.post("/quan-tri/san-pham/tra-xanh-phia-den/dang", {});
    expect(r.res.status).toBe(303);
    expect((await call("/san-pham/tra-xanh-phia-den")).status).toBe(200);
    const hits = (await getJson("/api/v1/products?q=tra xanh phja den")).body.data.map(
      (p: { slug: string }) => p.slug,
    );
    expect(hits).toContain("tra-xanh-phia-den");
  });

  it("a stale form (someone saved meanwhile) is refused with the latest version shown", async () => {
    const a = await s.get("/quan-tri/co-so/htx-che-thu");
    const etag = (/name="etag" value="([^"]+)"/.exec(a.html)?.[1] ?? "").replaceAll("&quot;", '"');
    const base = { name: "HTX Chè Thử", legal_type: "cooperative", sources: "https://caobang.gov.vn/che" };
    let r = await s.post("/quan-tri/co-so/htx-che-thu", { ...base, etag, representative: "Bà A" });
    expect(r.res.status).toBe(303);
    r = await s.post("/quan-tri/co-so/htx-che-thu", { ...base, etag, representative: "Ông B" });
    expect(r.res.status).toBe(412);
    expect(r.html).toContain("Bà A");
  });

  it("lists records with search (accents optional) and a status filter", async () => {
    const { html } = await s.get("/quan-tri/san-pham?q=tra%20xanh&status=published");
    expect(html).toContain("Trà xanh Phja Đén");
    const drafts = await s.get("/quan-tri/san-pham?status=draft");
    expect(drafts.html).not.toContain("Trà xanh Phja Đén");
  });

  it("refuse a form post without the session's CSRF token", async () => {
    const res = await call("/quan-tri/co-so/moi", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", cookie: s.cookie },
      body: new URLSearchParams({
        _csrf: "x".repeat(64),
        slug: "csrf-test",
        name: "X",
        legal_type: "cooperative",
      }).toString(),
      redirect: "manual",
    });
    expect(res.status).toBe(403);
  });

  it("the review queue lists unverified recognitions and listings not checked for 90 days", async () => {
    const { html } = await s.get("/quan-tri");
    expect(html).toContain("Công nhận chưa đối chiếu quyết định");
    expect(html).toContain("CNNT tiêu biểu cấp tỉnh 2025");
    const en = await s.get("/en/admin");
    expect(en.html).toContain("Listings not checked for 90 days");
  });
});
