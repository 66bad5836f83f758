import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { call, getJson } from "../helpers/http.ts";
import { admin, body, changesOf, createEditor, createRetailerKey } from "./helpers.ts";

let pub: Awaited<ReturnType<typeof createEditor>>;
let ed: Awaited<ReturnType<typeof createEditor>>;
beforeAll(async () => {
  pub = await createEditor("publisher@example.vn", "publisher");
  ed = await createEditor("editor@example.vn", "editor");
});

const auditOf = async (entity: string, key: string) =>
  (
    await env.DB.prepare(
      "SELECT action, editor_email, changes FROM audit_events WHERE entity = ? AND entity_key = ? ORDER BY id",
    )
      .bind(entity, key)
      .all<{ action: string; editor_email: string; changes: string }>()
  ).results;

const fair = {
  slug: "hoi-cho-ocop-ha-noi",
  name: "Hội chợ OCOP Hà Nội",
  kind: "trade_fair",
  sources: ["https://congthuong.vn/hoi-cho-ocop"],
};

describe("admin API: channels", () => {
  it("publishers add a channel; it is public at once, audited, and editors may not add one", async () => {
    expect((await admin("POST", "/channels", ed.token, fair)).status).toBe(403);
    const res = await admin("POST", "/channels", pub.token, fair);
    expect(res.status).toBe(201);
    const created = await body(res);
    expect(created.record).toMatchObject({ slug: fair.slug, kind: "trade_fair", provenance: "sourced" });
    expect(res.headers.get("etag")).toBe(created.etag);
    const { status, body: pub1 } = await getJson(`/api/v1/channels/${fair.slug}`);
    expect(status).toBe(200);
    expect(pub1.name ?? pub1.data?.name).toBe(fair.name);
    expect((await auditOf("channel", fair.slug))[0]).toMatchObject({ action: "create" });
    expect((await admin("POST", "/channels", pub.token, fair)).status).toBe(409);
  });

  it("updates need If-Match: 428 without, 412 stale, 200 current; field errors are named", async () => {
    const get = await admin("GET", `/channels/${fair.slug}`, ed.token);
    const etag = get.headers.get("etag") ?? "";
    expect((await admin("PATCH", `/channels/${fair.slug}`, pub.token, { name: "X" })).status).toBe(428);
    expect(
      (await admin("PATCH", `/channels/${fair.slug}`, pub.token, { name: "X" }, { "if-match": '"c1u1"' }))
        .status,
    ).toBe(412);
    const bad = await admin(
      "PATCH",
      `/channels/${fair.slug}`,
      pub.token,
      { website: "http://insecure.example" },
      { "if-match": etag },
    );
    expect(bad.status).toBe(422);
    expect((await body(bad)).invalid_params[0].name).toBe("website");
    const ok = await admin(
      "PATCH",
      `/channels/${fair.slug}`,
      pub.token,
      { name: "Hội chợ OCOP Thủ đô" },
      { "if-match": etag },
    );
    expect(ok.status).toBe(200);
    expect(ok.headers.get("etag")).not.toBe(etag);
    const again = await admin(
      "PATCH",
      `/channels/${fair.slug}`,
      pub.token,
      { name: "Lost update" },
      { "if-match": etag },
    );
    expect(again.status).toBe(412);
    const events = await auditOf("channel", fair.slug);
    expect(events.at(-1)?.action).toBe("update");
    expect(JSON.parse(events.at(-1)?.changes ?? "[]")).toEqual([
      { field: "name", before: fair.name, after: "Hội chợ OCOP Thủ đô" },
    ]);
  });

  it("lists with accent-free search and a kind filter", async () => {
    const { body: list } = await getJson("/api/v1/admin/channels?q=hoi%20cho&facet=trade_fair", {
      headers: { authorization: `Bearer ${ed.token}` },
    });
    const slugs = list.data.map((r: { key: string }) => r.key);
    expect(slugs).toContain(fair.slug);
    expect(slugs).not.toContain("aeon");
  });
});

