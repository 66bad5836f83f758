import { beforeAll, describe, expect, it } from "vitest";
import { parseCsv, toCsv } from "../../src/platform/lib/csv.ts";
import { call, getJson } from "../helpers/http.ts";
import { admin, body, createEditor } from "./helpers.ts";
import { signedIn } from "./session.ts";

// A real 1×1 PNG.
const PNG = Uint8Array.from(
  atob("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=="),
  (c) => c.charCodeAt(0),
);

let pub: Awaited<ReturnType<typeof createEditor>>;
beforeAll(async () => {
  pub = await createEditor("anh-co-so@example.vn", "publisher", "mat-khau-anh-co-so");
});

async function upload(slug: string, file: File, alts: Record<string, string>) {
  const etag = (await admin("GET", `/producers/${slug}`, pub.token)).headers.get("etag") ?? "";
  const form = new FormData();
  form.set("photo", file);
  for (const [k, v] of Object.entries(alts)) form.set(k, v);
  return call(`/api/v1/admin/producers/${slug}/photo`, {
    method: "POST",
    headers: { authorization: `Bearer ${pub.token}`, "if-match": etag },
    body: form,
  });
}

describe("producer photos", () => {
  const alts = { alt_vi: "Xưởng làm miến của hợp tác xã", alt_en: "The cooperative's noodle workshop" };

  it("follow the product photo rules: bytes, not names; alt text in both languages", async () => {
    const fake = await upload("htx-tan-viet-a", new File(["<svg/>"], "x.png", { type: "image/png" }), alts);
    expect(fake.status).toBe(415);
    const noAlt = await upload("htx-tan-viet-a", new File([PNG], "x.png"), { alt_vi: "Xưởng", alt_en: " " });
    expect(noAlt.status).toBe(422);
    expect((await body(noAlt)).invalid_params[0].name).toBe("alt_en");
  });

  it("are shown on the producer page once published, and a CSV import keeps them", async () => {
    const res = await upload("htx-tan-viet-a", new File([PNG], "xuong.png"), alts);
    expect(res.status).toBe(200);
    const draft = (await body(res)).draft;
    expect(draft.image).toMatch(/^\/anh\/producers\/htx-tan-viet-a\/[0-9a-f]+\.png$/);
    // Not public before publishing.
    expect(await (await call("/co-so/htx-tan-viet-a")).text()).not.toContain(draft.image);
    expect((await admin("POST", "/producers/htx-tan-viet-a/publish", pub.token)).status).toBe(200);
    const page = await (await call("/co-so/htx-tan-viet-a")).text();
    expect(page).toContain(`src="${draft.image}"`);
    expect(page).toContain(`alt="${alts.alt_vi}"`);
    expect((await call(draft.image)).headers.get("content-type")).toBe("image/png");
    // The documented API answer is unchanged (the photo is a page feature until the API documents it).
    expect((await getJson("/api/v1/producers/htx-tan-viet-a")).body.photo).toBeUndefined();
    // A re-import of the exported producers leaves the photo alone.
    // (The row is changed, so the import really writes it.)
    const [header = [], ...rows] = parseCsv(
      (await (await admin("GET", "/export/producers", pub.token)).text()).replace(/^\uFEFF/, ""),
    );
    const row = rows.find((r) => r[0] === "htx-tan-viet-a") ?? [];
    const name = header.indexOf("name");
    row[name] = `${row[name]} (Hòa An)`;
    const csv = toCsv([header, row]);
    const imported = await admin("POST", "/import?kind=producers&dry_run=false", pub.token, csv);
    expect(imported.status).toBe(200);
    expect((await body(imported)).counts.update).toBe(1);
    expect(await (await call("/co-so/htx-tan-viet-a")).text()).toContain(`src="${draft.image}"`);
  });

  it("can be uploaded from the producer's editor page", async () => {
    const s = await signedIn(pub.email, pub.password);
    const { html } = await s.get("/quan-tri/co-so/htx-tam-hoa");
    expect(html).toContain('action="/quan-tri/co-so/htx-tam-hoa/anh"');
    expect(html).toContain("Ảnh cơ sở");
  });
});

describe("preview", () => {
  it("renders the public product page component, with the draft's changes", async () => {
    const got = await admin("GET", "/products/mien-dong-tan-viet-a", pub.token);
    await admin(
      "PATCH",
      "/products/mien-dong-tan-viet-a",
      pub.token,
      { description_vi: "Mô tả mới chưa đăng của miến dong." },
      { "if-match": got.headers.get("etag") ?? "" },
    );
    const s = await signedIn(pub.email, pub.password);
    const { res, html } = await s.get("/quan-tri/san-pham/mien-dong-tan-viet-a/xem-truoc");
    expect(res.status).toBe(200);
    expect(html).toContain("Mô tả mới chưa đăng của miến dong.");
    // What only the public page has: its figure, its where-to-buy block with the live listings, its stylesheet.
    expect(html).toContain('class="product-figure"');
    expect(html).toContain('id="where-to-buy"');
    expect(html).toMatch(/<link rel="stylesheet" href="\/css\//);
    expect(html).toContain('name="robots" content="noindex"');
    // And the public page itself still shows the published text.
    expect(await (await call("/san-pham/mien-dong-tan-viet-a")).text()).not.toContain("Mô tả mới chưa đăng");
  });
});
