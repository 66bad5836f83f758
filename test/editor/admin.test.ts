import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { call, getJson } from "../helpers/http.ts";
import {
  admin,
  body,
  changesOf,
  createEditor,
  createRetailerKey,
  producer,
  product,
  recognition,
} from "./helpers.ts";

let pub: Awaited<ReturnType<typeof createEditor>>;
let ed: Awaited<ReturnType<typeof createEditor>>;
beforeAll(async () => {
  pub = await createEditor("publisher@example.vn", "publisher");
  ed = await createEditor("editor@example.vn", "editor");
});

describe("admin API: credentials", () => {
  it("refuses requests without a token (401) and retailer keys (403)", async () => {
    expect((await admin("GET", "/products/mien-dong-tan-viet-a", null)).status).toBe(401);
    const key = await createRetailerKey("aeon");
    const res = await admin("GET", "/products/mien-dong-tan-viet-a", key);
    expect(res.status).toBe(403);
    expect((await body(res)).detail).toMatch(/Retailer API keys/);
    // A token one character off (never the same character: tokens are random, so a fixed one flaked 1 in 16).
    const forged = `${ed.token.slice(0, -1)}${ed.token.endsWith("0") ? "1" : "0"}`;
    expect((await admin("GET", "/products/mien-dong-tan-viet-a", forged)).status).toBe(401);
  });

  it("refuses editor tokens on retailer routes", async () => {
    const res = await call("/api/v1/channels/aeon/listings/mien-dong-tan-viet-a", {
      method: "PUT",
      headers: { authorization: `Bearer ${pub.token}`, "content-type": "application/json" },
      body: JSON.stringify({ status: "in_stock" }),
    });
    expect(res.status).toBe(401);
  });

  it("refuses a revoked token", async () => {
    const other = await createEditor("revoked@example.vn", "publisher");
    expect((await admin("GET", "/products/mien-dong-tan-viet-a", other.token)).status).toBe(200);
    await env.DB.prepare("UPDATE editor_tokens SET revoked_at = 'now' WHERE prefix = ?")
      .bind(other.prefix)
      .run();
    expect((await admin("GET", "/products/mien-dong-tan-viet-a", other.token)).status).toBe(401);
  });

  it("keeps publishing, deleting and reading the audit trail to publishers", async () => {
    expect((await admin("POST", "/products/mien-dong-tan-viet-a/publish", ed.token)).status).toBe(403);
    expect((await admin("DELETE", "/recognitions/1", ed.token)).status).toBe(403);
    expect((await admin("GET", "/audit", ed.token)).status).toBe(403);
  });
});

