// What a client sees when the Worker itself fails (here: D1 is down): a 500 in the one error shape — problem+json
// for the API, the site's own error page for the pages — with nothing internal in it, never cached, and logged.
import { env } from "cloudflare:workers";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import worker from "../../../src/index.ts";

const SECRET_DETAIL = "D1_ERROR: no such table: internal_secret_table";

/** An env whose D1 fails every query, as an outage or a bad deploy would. */
function brokenEnv() {
  const fail = () => {
    throw new Error(SECRET_DETAIL);
  };
  const statement = { bind: () => statement, first: fail, all: fail, run: fail, raw: fail };
  const session = {
    prepare: () => statement,
    batch: async () => fail(),
    getBookmark: () => null,
  };
  return { ...env, DB: { ...session, withSession: () => session } } as unknown as typeof env;
}

const ctx = { waitUntil() {}, passThroughOnException() {}, props: {} } as unknown as ExecutionContext;
const fetchBroken = (path: string) => worker.fetch(new Request(`http://localhost${path}`), brokenEnv(), ctx);

let logged: string[] = [];
beforeEach(() => {
  logged = [];
  vi.spyOn(console, "error").mockImplementation((...args: unknown[]) => {
    logged.push(args.map(String).join(" "));
  });
});
afterEach(() => vi.restoreAllMocks());

describe("500s", () => {
  it.each([
    "/api/v1/products",
    "/api/v1/products/mien-dong-tan-viet-a",
    "/api/v1/changes",
    "/api/v1/feeds/products.csv",
  ])("API %s: a 500 problem+json that says nothing internal, not cached, logged", async (path) => {
    const res = await fetchBroken(path);
    expect(res.status).toBe(500);
    expect(res.headers.get("content-type")).toMatch(/^application\/problem\+json/);
    expect(res.headers.get("cache-control") ?? "").not.toMatch(/public|max-age=[1-9]/);
    const text = await res.text();
    const body = JSON.parse(text);
    expect(body).toMatchObject({ status: 500, title: "Internal Server Error" });
    expect(body.detail).toMatch(/unexpected error/i);
    expect(text).not.toContain("internal_secret_table");
    expect(text).not.toMatch(/D1_ERROR|\bat .+\.(ts|js):\d+/);
    expect(logged.join("\n")).toContain("internal_secret_table");
  });

  it.each([
    ["/", "vi", "Đã có lỗi"],
    ["/en/products", "en", "Something went wrong"],
    ["/san-pham/mien-dong-tan-viet-a", "vi", "Đã có lỗi"],
    ["/en/producers", "en", "Something went wrong"],
  ])("page %s: the site's 500 page in its language, not cached, logged", async (path, lang, title) => {
    const res = await fetchBroken(path);
    expect(res.status).toBe(500);
    expect(res.headers.get("content-type")).toContain("text/html");
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(res.headers.get("content-security-policy")).toContain("default-src 'none'");
    const html = await res.text();
    expect(html).toContain(`<html lang="${lang}">`);
    expect(html).toContain(`<title>${title}`);
    expect(html).toMatch(/<form class="search search-big"/);
    expect(html).toContain('<meta name="robots" content="noindex"/>');
    expect(html).not.toContain("internal_secret_table");
    expect(logged.join("\n")).toContain("internal_secret_table");
  });
});
