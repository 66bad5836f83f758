// Configuration fails closed (issue 11, finding 4): no secret in wrangler.toml, and a Worker without its secret,
// with a short or development secret on a public origin, or naming localhost on a public host, serves nothing.
import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { afterEach, describe, expect, it, vi } from "vitest";
import app from "../../src/index.ts";
import wranglerToml from "../../wrangler.toml?raw";

const STRONG = "f3a9c1d27e8b4a6c9d0e1f2a3b4c5d6e7f8091a2b3c4d5e6";

async function fetchWith(
  url: string,
  vars: { CURSOR_SECRET?: string; PUBLIC_ORIGIN?: string; WEBHOOK_ALLOW_LOOPBACK?: string },
) {
  const ctx = createExecutionContext();
  // The tests' binding lets webhooks reach a loopback receiver; it is judged by its own case below.
  const res = await app.fetch(new Request(url), { ...env, WEBHOOK_ALLOW_LOOPBACK: undefined, ...vars }, ctx);
  await waitOnExecutionContext(ctx);
  return res;
}

afterEach(() => vi.restoreAllMocks());

describe("wrangler.toml", () => {
  it("holds no secret and no origin: `wrangler deploy` cannot overwrite the real ones", () => {
    expect(wranglerToml).not.toMatch(/^\s*\[vars\]/m);
    expect(wranglerToml).not.toMatch(/^\s*CURSOR_SECRET\s*=/m);
    expect(wranglerToml).not.toMatch(/^\s*PUBLIC_ORIGIN\s*=/m);
  });
});

describe("the Worker refuses to serve with an unsafe configuration", () => {
  it("logs the reason once, however many requests it refuses", async () => {
    const log = vi.spyOn(console, "error").mockImplementation(() => {});
    for (let i = 0; i < 3; i++) {
      const res = await fetchWith("https://cnnt.example.vn/", {
        CURSOR_SECRET: "a-secret-of-exactly-thirty-one!",
        PUBLIC_ORIGIN: "https://cnnt.example.vn",
      });
      expect(res.status).toBe(500);
    }
    expect(log.mock.calls.map((c) => String(c[0]))).toEqual([
      "configuration refused: CURSOR_SECRET is shorter than 32 characters",
    ]);
  });

  const refused: [
    string,
    string,
    { CURSOR_SECRET?: string; PUBLIC_ORIGIN?: string; WEBHOOK_ALLOW_LOOPBACK?: string },
  ][] = [
    [
      "the test-only webhook loopback setting on a public origin",
      "https://cnnt.example.vn/api/v1/products",
      { CURSOR_SECRET: STRONG, PUBLIC_ORIGIN: "https://cnnt.example.vn", WEBHOOK_ALLOW_LOOPBACK: "1" },
    ],
    [
      "no secret",
      "https://cnnt.example.vn/api/v1/products",
      { CURSOR_SECRET: "", PUBLIC_ORIGIN: "https://cnnt.example.vn" },
    ],
    [
      "a short secret",
      "https://cnnt.example.vn/api/v1/products",
      { CURSOR_SECRET: "short-secret", PUBLIC_ORIGIN: "https://cnnt.example.vn" },
    ],
    [
      "the released development secret",
      "https://cnnt.example.vn/san-pham",
      { CURSOR_SECRET: "local-development-cursor-secret", PUBLIC_ORIGIN: "https://cnnt.example.vn" },
    ],
    [
      "a generated development secret on a public origin",
      "https://cnnt.example.vn/api/v1/changes",
      { CURSOR_SECRET: env.CURSOR_SECRET, PUBLIC_ORIGIN: "https://cnnt.example.vn" },
    ],
    [
      "a local PUBLIC_ORIGIN on a public host",
      "https://cnnt.example.vn/sitemap.xml",
      { CURSOR_SECRET: STRONG, PUBLIC_ORIGIN: "http://localhost:8787" },
    ],
    ["no PUBLIC_ORIGIN", "https://cnnt.example.vn/", { CURSOR_SECRET: STRONG, PUBLIC_ORIGIN: "" }],
    [
      "a public origin over http",
      "http://cnnt.example.vn/",
      { CURSOR_SECRET: STRONG, PUBLIC_ORIGIN: "http://cnnt.example.vn" },
    ],
  ];
  for (const [what, url, vars] of refused) {
    it(`${what}: 500 problem+json with security headers, the reason logged once`, async () => {
      const log = vi.spyOn(console, "error").mockImplementation(() => {});
      for (let i = 0; i < 3; i++) {
        const res = await fetchWith(url, vars);
        expect(res.status).toBe(500);
        expect(res.headers.get("content-type")).toMatch(/^application\/problem\+json/);
        expect(res.headers.get("x-content-type-options")).toBe("nosniff");
        expect(res.headers.get("cache-control")).toBe("no-store");
        const body = await res.json<{ type: string; detail: string }>();
        expect(body.type).toBe("/problems/misconfigured");
        // The client learns nothing about which value is wrong.
        expect(body.detail).not.toMatch(/CURSOR_SECRET|PUBLIC_ORIGIN/);
      }
      const reasons = log.mock.calls
        .map((c) => String(c[0]))
        .filter((l) => l.startsWith("configuration refused"));
      // Logged at most once per isolate: another case may already have logged the same reason.
      expect(new Set(reasons).size).toBe(reasons.length);
      expect(reasons.length).toBeLessThanOrEqual(1 + Number(what === "no PUBLIC_ORIGIN"));
    });
  }

  it("serves with a strong secret and its own public origin, and names that origin in canonical links", async () => {
    const res = await fetchWith("https://cnnt.example.vn/san-pham", {
      CURSOR_SECRET: STRONG,
      PUBLIC_ORIGIN: "https://cnnt.example.vn",
    });
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('href="https://cnnt.example.vn/san-pham"');
    expect(html).not.toContain("localhost");
  });

  it("serves locally with the development values (the tests' own configuration)", async () => {
    const res = await fetchWith("http://localhost/api/v1/channels", {});
    expect(res.status).toBe(200);
    expect(env.CURSOR_SECRET.startsWith("local-development-")).toBe(true);
  });
});
