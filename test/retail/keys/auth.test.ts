// Retailer authentication, in one table over every write route: missing, malformed, forged, revoked and
// other-channel keys are refused (401 with WWW-Authenticate, or 403 naming the key's channel) and write nothing;
// bodies over the limit are refused; keys are stored only as hash and prefix and never appear in responses or logs.
import { env } from "cloudflare:workers";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { sha256Hex } from "../../../src/platform/http/api-key.ts";
import { call, getJson } from "../../helpers/http.ts";
import { createKey, json, listing, send } from "../../helpers/retail.ts";

const CHANNEL = "aeon";
const OTHER = "go-big-c";
const PRODUCT = "mien-dong-tan-viet-a";

interface WriteRoute {
  method: string;
  /** The OpenAPI path, to prove this table covers every write route the API documents. */
  template: string;
  path: (channel: string) => string;
  body?: unknown;
  /** Run before the write with this channel's key (a DELETE needs something to delete). */
  prepare?: () => Promise<void>;
  /** The key scope the route needs. */
  scope: "listings" | "webhooks";
}
/** A webhook endpoint of CHANNEL, made in beforeAll (and again before it is deleted). */
let endpoint = "";
/** A URL of its own for every registration: a channel registers a URL once (409 duplicate-endpoint). */
let registrations = 0;
// On loopback (let through in tests), where nothing listens: a ping fails at once, without a DNS lookup offline.
const hookUrl = () => `http://127.0.0.1:9/auth/${++registrations}`;
const newEndpoint = async () => {
  const res = await send("POST", `/api/v1/channels/${CHANNEL}/webhooks`, own.key, {
    url: hookUrl(),
    // No producer changes here: no delivery attempts to a host these offline tests cannot reach.
    events: ["producer"],
  });
  endpoint = (await json(res)).id;
};
const ROUTES: WriteRoute[] = [
  {
    method: "PUT",
    template: "/channels/{channel}/listings/{product}",
    path: (c) => `/api/v1/channels/${c}/listings/${PRODUCT}`,
    body: listing({ price_vnd: 1 }),
    scope: "listings",
  },
  {
    method: "DELETE",
    template: "/channels/{channel}/listings/{product}",
    path: (c) => `/api/v1/channels/${c}/listings/${PRODUCT}`,
    scope: "listings",
  },
  {
    method: "POST",
    template: "/channels/{channel}/listings/bulk",
    path: (c) => `/api/v1/channels/${c}/listings/bulk`,
    body: { items: [{ product: PRODUCT, ...listing({ price_vnd: 2 }) }] },
    scope: "listings",
  },
  {
    method: "POST",
    template: "/channels/{channel}/webhooks",
    path: (c) => `/api/v1/channels/${c}/webhooks`,
    get body() {
      return { url: hookUrl(), events: ["producer"] };
    },
    scope: "webhooks",
  },
  {
    method: "PATCH",
    template: "/channels/{channel}/webhooks/{endpoint}",
    path: (c) => `/api/v1/channels/${c}/webhooks/${endpoint}`,
    get body() {
      return { url: hookUrl() };
    },
    scope: "webhooks",
  },
  {
    method: "POST",
    template: "/channels/{channel}/webhooks/{endpoint}/rotate-secret",
    path: (c) => `/api/v1/channels/${c}/webhooks/${endpoint}/rotate-secret`,
    scope: "webhooks",
  },
  {
    method: "POST",
    template: "/channels/{channel}/webhooks/{endpoint}/ping",
    path: (c) => `/api/v1/channels/${c}/webhooks/${endpoint}/ping`,
    scope: "webhooks",
  },
  {
    method: "DELETE",
    template: "/channels/{channel}/webhooks/{endpoint}",
    path: (c) => `/api/v1/channels/${c}/webhooks/${endpoint}`,
    prepare: newEndpoint,
    scope: "webhooks",
  },
];

/** Everything a write could change, to prove a refused write changed nothing. */
async function state() {
  const rows = await env.DB.prepare("SELECT * FROM listings ORDER BY id").all();
  const seq = await env.DB.prepare("SELECT max(seq) AS n FROM changes").first<{ n: number }>();
  const endpoints = await env.DB.prepare("SELECT * FROM webhook_endpoints ORDER BY id").all();
  return { rows: rows.results, seq: seq?.n, endpoints: endpoints.results };
}

const secrets: string[] = [];
const logged: string[] = [];
const responses: string[] = [];

async function record(res: Response): Promise<Response> {
  const text = await res.clone().text();
  responses.push(text, ...[...res.headers].map(([k, v]) => `${k}: ${v}`));
  return res;
}

