// The response cache against every public GET of the contract, parameter by parameter: two URLs that differ only
// in one selecting parameter are two entries (each answered as the app answers it with the cache off), a
// conditional miss never leaves an empty body behind, and nothing but a 200 is stored.
import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { beforeEach, describe, expect, it } from "vitest";
import app from "../../src/index.ts";
import { resetIsolateCache } from "../../src/platform/http/response-cache.ts";
import { candidateValues, type Operation, operations, urlOf } from "./operations.ts";

const ON = { CACHE_VERSION_TTL_MS: "60000", DEV_MODE: "1" };
const OFF = { CACHE_VERSION_TTL_MS: "0", DEV_MODE: "1" };

/** A request through the Worker's fetch with the cache on or off; waits for its background work (the stores). */
async function get(url: string, vars: Record<string, string>, headers: Record<string, string> = {}) {
  const ctx = createExecutionContext();
  const res = await app.fetch(new Request(`http://localhost${url}`, { headers }), { ...env, ...vars }, ctx);
  const text = await res.text();
  await waitOnExecutionContext(ctx);
  return { status: res.status, text, layer: res.headers.get("x-cache"), etag: res.headers.get("etag") };
}
const HIT = new Set(["lru", "cache-api"]);

const publicReads = (await operations()).filter((op) => op.method === "GET" && op.security.length === 0);

/** The query of a URL that pages (`cursor` needs the `limit` it was issued under). */
const pagedBy = (name: string): Record<string, string> => (name === "cursor" ? { limit: "1" } : {});

const parse = (text: string) => {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
};

/**
 * Path values to try for `op`: its declared examples, then — for a record's path (`/producers/{slug}`) — the
 * slugs its list shows, so that a parameter the example record cannot show (`include` on a record without
 * illustrative parts) is tried on records that can.
 */
async function pathValues(op: Operation): Promise<Record<string, string>[]> {
  const params = op.parameters.filter((p) => p.in === "path");
  if (params.length === 0) return [{}];
  const out: Record<string, string>[] = [{}];
  const list = publicReads.find((l) => `${l.path}/{${params[0]?.name}}` === op.path);
  if (params.length === 1 && list) {
    const declared = (n: string) => list.parameters.some((p) => p.in === "query" && p.name === n);
    const query = {
      ...(declared("limit") ? { limit: "100" } : {}),
      ...(declared("include") ? { include: "illustrative" } : {}),
    };
    const rows = parse((await get(urlOf(list, query), OFF)).text);
    // Records are addressed by slug, recognitions by their id.
    for (const r of rows?.data ?? []) out.push({ [params[0]?.name ?? ""]: r.slug ?? String(r.id) });
  }
  // A listing's path: the listings the product pages show.
  if (op.path.endsWith("/listings/{product}")) {
    const products = parse((await get("/api/v1/products?limit=100", OFF)).text)?.data ?? [];
    for (const p of products) {
      const detail = parse((await get(`/api/v1/products/${p.slug}?include=illustrative`, OFF)).text);
      for (const l of detail?.listings ?? []) out.push({ channel: l.channel.slug, product: p.slug });
    }
  }
  return out;
}

/**
 * Two URLs of `op` that differ only in `name` and that the app (cache off) answers differently — two bodies, or a
 * 200 and a 404 (an illustrative record asked for without `include`) — or null.
 */
async function differingPair(op: Operation, name: string) {
  const p = op.parameters.find((x) => x.name === name);
  for (const path of await pathValues(op)) {
    const base = pagedBy(name);
    const plain = await get(urlOf(op, base, path), OFF);
    if (plain.status !== 200 && plain.status !== 404) continue;
    let values: string[];
    if (name === "cursor") values = [parse(plain.text)?.page?.next_cursor].filter(Boolean);
    else if (name === "limit") values = ["1"];
    else {
      const sample = await get(urlOf(op, { include: "illustrative" }, path), OFF);
      values = p ? candidateValues(p, sample.status === 200 ? parse(sample.text) : null) : [];
    }
    for (const value of values) {
      const url = urlOf(op, { ...base, [name]: value }, path);
      const other = await get(url, OFF);
      if (other.status === 200 && other.text !== plain.text)
        return { a: { url: urlOf(op, base, path), ...plain }, b: { url, ...other } };
    }
  }
  return null;
}

