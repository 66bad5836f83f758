import { describe, expect, it } from "vitest";
import { call } from "../../helpers/http.ts";

/** The directives of a CSP header, by name. */
function directives(csp: string | null): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const part of (csp ?? "").split(";")) {
    const [name, ...values] = part.trim().split(/\s+/);
    if (name) out.set(name.toLowerCase(), values);
  }
  return out;
}

/** The sources scripts may come from: script-src, else default-src. */
const scriptSources = (csp: Map<string, string[]>) => csp.get("script-src") ?? csp.get("default-src") ?? [];

function expectHardened(res: Response) {
  const csp = directives(res.headers.get("content-security-policy"));
  expect(csp.size, "has a CSP").toBeGreaterThan(0);
  expect(scriptSources(csp)).not.toContain("'unsafe-inline'");
  expect(scriptSources(csp)).not.toContain("'unsafe-eval'");
  expect(scriptSources(csp)).not.toContain("*");
  expect(csp.get("frame-ancestors")).toEqual(["'none'"]);
  expect(res.headers.get("strict-transport-security")).toMatch(/max-age=(\d{8,})/);
  expect(res.headers.get("x-content-type-options")).toBe("nosniff");
  expect(res.headers.get("x-frame-options")).toBe("DENY");
  expect(res.headers.get("referrer-policy")).toBe("strict-origin-when-cross-origin");
  // Headers no current browser acts on are not sent on every response.
  for (const obsolete of ["x-xss-protection", "x-download-options", "x-dns-prefetch-control"])
    expect(res.headers.has(obsolete), obsolete).toBe(false);
}

const responses: [string, string, RequestInit?][] = [
  ["product list", "/api/v1/products?q=mien"],
  ["product detail", "/api/v1/products/mien-dong-tan-viet-a"],
  ["OpenAPI document", "/api/v1/openapi.json"],
  ["400 problem", "/api/v1/products?limit=0"],
  ["404 problem", "/api/v1/products/no-such-product"],
  ["404 outside the API", "/no/such/page"],
  ["redirect", "/api"],
  ["write to a read-only path", "/api/v1/products", { method: "POST", body: "{}" }],
];

describe("security headers", () => {
  it.each(responses)(
    "%s carries a strict CSP, HSTS, nosniff, no framing and a referrer policy",
    async (_, path, init) => {
      expectHardened(await call(path, init));
    },
  );

  it("JSON responses may load nothing at all", async () => {
    const csp = directives((await call("/api/v1/products")).headers.get("content-security-policy"));
    expect(csp.get("default-src")).toEqual(["'none'"]);
  });

  it("a 304 carries what a cache needs to keep its stored copy, and nothing the stored copy already has", async () => {
    const first = await call("/api/v1/channels");
    expectHardened(first);
    const etag = first.headers.get("etag") ?? "";
    const res = await call("/api/v1/channels", { headers: { "if-none-match": etag } });
    expect(res.status).toBe(304);
    // RFC 9110 §15.4.5: the validator and caching fields a 200 would have had, plus CORS for cross-origin callers.
    expect(res.headers.get("etag")).toBe(etag);
    expect(res.headers.get("cache-control")).toBe(first.headers.get("cache-control"));
    expect(res.headers.get("vary")).toBe(first.headers.get("vary"));
    expect(res.headers.get("access-control-allow-origin")).toBe("*");
    // A browser keeps the stored 200's other fields (RFC 9111 §4.3.4): the security headers stay in force there.
    expect(res.headers.get("content-security-policy")).toBeNull();
    expect(res.headers.get("content-type")).toBeNull();
  });

  it("the API docs page runs no inline script: scripts from this origin only, never 'unsafe-inline' or a nonce", async () => {
    const res = await call("/api/docs");
    expectHardened(res);
    const csp = directives(res.headers.get("content-security-policy"));
    expect(scriptSources(csp)).toEqual(["'self'"]);
    const html = await res.text();
    const scripts = [...html.matchAll(/<script\b([^>]*)>([^<]*)<\/script>/g)];
    expect(scripts.length).toBeGreaterThan(0);
    for (const [, attrs = "", body = ""] of scripts) {
      // Each script either loads from this origin or is data the browser never runs (Scalar's options).
      const data = /type="application\/json"/.test(attrs) && body.trim() === "";
      expect(data || /src="\/[^/]/.test(attrs), attrs).toBe(true);
    }
    expect(html).not.toMatch(/src="(https?:)?\/\//);
  });
});

describe("CORS: open only for public reads", () => {
  const origin = "https://shop.example";

  it("any origin may GET the catalogue and read its ETag", async () => {
    const res = await call("/api/v1/products", { headers: { origin } });
    expect(res.headers.get("access-control-allow-origin")).toBe("*");
    expect(res.headers.get("access-control-expose-headers")).toMatch(/etag/i);
    expect(res.headers.get("access-control-allow-credentials")).toBeNull();
  });

  it("a preflight for GET is allowed, without credentials headers", async () => {
    const res = await call("/api/v1/products", {
      method: "OPTIONS",
      headers: {
        origin,
        "access-control-request-method": "GET",
        "access-control-request-headers": "if-none-match",
      },
    });
    expect(res.status).toBe(204);
    expect(res.headers.get("access-control-allow-origin")).toBe("*");
    const methods = (res.headers.get("access-control-allow-methods") ?? "").split(",");
    expect(methods).toContain("GET");
    for (const m of ["PUT", "POST", "DELETE", "PATCH"]) expect(methods).not.toContain(m);
    expect((res.headers.get("access-control-allow-headers") ?? "").toLowerCase()).not.toContain(
      "authorization",
    );
  });

  it.each(["PUT", "POST", "DELETE", "PATCH"])("a preflight for %s gets no permission", async (method) => {
    const res = await call("/api/v1/channels/aeon/listings/mien-dong-tan-viet-a", {
      method: "OPTIONS",
      headers: {
        origin,
        "access-control-request-method": method,
        "access-control-request-headers": "authorization, content-type",
      },
    });
    expect(res.status).toBeLessThan(500);
    expect(res.headers.get("access-control-allow-origin")).toBeNull();
    expect(res.headers.get("access-control-allow-methods")).toBeNull();
    expect(res.headers.get("access-control-allow-headers")).toBeNull();
  });

  it.each(["PUT", "POST", "DELETE"])("a %s response carries no CORS permission", async (method) => {
    const res = await call("/api/v1/channels/aeon/listings/mien-dong-tan-viet-a", {
      method,
      headers: { origin, "content-type": "application/json" },
      body: method === "DELETE" ? undefined : "{}",
    });
    expect(res.headers.get("access-control-allow-origin")).toBeNull();
  });
});

describe("a ceiling on every request body", () => {
  it.each(["POST", "PUT", "DELETE", "PATCH"])(
    "%s with a body over 1 MiB → 413 problem+json",
    async (method) => {
      const res = await call("/api/v1/products", { method, body: "x".repeat(1024 * 1024 + 1) });
      expect(res.status).toBe(413);
      expect(res.headers.get("content-type")).toMatch(/^application\/problem\+json/);
      expectHardened(res);
    },
  );

  it("a body within the ceiling reaches the route (here: no such write route, 404)", async () => {
    const res = await call("/api/v1/products", { method: "POST", body: "x".repeat(1000) });
    expect(res.status).toBe(404);
  });
});