let own: Awaited<ReturnType<typeof createKey>>;
let other: Awaited<ReturnType<typeof createKey>>;
let revoked: Awaited<ReturnType<typeof createKey>>;
/** Keys of CHANNEL with one scope each, one that expired a second ago, one that expires next year. */
let scoped: Record<"read" | "listings" | "webhooks", Awaited<ReturnType<typeof createKey>>>;
let expired: Awaited<ReturnType<typeof createKey>>;
let expiring: Awaited<ReturnType<typeof createKey>>;

beforeAll(async () => {
  for (const level of ["log", "info", "warn", "error", "debug"] as const) {
    vi.spyOn(console, level).mockImplementation((...args: unknown[]) => {
      logged.push(args.map((a) => (a instanceof Error ? `${a.message} ${a.stack}` : String(a))).join(" "));
    });
  }
  own = await createKey(CHANNEL, "own");
  other = await createKey(OTHER, "other channel");
  revoked = await createKey(CHANNEL, "revoked");
  await env.DB.prepare("UPDATE api_keys SET revoked_at = '2026-01-01T00:00:00Z' WHERE prefix = ?")
    .bind(revoked.key.slice(0, 13))
    .run();
  scoped = {
    read: await createKey(CHANNEL, "read only", { scopes: "read" }),
    listings: await createKey(CHANNEL, "listings only", { scopes: "listings" }),
    webhooks: await createKey(CHANNEL, "webhooks only", { scopes: "webhooks" }),
  };
  expired = await createKey(CHANNEL, "expired", { expiresAt: new Date(Date.now() - 1000).toISOString() });
  expiring = await createKey(CHANNEL, "expires next year", {
    expiresAt: new Date(Date.now() + 365 * 86_400_000).toISOString(),
  });
  secrets.push(own.key, other.key, revoked.key, expired.key, expiring.key);
  secrets.push(...Object.values(scoped).map((k) => k.key));
  await newEndpoint();
});
afterAll(() => vi.restoreAllMocks());

const hex48 = () =>
  Array.from(crypto.getRandomValues(new Uint8Array(24)), (b) => b.toString(16).padStart(2, "0")).join("");

/** [case, Authorization header (or null), expected status] — built lazily, the keys exist only after beforeAll. */
const badAuth = (): [string, string | null, number][] => {
  const forgedSamePrefix = `${own.key.slice(0, 13)}${hex48().slice(0, own.key.length - 13)}`;
  secrets.push(forgedSamePrefix);
  return [
    ["no Authorization header", null, 401],
    ["empty Authorization header", "", 401],
    ["Basic credentials", `Basic ${btoa("aeon:secret")}`, 401],
    ["Bearer without a key", "Bearer", 401],
    ["Bearer with spaces only", "Bearer    ", 401],
    ["malformed key", "Bearer not-a-key", 401],
    ["key with non-hex digits", `Bearer cnnt_${"g".repeat(48)}`, 401],
    ["key one digit short", `Bearer ${own.key.slice(0, -1)}`, 401],
    ["key one digit long", `Bearer ${own.key}0`, 401],
    ["key upper-cased", `Bearer ${own.key.toUpperCase()}`, 401],
    ["key and extra words", `Bearer ${own.key} extra`, 401],
    ["two keys", `Bearer ${own.key}, Bearer ${other.key}`, 401],
    ["forged key (well-formed, unknown)", `Bearer cnnt_${hex48()}`, 401],
    ["forged key with a real key's prefix", `Bearer ${forgedSamePrefix}`, 401],
    ["the key's hash instead of the key", `Bearer ${"a".repeat(64)}`, 401],
    ["revoked key", `Bearer ${revoked.key}`, 401],
    ["expired key", `Bearer ${expired.key}`, 401],
    ["valid key of another channel", `Bearer ${other.key}`, 403],
  ];
};

