import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { detectImageType, MAX_PHOTO_BYTES } from "../../src/editor/photos/photos.ts";
import { call } from "../helpers/http.ts";
import { admin, body, createEditor } from "./helpers.ts";

// A real 1×1 PNG.
const PNG = Uint8Array.from(
  atob("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=="),
  (c) => c.charCodeAt(0),
);
const JPEG_START = [0xff, 0xd8, 0xff, 0xe0];

let pub: Awaited<ReturnType<typeof createEditor>>;
beforeAll(async () => {
  pub = await createEditor("anh@example.vn", "publisher");
});

async function etag(slug: string) {
  return (await admin("GET", `/products/${slug}`, pub.token)).headers.get("etag") ?? "";
}
async function upload(
  slug: string,
  file: File,
  alts: Record<string, string> = { alt_vi: "Gói miến dong", alt_en: "A pack of arrowroot noodles" },
) {
  const form = new FormData();
  form.set("photo", file);
  for (const [k, v] of Object.entries(alts)) form.set(k, v);
  return call(`/api/v1/admin/products/${slug}/photo`, {
    method: "POST",
    headers: { authorization: `Bearer ${pub.token}`, "if-match": await etag(slug) },
    body: form,
  });
}

describe("product photos", () => {
  it("are judged by their bytes: JPEG, PNG and WebP only, whatever the name or declared type", async () => {
    expect(detectImageType(PNG)).toBe("image/png");
    expect(detectImageType(Uint8Array.from([...JPEG_START, 0, 0]))).toBe("image/jpeg");
    expect(detectImageType(new TextEncoder().encode("RIFF\0\0\0\0WEBPVP8 "))).toBe("image/webp");
    expect(detectImageType(new TextEncoder().encode("<svg xmlns='http://www.w3.org/2000/svg'/>"))).toBeNull();
    const res = await upload(
      "mien-dong-tan-viet-a",
      new File(["<html>not a photo</html>"], "photo.jpg", { type: "image/jpeg" }),
    );
    expect(res.status).toBe(415);
    expect((await body(res)).detail).toMatch(/contents/);
  });

  it("are refused above the size cap", async () => {
    const big = new Uint8Array(MAX_PHOTO_BYTES + 1);
    big.set(JPEG_START);
    const res = await upload("mien-dong-tan-viet-a", new File([big], "big.jpg", { type: "image/jpeg" }));
    expect(res.status).toBe(413);
  });

  it("need alt text in both languages", async () => {
    const res = await upload("mien-dong-tan-viet-a", new File([PNG], "p.png", { type: "image/png" }), {
      alt_vi: "Gói miến",
      alt_en: "",
    });
    expect(res.status).toBe(422);
    expect((await body(res)).invalid_params.map((p: { name: string }) => p.name)).toEqual(["alt_en"]);
  });

  it("are stored in R2, served with their type and immutable caching, and shown once published", async () => {
    const res = await upload(
      "mien-dong-tan-viet-a",
      new File([PNG], "anything.bin", { type: "application/octet-stream" }),
    );
    expect(res.status).toBe(200);
    const draft = (await body(res)).draft;
    expect(draft.image).toMatch(/^\/anh\/products\/mien-dong-tan-viet-a\/[0-9a-f]{24}\.png$/);
    const key = draft.image.slice("/anh/".length);
    expect(await env.PHOTOS.head(key)).not.toBeNull();

    const served = await call(draft.image);
    expect(served.status).toBe(200);
    expect(served.headers.get("content-type")).toBe("image/png");
    expect(served.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
    expect(new Uint8Array(await served.arrayBuffer())).toEqual(PNG);
    expect((await call("/anh/products/nothing-here.png")).status).toBe(404);

    // Not on the public page until the draft is published.
    expect(await (await call("/san-pham/mien-dong-tan-viet-a")).text()).not.toContain(draft.image);
    expect((await admin("POST", "/products/mien-dong-tan-viet-a/publish", pub.token)).status).toBe(200);
    const page = await (await call("/san-pham/mien-dong-tan-viet-a")).text();
    expect(page).toContain(`src="${draft.image}`);
    expect(page).toContain('alt="Gói miến dong"');
    const en = await (await call("/en/products/mien-dong-tan-viet-a")).text();
    expect(en).toContain('alt="A pack of arrowroot noodles"');
  });
});