describe("admin API: drafts, publishing, provenance", () => {
  it("a new product stays private until published, then flows to search, tiers and the change feed", async () => {
    let res = await admin("POST", "/producers", ed.token, producer());
    expect(res.status).toBe(201);
    res = await admin("POST", "/products", ed.token, product());
    expect(res.status).toBe(201);
    expect((await body(res)).status).toBe("draft");
    res = await admin("POST", "/recognitions", ed.token, recognition());
    expect(res.status).toBe(201);
    const rec = await body(res);
    expect(Number(rec.key)).toBeGreaterThanOrEqual(1_000_000);

    // Not public yet: no page, no API detail, no search hit, no change-feed entry.
    expect((await call("/api/v1/products/banh-khao-thu-nghiem")).status).toBe(404);
    expect((await getJson("/api/v1/products?q=banh khao thu nghiem")).body.data).toHaveLength(0);
    expect(await changesOf("product", "banh-khao-thu-nghiem")).toEqual([]);

    res = await admin("POST", "/products/banh-khao-thu-nghiem/publish", pub.token);
    expect(res.status).toBe(200);
    const published = await body(res);
    expect(published.status).toBe("published");
    expect(published.recognitions[0].status).toBe("published");

    const detail = await getJson("/api/v1/products/banh-khao-thu-nghiem");
    expect(detail.status).toBe(200);
    const hits = (await getJson("/api/v1/products?q=banh khao thu nghiem")).body.data;
    expect(hits.map((p: { slug: string }) => p.slug)).toContain("banh-khao-thu-nghiem");
    const row = await env.DB.prepare(
      "SELECT ocop_stars FROM products WHERE slug = 'banh-khao-thu-nghiem'",
    ).first<{ ocop_stars: number }>();
    expect(row?.ocop_stars).toBe(4);
    // Published: upserts only (the insert, then the tier trigger's update), never a delete.
    expect(new Set(await changesOf("product", "banh-khao-thu-nghiem"))).toEqual(new Set(["upsert"]));
    expect((await call("/api/v1/producers/htx-thu-nghiem")).status).toBe(200);
  });

  it("refuses to publish a product without an https source, naming the field", async () => {
    await admin("POST", "/products", ed.token, product({ slug: "khong-nguon", sources: [] }));
    const res = await admin("POST", "/products/khong-nguon/publish", pub.token);
    expect(res.status).toBe(422);
    expect((await body(res)).invalid_params).toEqual([
      { name: "sources", reason: expect.stringMatching(/https source/) },
    ]);
    expect((await call("/api/v1/products/khong-nguon")).status).toBe(404);
    // An http source is kept as the publisher serves it, but is not enough on its own to publish.
    const http = await admin(
      "POST",
      "/products",
      ed.token,
      product({ slug: "nguon-http", sources: ["http://caobang.gov.vn/x"] }),
    );
    expect(http.status).toBe(201);
    const unpublished = await admin("POST", "/products/nguon-http/publish", pub.token);
    expect(unpublished.status).toBe(422);
    expect((await body(unpublished)).invalid_params).toEqual([
      { name: "sources", reason: expect.stringMatching(/https source/) },
    ]);
  });

  it("a recognition needs scheme, level or stars, year, issuer and an https source", async () => {
    const res = await admin(
      "POST",
      "/recognitions",
      ed.token,
      recognition({ stars: null, year: null, issuer: null, source_url: "http://x.vn" }),
    );
    expect(res.status).toBe(422);
    const names = (await body(res)).invalid_params.map((p: { name: string }) => p.name).sort();
    expect(names).toEqual(["issuer", "source_url", "stars", "year"]);
    const cnnt = await admin("POST", "/recognitions", ed.token, recognition({ scheme: "cnnt", stars: null }));
    expect((await body(cnnt)).invalid_params.map((p: { name: string }) => p.name)).toEqual(["level"]);
  });

  it("only publishers mark a recognition verified", async () => {
    const res = await admin("POST", "/recognitions", ed.token, recognition({ verified: true }));
    expect(res.status).toBe(403);
  });
});