describe("every write route refuses bad keys and writes nothing", () => {
  it("the table covers every write route the OpenAPI document lists", async () => {
    const { body } = await getJson("/api/v1/openapi.json");
    const documented = Object.entries(body.paths as Record<string, Record<string, unknown>>).flatMap(
      ([p, ops]) =>
        Object.keys(ops)
          // The editors' routes take editor tokens, not retailer keys: test/editor/admin.test.ts covers them.
          // POST /enquiries takes a retailer key optionally (anyone may enquire): test/enquiries/api.test.ts.
          .filter(
            (m) =>
              !p.startsWith("/admin/") &&
              p !== "/enquiries" &&
              !["get", "head", "options", "parameters"].includes(m),
          )
          .map((m) => `${m.toUpperCase()} ${p}`),
    );
    expect(documented.length).toBeGreaterThan(0);
    expect(documented.sort()).toEqual(ROUTES.map((r) => `${r.method} ${r.template}`).sort());
  });

  it.each(ROUTES.map((r) => [`${r.method} ${r.template}`, r] as const))("%s", async (_, route) => {
    for (const [name, auth, status] of badAuth()) {
      const before = await state();
      const res = await record(
        await call(route.path(CHANNEL), {
          method: route.method,
          headers: { ...(auth !== null ? { authorization: auth } : {}), "content-type": "application/json" },
          body: route.body === undefined ? undefined : JSON.stringify(route.body),
        }),
      );
      expect(res.status, name).toBe(status);
      expect(res.headers.get("content-type"), name).toMatch(/^application\/problem\+json/);
      if (status === 401)
        expect(res.headers.get("www-authenticate"), name).toMatch(/^Bearer realm="cnnt-catalogue"/);
      if (status === 403) expect((await json(res.clone())).detail, name).toContain(OTHER);
      expect(await state(), `${name}: nothing written`).toEqual(before);
    }
  });

  it.each(ROUTES.map((r) => [`${r.method} ${r.template}`, r] as const))(
    "%s: a key without the route's scope is a 403 naming it and writes nothing; one with it works",
    async (_, route) => {
      for (const [scope, key] of Object.entries(scoped)) {
        if (scope === route.scope) continue;
        const before = await state();
        const res = await record(await send(route.method, route.path(CHANNEL), key.key, route.body));
        expect(res.status, scope).toBe(403);
        const problem = await json(res);
        expect(problem.type, scope).toBe("/problems/insufficient-scope");
        expect(problem.detail, scope).toContain(`'${route.scope}'`);
        expect(await state(), `${scope}: nothing written`).toEqual(before);
      }
      for (const key of [scoped[route.scope], expiring]) {
        if (route.prepare) await route.prepare();
        else if (route.method === "DELETE")
          await record(await send("PUT", route.path(CHANNEL), own.key, listing({ price_vnd: 3 })));
        const res = await record(await send(route.method, route.path(CHANNEL), key.key, route.body));
        expect(res.status, await res.clone().text()).toBeLessThan(300);
      }
      // Leave an endpoint for the routes that follow (the DELETE route deleted it).
      if (route.prepare) await route.prepare();
    },
  );

  it("a read-only key reads the channel's webhook endpoints and deliveries; an expired one does not", async () => {
    const list = await send("GET", `/api/v1/channels/${CHANNEL}/webhooks`, scoped.read.key);
    expect(list.status).toBe(200);
    const deliveries = await send(
      "GET",
      `/api/v1/channels/${CHANNEL}/webhooks/${endpoint}/deliveries`,
      scoped.read.key,
    );
    expect(deliveries.status).toBe(200);
    const gone = await send("GET", `/api/v1/channels/${CHANNEL}/webhooks`, expired.key);
    expect(gone.status).toBe(401);
    expect((await json(gone)).detail).toContain("expired");
  });

  it.each(ROUTES.map((r) => [`${r.method} ${r.template}`, r] as const))(
    "%s with this channel's key works (so the refusals above are about the key)",
    async (_, route) => {
      if (route.prepare) await route.prepare();
      else if (route.method === "DELETE") {
        await record(await send("PUT", route.path(CHANNEL), own.key, listing({ price_vnd: 3 })));
      }
      const res = await record(await send(route.method, route.path(CHANNEL), own.key, route.body));
      expect(res.status).toBeLessThan(300);
    },
  );
});

describe("body size limits on every write route", () => {
  const big = (bytes: number) => JSON.stringify({ ...listing(), note: "x".repeat(bytes) });
  it.each([
    ["PUT listing, 65 KB", "PUT", `/api/v1/channels/${CHANNEL}/listings/${PRODUCT}`, big(65 * 1024)],
    ["bulk, 1.1 MB", "POST", `/api/v1/channels/${CHANNEL}/listings/bulk`, big(1100 * 1024)],
    ["webhook endpoint, 9 KB", "POST", `/api/v1/channels/${CHANNEL}/webhooks`, big(9 * 1024)],
    [
      "DELETE with a 1.1 MB body",
      "DELETE",
      `/api/v1/channels/${CHANNEL}/listings/${PRODUCT}`,
      big(1100 * 1024),
    ],
  ])("%s → 413 problem+json, nothing written", async (_, method, path, body) => {
    const before = await state();
    const res = await record(await send(method, path, own.key, body));
    expect(res.status).toBe(413);
    expect(res.headers.get("content-type")).toMatch(/^application\/problem\+json/);
    expect(await state()).toEqual(before);
  });

  it("a body sent without Content-Length (streamed) is limited too", async () => {
    const chunk = new TextEncoder().encode("x".repeat(64 * 1024));
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent++ >= 40) controller.close();
        else controller.enqueue(chunk);
      },
    });
    const res = await record(
      await call(`/api/v1/channels/${CHANNEL}/listings/bulk`, {
        method: "POST",
        headers: { authorization: `Bearer ${own.key}`, "content-type": "application/json" },
        body: stream,
        // @ts-expect-error: workerd's RequestInit knows `duplex` for streamed bodies
        duplex: "half",
      }),
    );
    expect(res.status).toBe(413);
  });
});