describe("admin API: listings", () => {
  const listing = {
    channel: fair.slug,
    product: "mien-dong-tan-viet-a",
    status: "in_stock",
    price_vnd: 65000,
  };

  it("publishers list a product at a channel without a retailer key; the change feed has it", async () => {
    const unknown = await admin("POST", "/listings", pub.token, { ...listing, product: "khong-co" });
    expect(unknown.status).toBe(422);
    expect((await body(unknown)).invalid_params[0].name).toBe("product");
    const res = await admin("POST", "/listings", pub.token, listing);
    expect(res.status).toBe(201);
    expect((await body(res)).key).toBe(`${fair.slug}/mien-dong-tan-viet-a`);
    expect(await changesOf("listing", `${fair.slug}/mien-dong-tan-viet-a`)).toEqual(["upsert"]);
  });

  it("a keyed channel's listing: editors check it, nobody overwrites the retailer's fields", async () => {
    await createRetailerKey("lotte-mart");
    const path = "/listings/lotte-mart/mien-dong-tan-viet-a";
    const got = await admin("GET", path, ed.token);
    expect((await body(got)).retailer_keyed).toBe(true);
    const etag = got.headers.get("etag") ?? "";
    const price = await admin("PATCH", path, pub.token, { price_vnd: 1 }, { "if-match": etag });
    expect(price.status).toBe(409);
    expect((await body(price)).invalid_params[0].name).toBe("price_vnd");
    expect((await admin("DELETE", path, pub.token)).status).toBe(409);
    const check = await admin("POST", `${path}/check`, ed.token, { note: "Đã gọi điện kiểm tra" });
    expect(check.status).toBe(200);
    const checked = await body(check);
    expect(checked.record.last_verified).toBe(new Date().toISOString().slice(0, 10));
    expect(checked.record.note).toBe("Đã gọi điện kiểm tra");
    // The retailer's ETag moved with the editor's check, so its next write must re-read first.
    expect(checked.etag).not.toBe(etag);
    const retail = await getJson(
      "/api/v1/channels/lotte-mart/listings/mien-dong-tan-viet-a?include=illustrative",
    );
    expect(retail.res.headers.get("etag")).toBe(checked.etag);
    expect((await auditOf("listing", "lotte-mart/mien-dong-tan-viet-a"))[0]?.action).toBe("check");
  });

  it("deleting a listing leaves a tombstone", async () => {
    const key = `${fair.slug}/mien-dong-tan-viet-a`;
    expect((await admin("DELETE", `/listings/${key}`, ed.token)).status).toBe(403);
    expect((await admin("DELETE", `/listings/${key}`, pub.token)).status).toBe(204);
    expect(await changesOf("listing", key)).toEqual(["upsert", "delete"]);
    expect((await admin("GET", `/listings/${key}`, ed.token)).status).toBe(404);
  });

  it("lists listings not checked for 90 days", async () => {
    const { body: list } = await getJson("/api/v1/admin/listings?stale=true", {
      headers: { authorization: `Bearer ${ed.token}` },
    });
    const keys = list.data.map((r: { key: string }) => r.key);
    expect(keys).toContain("go-big-c/lap-suon-thit-hun-khoi-tam-hoa");
    expect(keys).not.toContain("lotte-mart/mien-dong-tan-viet-a");
  });
});

describe("admin API: support projects and programme figures", () => {
  it("a support project names an existing producer and shows on the producer's public page", async () => {
    const project = {
      producer: "htx-tam-hoa",
      year: 2024,
      fund: "local",
      amount_vnd: 150000000,
      title_vi: "Hỗ trợ máy đóng gói hút chân không",
      title_en: "Support for a vacuum packing machine",
      source_url: "https://caobang.gov.vn/khuyen-cong-2024",
    };
    const missing = await admin("POST", "/support-projects", pub.token, { ...project, producer: "khong-co" });
    expect(missing.status).toBe(422);
    const res = await admin("POST", "/support-projects", pub.token, project);
    expect(res.status).toBe(201);
    const created = await body(res);
    expect(Number(created.key)).toBeGreaterThanOrEqual(1_000_000);
    const page = await call("/co-so/htx-tam-hoa");
    expect(await page.text()).toContain(project.title_vi);
    expect((await auditOf("support_project", created.key))[0]?.action).toBe("create");
    const del = await admin("DELETE", `/support-projects/${created.key}`, pub.token, undefined, {
      "if-match": created.etag,
    });
    expect(del.status).toBe(204);
    expect((await auditOf("support_project", created.key)).map((e) => e.action)).toEqual([
      "create",
      "delete",
    ]);
  });

  it("a programme figure can be corrected, with its hedge, and the programme shows it", async () => {
    const got = await admin("GET", "/programme-figures/projects_total", ed.token);
    expect(got.status).toBe(200);
    const res = await admin(
      "PATCH",
      "/programme-figures/projects_total",
      pub.token,
      { value: 24, qualifier: "more_than" },
      { "if-match": got.headers.get("etag") ?? "" },
    );
    expect(res.status).toBe(200);
    const { body: programme } = await getJson("/api/v1/programme");
    expect(JSON.stringify(programme)).toMatch(/"projects_total"[^}]*24|24[^}]*"projects_total"/);
    const bad = await admin(
      "PATCH",
      "/programme-figures/projects_total",
      pub.token,
      { value: -1 },
      { "if-match": (await body(res)).etag },
    );
    expect(bad.status).toBe(422);
  });
});
