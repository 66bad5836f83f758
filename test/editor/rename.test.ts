import { beforeAll, describe, expect, it } from "vitest";
import { getJson } from "../helpers/http.ts";
import { admin, body, createEditor, product } from "./helpers.ts";

let pub: Awaited<ReturnType<typeof createEditor>>;
beforeAll(async () => {
  pub = await createEditor("doi-ten@example.vn", "publisher");
});

const found = async (q: string) =>
  (await getJson(`/api/v1/products?q=${encodeURIComponent(q)}`)).body.data.map(
    (p: { slug: string }) => p.slug,
  );

describe("renaming a producer", () => {
  it("its products are found by the new name", async () => {
    expect(await found("tan viet a")).toContain("mien-dong-tan-viet-a");
    const got = await admin("GET", "/producers/htx-tan-viet-a", pub.token);
    expect(got.status).toBe(200);
    const renamed = await admin(
      "PATCH",
      "/producers/htx-tan-viet-a",
      pub.token,
      { name: "Hợp tác xã Phia Đén Xanh" },
      { "if-match": got.headers.get("etag") ?? "" },
    );
    expect(renamed.status).toBe(200);
    const pub1 = await admin("POST", "/producers/htx-tan-viet-a/publish", pub.token);
    expect(pub1.status).toBe(200);
    expect(await found("phia den xanh")).toContain("mien-dong-tan-viet-a");
    expect(await found("hop tac xa phia den xanh")).toContain("mien-dong-tan-viet-a");
  });
});

describe("slugs that are editor page paths", () => {
  it("'moi' and 'new' are refused, so a record never hides behind the new-record form", async () => {
    for (const slug of ["moi", "new"]) {
      const res = await admin("POST", "/products", pub.token, product({ slug, producer: "htx-tam-hoa" }));
      expect(res.status).toBe(422);
      expect((await body(res)).invalid_params[0]).toMatchObject({ name: "slug" });
    }
  });
});