describe("keys stay secret", () => {
  it("no response, header or log line carries a key, after all of the above", async () => {
    // Read everything a retailer or the public can read after those writes.
    for (const path of [
      `/api/v1/channels/${CHANNEL}/listings/${PRODUCT}`,
      `/api/v1/channels/${CHANNEL}`,
      `/api/v1/products/${PRODUCT}`,
      "/api/v1/changes?limit=1000",
      "/api/v1/feeds/products.csv",
      "/api/v1/feeds/products.ndjson",
      "/api/v1/openapi.json",
    ]) {
      await record(await call(path));
    }
    expect(responses.length).toBeGreaterThan(100);
    for (const secret of secrets) {
      const hash = [
        ...new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(secret))),
      ]
        .map((b) => b.toString(16).padStart(2, "0"))
        .join("");
      for (const text of [...responses, ...logged]) {
        expect(text.includes(secret), "a key appears in a response or log").toBe(false);
        expect(text.includes(hash), "a key's hash appears in a response or log").toBe(false);
      }
    }
  });

  it("the database holds no key, only its SHA-256 and short prefix", async () => {
    const rows = await env.DB.prepare("SELECT * FROM api_keys").all<Record<string, unknown>>();
    expect(rows.results).toHaveLength(8);
    const dump = JSON.stringify(rows.results);
    for (const secret of secrets) {
      expect(dump.includes(secret)).toBe(false);
      expect(dump.includes(secret.slice(13))).toBe(false);
    }
    for (const k of [own, other, revoked]) {
      const row = rows.results.find((r) => r.id === k.id);
      expect(row?.hash).toBe(await sha256Hex(k.key));
      expect(row?.prefix).toBe(k.key.slice(0, 13));
    }
  });

  it("records when a key was last used", async () => {
    await env.DB.prepare("UPDATE api_keys SET last_used_at = NULL WHERE id = ?").bind(own.id).run();
    const res = await send("PUT", `/api/v1/channels/${CHANNEL}/listings/${PRODUCT}`, own.key, listing());
    expect(res.status).toBeLessThan(300);
    const row = await env.DB.prepare("SELECT last_used_at FROM api_keys WHERE id = ?")
      .bind(own.id)
      .first<{ last_used_at: string | null }>();
    expect(Date.now() - Date.parse(row?.last_used_at ?? "")).toBeLessThan(60_000);
  });
});

describe("what other origins and the contract see", () => {
  it("does not open write routes to other origins (CORS preflight allows reads only)", async () => {
    const preflight = (method: string) =>
      call(`/api/v1/channels/${CHANNEL}/listings/${PRODUCT}`, {
        method: "OPTIONS",
        headers: {
          origin: "https://evil.example",
          "access-control-request-method": method,
          "access-control-request-headers": "authorization, content-type",
        },
      });
    // A read is open to every origin, so the headers checked below are the ones a browser would act on.
    const read = await preflight("GET");
    expect(read.headers.get("access-control-allow-origin")).toBe("*");
    expect(read.headers.get("access-control-allow-methods")).toContain("GET");
    for (const method of ["PUT", "DELETE", "POST"]) {
      const res = await preflight(method);
      expect(res.headers.get("access-control-allow-origin"), method).toBeNull();
      expect(res.headers.get("access-control-allow-methods") ?? "", method).not.toContain(method);
      expect((res.headers.get("access-control-allow-headers") ?? "").toLowerCase()).not.toContain(
        "authorization",
      );
    }
  });

  it("documents the retailer routes, their statuses and the bearer scheme in the OpenAPI document", async () => {
    const doc = (await getJson("/api/v1/openapi.json")).body;
    expect(doc.components.securitySchemes.RetailerKey).toMatchObject({ type: "http", scheme: "bearer" });
    const one = doc.paths["/channels/{channel}/listings/{product}"];
    expect(one.put.security).toEqual([{ RetailerKey: [] }]);
    expect(Object.keys(one.put.responses).sort()).toEqual(
      ["200", "201", "400", "401", "403", "404", "412", "413", "415", "422", "429"].sort(),
    );
    expect(Object.keys(one.delete.responses).sort()).toEqual([
      "204",
      "400",
      "401",
      "403",
      "404",
      "412",
      "429",
    ]);
    // Public operations say so explicitly (`security: []`), so tools can tell them from protected ones.
    expect(one.get.security).toEqual([]);
    expect(doc.paths["/channels/{channel}/listings/bulk"].post.security).toEqual([{ RetailerKey: [] }]);
    for (const p of ["/changes", "/feeds/products.csv", "/feeds/products.ndjson"])
      expect(doc.paths[p].get).toBeTruthy();
  });
});
