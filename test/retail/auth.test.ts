import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { sha256Hex } from "../../src/http/api-key.ts";
import { call } from "../helpers/http.ts";
import { createKey, json, listing, send } from "../helpers/retail.ts";

const product = "mien-dong-tan-viet-a";
const routes = [
  { method: "PUT", path: `/api/v1/channels/aeon/listings/${product}`, body: listing() },
  { method: "DELETE", path: `/api/v1/channels/aeon/listings/${product}`, body: undefined },
  {
    method: "POST",
    path: "/api/v1/channels/aeon/listings/bulk",
    body: { items: [{ product, ...listing() }] },
  },
];

let aeon: Awaited<ReturnType<typeof createKey>>;
let revoked: Awaited<ReturnType<typeof createKey>>;
let lotte: Awaited<ReturnType<typeof createKey>>;

beforeAll(async () => {
  aeon = await createKey("aeon");
  revoked = await createKey("aeon", "old key");
  lotte = await createKey("lotte-mart");
  await env.DB.prepare("UPDATE api_keys SET revoked_at = '2026-01-01T00:00:00Z' WHERE id = ?")
    .bind(revoked.id)
    .run();
});

describe.each(routes)("$method $path", ({ method, path, body }) => {
  const cases: [string, () => Record<string, string>][] = [
    ["no Authorization header", () => ({})],
    ["a Basic scheme", () => ({ authorization: `Basic ${btoa("aeon:x")}` })],
    ["a malformed key", () => ({ authorization: "Bearer not-a-key" })],
    ["an unknown key", () => ({ authorization: `Bearer cnnt_${"ab".repeat(24)}` })],
    [
      "a known prefix with the wrong secret",
      () => ({ authorization: `Bearer ${aeon.key.slice(0, 13)}${"0".repeat(40)}` }),
    ],
    ["a revoked key", () => ({ authorization: `Bearer ${revoked.key}` })],
  ];
  it.each(cases)("401 with WWW-Authenticate for %s, and nothing written", async (_, headers) => {
    const before = await env.DB.prepare("SELECT count(*) AS n FROM changes").first<{ n: number }>();
    const res = await call(path, {
      method,
      headers: { ...headers(), ...(body ? { "content-type": "application/json" } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    expect(res.status).toBe(401);
    expect(res.headers.get("www-authenticate")).toMatch(/^Bearer realm="cnnt-catalogue"/);
    expect(res.headers.get("content-type")).toContain("application/problem+json");
    const after = await env.DB.prepare("SELECT count(*) AS n FROM changes").first<{ n: number }>();
    expect(after?.n).toBe(before?.n);
  });

  it("403 for a valid key of another channel", async () => {
    const res = await send(method, path, lotte.key, body);
    expect(res.status).toBe(403);
    expect((await json(res)).detail).toContain("lotte-mart");
  });
});

it("stores keys only as SHA-256 and a short prefix", async () => {
  const rows = await env.DB.prepare("SELECT * FROM api_keys").all<Record<string, unknown>>();
  expect(rows.results).toHaveLength(3);
  const dump = JSON.stringify(rows.results);
  for (const k of [aeon, revoked, lotte]) {
    expect(dump).not.toContain(k.key);
    expect(dump).not.toContain(k.key.slice(13));
    const row = rows.results.find((r) => r.id === k.id);
    expect(row?.hash).toBe(await sha256Hex(k.key));
    expect(row?.prefix).toBe(k.key.slice(0, 13));
  }
});

it("records when a key was last used", async () => {
  const res = await send("PUT", `/api/v1/channels/aeon/listings/${product}`, aeon.key, listing());
  expect(res.status).toBeLessThan(300);
  const row = await env.DB.prepare("SELECT last_used_at FROM api_keys WHERE id = ?")
    .bind(aeon.id)
    .first<{ last_used_at: string | null }>();
  expect(row?.last_used_at).toMatch(/^\d{4}-\d\d-\d\dT/);
});

it("does not open write routes to other origins (CORS preflight allows reads only)", async () => {
  const res = await call(`/api/v1/channels/aeon/listings/${product}`, {
    method: "OPTIONS",
    headers: {
      origin: "https://evil.example",
      "access-control-request-method": "PUT",
      "access-control-request-headers": "authorization, content-type",
    },
  });
  expect(res.headers.get("access-control-allow-methods") ?? "").not.toContain("PUT");
  expect((res.headers.get("access-control-allow-headers") ?? "").toLowerCase()).not.toContain(
    "authorization",
  );
});

it("documents the retailer routes, their statuses and the bearer scheme in the OpenAPI document", async () => {
  const res = await call("/api/v1/openapi.json");
  const doc = await json(res);
  expect(doc.components.securitySchemes.RetailerKey).toMatchObject({ type: "http", scheme: "bearer" });
  const one = doc.paths["/channels/{channel}/listings/{product}"];
  expect(one.put.security).toEqual([{ RetailerKey: [] }]);
  expect(Object.keys(one.put.responses).sort()).toEqual(
    ["200", "201", "400", "401", "403", "404", "412", "413", "415", "422", "429"].sort(),
  );
  expect(Object.keys(one.delete.responses).sort()).toEqual(["204", "400", "401", "403", "404", "412", "429"]);
  expect(one.get.security).toBeUndefined();
  expect(doc.paths["/channels/{channel}/listings/bulk"].post.security).toEqual([{ RetailerKey: [] }]);
  for (const p of ["/changes", "/feeds/products.csv", "/feeds/products.ndjson"])
    expect(doc.paths[p].get).toBeTruthy();
});