const cases = publicReads.flatMap((op) =>
  op.parameters
    .filter((p) => p.in === "query" && p.name !== "since")
    .map((p) => [`${op.name} ?${p.name}`, op, p.name] as const),
);

/**
 * Parameters the seed cannot make answer differently on that route, each with its reason (the test fails if one
 * starts to differ, or another stops: then this list is stale).
 */
const SAME_IN_SEED: Record<string, string> = {
  "GET /changes ?lang":
    "the language of the records' names and texts: without expand=record (which this table does not set) the entries have none",
};

/** Public reads the app does not mark cacheable (no `x-cache` layer in development), each with its reason. */
const CACHELESS: Record<string, string> = {
  "GET /channels/{channel}/listings/{product}":
    "its ETag is the listing's own (retailers write it through If-Match), not the catalogue's version the cache keys on",
};

beforeEach(() => resetIsolateCache());

describe("one cache entry per selecting parameter", () => {
  it("the table covers the public reads and their parameters", () => {
    const names = cases.map(([n]) => n);
    for (const n of ["GET /products ?include", "GET /products ?lang", "GET /recognitions ?year"])
      expect(names).toContain(n);
  });

  it.each(cases)("%s: two values are two entries, each the app's own answer", async (name, op, param) => {
    const pair = await differingPair(op, param);
    if (!pair) {
      expect(SAME_IN_SEED[name], `no two values of ${param} answer differently on ${op.name}`).toBeDefined();
      return;
    }
    expect(SAME_IN_SEED[name], `${name} now answers differently: take it off SAME_IN_SEED`).toBeUndefined();
    // Each URL twice, in turns: every answer is the app's own (status and bytes) …
    const layers: (string | null)[] = [];
    for (const { url, status, text } of [pair.a, pair.b, pair.a, pair.b]) {
      const r = await get(url, ON);
      expect({ url, status: r.status, text: r.text }).toEqual({ url, status, text });
      layers.push(r.layer);
    }
    // … and where the route is cacheable, the second round came from the cache (a 404 is never stored).
    if (layers[0] === null) expect(CACHELESS[op.name], `${op.name} is not cached`).toBeDefined();
    else {
      expect(layers[0]).toBe("miss");
      expect(layers[3]).toBe("lru");
      if (pair.a.status === 200) expect(layers[2]).toBe("lru");
    }
  });
});

describe("only a 200 is stored", () => {
  it.each(publicReads.map((op) => [op.name, op] as const))(
    "%s: a conditional miss (the app's 304), then a plain GET, answers the whole body",
    async (_, op) => {
      let url = "";
      let fresh = { status: 0, text: "", etag: null as string | null };
      for (const path of await pathValues(op)) {
        url = urlOf(op, {}, path);
        fresh = await get(url, OFF);
        if (fresh.status === 200) break;
      }
      expect([url, fresh.status]).toEqual([url, 200]);
      expect(fresh.etag, `${op.name} has no ETag`).toBeTruthy();
      const conditional = await get(url, ON, { "if-none-match": fresh.etag ?? "" });
      expect([conditional.status, conditional.text]).toEqual([304, ""]);
      const plain = await get(url, ON);
      expect([plain.status, plain.text.length]).toEqual([200, fresh.text.length]);
      expect(plain.text).toBe(fresh.text);
    },
  );

  it.each(publicReads.map((op) => [op.name, op] as const))(
    "%s: a 400 and a 404 are answered again by the app",
    async (_, op) => {
      const urls = [`${urlOf(op)}${urlOf(op).includes("?") ? "&" : "?"}no_such_parameter=1`];
      for (const p of op.parameters.filter((x) => x.in === "query" && x.schema?.enum))
        urls.push(urlOf(op, { [p.name]: "no-such-value" }));
      if (op.path.includes("{"))
        urls.push(
          urlOf(
            op,
            {},
            Object.fromEntries(
              op.parameters.filter((p) => p.in === "path").map((p) => [p.name, "no-such-thing"]),
            ),
          ),
        );
      let refused = 0;
      for (const url of urls) {
        const first = await get(url, ON);
        if (first.status === 200) continue;
        refused++;
        const again = await get(url, ON);
        expect([url, again.status, HIT.has(again.layer ?? "")]).toEqual([url, first.status, false]);
      }
      expect(refused).toBeGreaterThan(0);
    },
  );
});
