import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { call } from "../helpers/http.ts";
import { createEditor, createRetailerKey } from "./helpers.ts";
import { type Session, signedIn } from "./session.ts";

let pub: Session;
let ed: Session;
beforeAll(async () => {
  const p = await createEditor("duyet@example.vn", "publisher", "mat-khau-duyet-dang-2026");
  const e = await createEditor("bientap@example.vn", "editor", "mat-khau-bien-tap-2026");
  pub = await signedIn(p.email, p.password);
  ed = await signedIn(e.email, e.password);
});

const etagIn = (html: string) =>
  (/name="etag" value="([^"]+)"/.exec(html)?.[1] ?? "").replaceAll("&quot;", '"');

describe("editor pages: channels, listings, support projects, programme figures", () => {
  it("lists channels, searches without accents and filters by kind", async () => {
    const { res, html } = await pub.get("/quan-tri/kenh-ban?q=hoi%20cho&facet=trade_fair");
    expect(res.status).toBe(200);
    expect(html).toContain("Hội chợ thương mại, đầu tư và du lịch Nghệ An");
    expect(html).not.toContain(">AEON<");
    // The words alone narrow the list too (accents optional), and the kind alone.
    const words = await pub.get("/quan-tri/kenh-ban?q=nghe%20an");
    expect(words.html).toContain("Hội chợ thương mại, đầu tư và du lịch Nghệ An");
    expect(words.html).not.toContain(">AEON<");
    expect((await pub.get("/quan-tri/kenh-ban?facet=export_market")).html).not.toContain(">AEON<");
    expect((await pub.get("/quan-tri/kenh-ban")).html).toContain(">AEON<");
  });

  it("a publisher adds a support project through the form; errors are shown per field first", async () => {
    await pub.get("/quan-tri/de-an-khuyen-cong/moi");
    const bad = await pub.post("/quan-tri/de-an-khuyen-cong/moi", {
      producer: "htx-tam-hoa",
      fund: "local",
      title_vi: "",
      title_en: "Packing machine",
      source_url: "http://not-https.example",
      amount_vnd: "150.000.000",
      provenance: "sourced",
    });
    expect(bad.res.status).toBe(422);
    expect(bad.html).toMatch(/id="f-title_vi-error"/);
    expect(bad.html).toMatch(/id="f-source_url-error"/);
    expect(bad.html).toContain('value="150.000.000"');
    const ok = await pub.post("/quan-tri/de-an-khuyen-cong/moi", {
      producer: "htx-tam-hoa",
      fund: "local",
      title_vi: "Hỗ trợ máy đóng gói",
      title_en: "Packing machine",
      source_url: "https://caobang.gov.vn/de-an",
      amount_vnd: "150.000.000",
      provenance: "sourced",
    });
    expect(ok.res.status).toBe(303);
    const row = await env.DB.prepare(
      "SELECT amount_vnd FROM support_projects WHERE title_vi = 'Hỗ trợ máy đóng gói'",
    ).first<{ amount_vnd: number }>();
    expect(row?.amount_vnd).toBe(150_000_000);
  });

  it("a stale form is refused with the latest version shown", async () => {
    const first = await pub.get("/quan-tri/so-lieu-chuong-trinh/projects_total");
    const etag = etagIn(first.html);
    expect(etag).not.toBe("");
    const fields = {
      group_key: "projects",
      label_vi: "Đề án khuyến công",
      label_en: "Industrial-extension projects",
      value: "25",
      unit: "projects",
      fund: "total",
      period: "2021–2025",
      qualifier: "",
      source_url:
        "https://tapchicongthuong.vn/chuyen-minh-tu-khuyen-cong--cau-chuyen-cao-bang-5-nam-nhin-lai-147054.htm",
      provenance: "sourced",
    };
    expect(
      (await pub.post("/quan-tri/so-lieu-chuong-trinh/projects_total", { ...fields, etag })).res.status,
    ).toBe(303);
    const stale = await pub.post("/quan-tri/so-lieu-chuong-trinh/projects_total", {
      ...fields,
      value: "26",
      etag,
    });
    expect(stale.res.status).toBe(412);
    expect(stale.html).toContain("vừa được người khác thay đổi");
    expect(stale.html).toContain('value="25"');
  });

  it("an editor cannot change a channel but can mark a retailer's listing checked", async () => {
    const page = await ed.get("/quan-tri/kenh-ban/aeon");
    expect(page.html).not.toContain('action="/quan-tri/kenh-ban/aeon"');
    const refused = await ed.post("/quan-tri/kenh-ban/aeon", {
      name: "X",
      kind: "supermarket_chain",
      etag: "*",
    });
    expect(refused.res.status).toBe(403);
    await createRetailerKey("aeon");
    const listing = await ed.get("/quan-tri/niem-yet/aeon/lap-suon-thit-hun-khoi-tam-hoa");
    expect(listing.html).toContain("khóa API của nhà bán lẻ");
    const check = await ed.post("/quan-tri/niem-yet/aeon/lap-suon-thit-hun-khoi-tam-hoa/kiem-tra", {
      etag: etagIn(listing.html),
    });
    expect(check.res.status).toBe(303);
    const after = await ed.get("/quan-tri/niem-yet?stale=1");
    expect(after.html).not.toContain('href="/quan-tri/niem-yet/aeon/lap-suon-thit-hun-khoi-tam-hoa"');
  });

  it("the review queue links a stale listing to its editor page", async () => {
    const { html } = await pub.get("/quan-tri");
    expect(html).toContain('href="/quan-tri/niem-yet/go-big-c/lap-suon-thit-hun-khoi-tam-hoa"');
    const en = await pub.get("/en/admin");
    expect(en.html).toContain('href="/en/admin/listings/go-big-c/lap-suon-thit-hun-khoi-tam-hoa"');
  });

  it("English pages beside the Vietnamese ones", async () => {
    const { res, html } = await pub.get("/en/admin/listings");
    expect(res.status).toBe(200);
    expect(html).toContain("Listings");
    expect((await call("/en/admin/listings", { redirect: "manual" })).status).toBe(303);
  });
});