describe("admin API: If-Match", () => {
  it("needs If-Match on updates (428), refuses a stale one (412) and accepts the current one", async () => {
    const current = await admin("GET", "/products/mien-dong-tan-viet-a", ed.token);
    const etag = current.headers.get("etag") ?? "";
    expect(etag).toMatch(/^"0\./);
    expect(
      (await admin("PATCH", "/products/mien-dong-tan-viet-a", ed.token, { name_en: "Arrowroot noodles" }))
        .status,
    ).toBe(428);
    let res = await admin(
      "PATCH",
      "/products/mien-dong-tan-viet-a",
      ed.token,
      { name_en: "Arrowroot noodles" },
      { "if-match": etag },
    );
    expect(res.status).toBe(200);
    const changed = await body(res);
    expect(changed.status).toBe("changed");
    expect(changed.draft.name_en).toBe("Arrowroot noodles");
    // The public record is untouched until published.
    expect((await getJson("/api/v1/products/mien-dong-tan-viet-a?lang=en")).body.name).not.toBe(
      "Arrowroot noodles",
    );
    res = await admin(
      "PATCH",
      "/products/mien-dong-tan-viet-a",
      ed.token,
      { name_en: "Other" },
      { "if-match": etag },
    );
    expect(res.status).toBe(412);
    expect(res.headers.get("etag")).toBe(changed.etag);
  });
});

describe("admin API: deletes and the audit trail", () => {
  it("deleting a recognition leaves a tombstone in the change feed and recomputes the tier", async () => {
    const before = await env.DB.prepare(
      "SELECT r.id, p.slug FROM recognitions r JOIN products p ON p.id = r.product_id WHERE r.scheme = 'ocop' LIMIT 1",
    ).first<{ id: number; slug: string }>();
    const res = await admin("DELETE", `/recognitions/${before?.id}`, pub.token);
    expect(res.status).toBe(204);
    expect((await changesOf("recognition", String(before?.id))).at(-1)).toBe("delete");
  });

  it("deleting a product leaves a tombstone", async () => {
    const res = await admin("DELETE", "/products/banh-khao-thu-nghiem", pub.token);
    expect(res.status).toBe(204);
    expect((await changesOf("product", "banh-khao-thu-nghiem")).at(-1)).toBe("delete");
    expect((await call("/api/v1/products/banh-khao-thu-nghiem")).status).toBe(404);
  });

  it("records who changed which field, when and from where", async () => {
    const res = await admin("GET", "/audit?entity=product&key=mien-dong-tan-viet-a", pub.token);
    expect(res.status).toBe(200);
    const events = (await body(res)).data;
    expect(events[0]).toMatchObject({
      editor: "editor@example.vn",
      via: "api",
      action: "update",
      changes: [{ field: "name_en", before: expect.any(String), after: "Arrowroot noodles" }],
    });
    const all = (await body(await admin("GET", "/audit?limit=200", pub.token))).data;
    expect(all.map((e: { action: string }) => e.action)).toEqual(
      expect.arrayContaining(["create", "publish", "delete"]),
    );
  });
});

describe("OpenAPI", () => {
  it("documents the admin operations with their own security scheme", async () => {
    const doc = (await getJson("/api/v1/openapi.json")).body;
    const ops = Object.values(
      doc.paths as Record<string, Record<string, { operationId?: string; security?: unknown }>>,
    )
      .flatMap((p) => Object.values(p))
      .filter((o) => o.security && JSON.stringify(o.security).includes("EditorToken"))
      .map((o) => o.operationId);
    for (const id of [
      "createProduct",
      "updateProduct",
      "publishProduct",
      "deleteProduct",
      "createProducer",
      "updateProducer",
      "createRecognition",
      "updateRecognition",
      "deleteRecognition",
      "importCatalogue",
      "listAuditEvents",
    ]) {
      expect(ops).toContain(id);
    }
    expect(doc.components.securitySchemes.EditorToken.scheme).toBe("bearer");
  });
});

describe("write guards", () => {
  it("abort the whole batch when the record changed between the read and the write", async () => {
    const { countedD1 } = await import("../../src/platform/db/client.ts");
    const { guard, readState, runBatch, draftStatement, isGuardFailure } = await import(
      "../../src/editor/records/store.ts"
    );
    const d1 = countedD1(env.DB);
    const s = await readState(d1, "producer", "htx-tam-hoa");
    // Someone else publishes a change meanwhile.
    await env.DB.prepare(
      "UPDATE producers SET representative = 'Someone else', updated_at = '2099-01-01T00:00:00.000Z' WHERE slug = 'htx-tam-hoa'",
    ).run();
    const write = runBatch(d1, [
      guard("producer", s),
      draftStatement("producer", "htx-tam-hoa", { slug: "htx-tam-hoa" }, 1),
    ]);
    await expect(write).rejects.toSatisfy(isGuardFailure);
    const draft = await env.DB.prepare(
      "SELECT count(*) AS n FROM editor_drafts WHERE key = 'htx-tam-hoa'",
    ).first<{ n: number }>();
    expect(draft?.n).toBe(0);
  });
});
