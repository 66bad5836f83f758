// Property-based tests over every public GET: hostile parameters never cause a 5xx, and every error is a
// well-formed problem+json. Runs through the Worker's real fetch handler against real D1.
import { env } from "cloudflare:workers";
import fc from "fast-check";
import { describe, expect, it, vi } from "vitest";
import { encodeCursor } from "../../src/platform/lib/cursor.ts";
import {
  encodeLoose,
  expectWellFormed,
  hostileString,
  paramName,
  printable,
  toQuery,
  UNKNOWN_NAMES,
  urlValue,
} from "../helpers/fuzz.ts";
import { call, getJson, PRODUCT_PARAMS } from "../helpers/http.ts";

/** Cases per property; FUZZ_RUNS scales them (e.g. FUZZ_RUNS=10 for a long local hunt). */
const scale = Number(env.FUZZ_RUNS) || 1;
const runs = (n: number) => Math.round(n * scale);
let requests = 0;
// A property runs hundreds of requests: generous per-test time on a busy 2-core CI machine.
vi.setConfig({ testTimeout: 120_000 });

async function get(path: string, init?: RequestInit): Promise<number> {
  requests++;
  return expectWellFormed(await call(path, init), path);
}

/** Valid values, mixed in so that hostile values meet otherwise-valid queries deep in the code. */
const VALID: Record<string, readonly string[]> = {
  q: ["mien dong", "lap suon", "chieu truc", "tra", "Hoà"],
  tier: ["national", "regional", "provincial", "national,regional"],
  scheme: ["cnnt", "ocop", "geographical_indication"],
  group: ["handicraft", "processed_food"],
  producer: ["htx-tam-hoa", "htx-tan-viet-a"],
  channel: ["aeon", "go-big-c"],
  district: ["nguyen-binh", "thanh-pho-cao-bang"],
  sort: ["relevance", "name", "-name", "tier", "newest"],
  limit: ["1", "2", "100"],
  lang: ["vi", "en"],
  level: ["provincial", "regional", "national", "district"],
  year: ["2020", "2021", "2023"],
};

/** Filters of the product list that take several values (repeated or comma-separated); the rest take one. */
const MULTI = new Set(["tier", "scheme", "group", "producer", "channel", "district"]);

type Kind = "valid" | "hostile" | "unknown";
type Pair = readonly [name: string, value: string, kind: Kind];

const pairFor = (known: readonly string[]): fc.Arbitrary<Pair> =>
  fc.oneof(
    {
      weight: 3,
      arbitrary: fc.constantFrom(...known).chain((name) => urlValue.map((v): Pair => [name, v, "hostile"])),
    },
    {
      weight: 2,
      arbitrary: fc
        .constantFrom(...known.filter((n) => Object.hasOwn(VALID, n)))
        .chain((name) =>
          fc.constantFrom(...(VALID[name] ?? [])).map((v): Pair => [name, encodeURIComponent(v), "valid"]),
        ),
    },
    { weight: 1, arbitrary: paramName(known).map((name): Pair => [name, "1", "hostile"]) },
    { weight: 1, arbitrary: fc.constantFrom(...UNKNOWN_NAMES).map((name): Pair => [name, "1", "unknown"]) },
  );

const queryFor = (known: readonly string[]) =>
  fc.array(pairFor(known), { maxLength: 6 }).map((pairs) => ({ pairs, query: toQuery(pairs) }));

/**
 * What the API must answer, where it can be known without re-implementing it: a 400 when any parameter is one
 * no endpoint knows; a 200 when every parameter is known, has a valid value and is given once (or is a filter
 * that takes several). Anything else (a hostile value) must only be well-formed.
 */
function expected(pairs: readonly Pair[], multi: ReadonlySet<string>): 200 | 400 | null {
  if (pairs.some(([, , kind]) => kind === "unknown")) return 400;
  if (!pairs.every(([, , kind]) => kind === "valid")) return null;
  const names = pairs.map(([n]) => n);
  const repeated = names.some((n, i) => names.indexOf(n) !== i && !multi.has(n));
  return repeated ? 400 : 200;
}

describe("hostile query parameters on every list endpoint", () => {
  const endpoints: [string, readonly string[], ReadonlySet<string>, number][] = [
    ["/api/v1/products", PRODUCT_PARAMS, MULTI, 1200],
    ["/api/v1/producers", ["limit", "cursor", "lang", "district"], new Set(), 300],
    ["/api/v1/recognitions", ["scheme", "level", "year", "limit", "cursor", "lang"], new Set(), 400],
    ["/api/v1/channels", ["lang"], new Set(), 100],
    ["/api/v1/programme", ["lang"], new Set(), 100],
    ["/api/v1/changes", ["since", "limit"], new Set(), 200],
  ];
  it.each(endpoints)("%s", async (path, known, multi, n) => {
    const seen = new Map<number, number>();
    await fc.assert(
      fc.asyncProperty(queryFor(known), async ({ pairs, query }) => {
        const res = await call(`${path}${query}`);
        requests++;
        const body = await res.clone().text();
        const status = await expectWellFormed(res, `${path}${query}`);
        seen.set(status, (seen.get(status) ?? 0) + 1);
        const want = expected(pairs, multi);
        if (want !== null) expect(status, printable(`${path}${query} → ${body.slice(0, 200)}`)).toBe(want);
        if (want === 400 && pairs.some(([, , k]) => k === "unknown")) {
          const names = (JSON.parse(body) as { invalid_params: { name: string }[] }).invalid_params.map(
            (p) => p.name,
          );
          expect(names.some((name) => UNKNOWN_NAMES.includes(name))).toBe(true);
        }
      }),
      { numRuns: runs(n) },
    );
    // The property judged both outcomes (not only "no 5xx").
    expect(seen.get(200) ?? 0).toBeGreaterThan(0);
    expect(seen.get(400) ?? 0).toBeGreaterThan(0);
  });

  it.each(["/api/v1/openapi.json", "/api/v1/feeds/products.csv", "/api/v1/feeds/products.ndjson"])(
    "%s (takes no parameters) stays well-formed with any",
    async (path) => {
      await fc.assert(
        fc.asyncProperty(queryFor(["lang", "limit"]), async ({ query }) => {
          expect([200, 400]).toContain(await get(`${path}${query}`));
        }),
        { numRuns: runs(50) },
      );
    },
  );

  it("the search box takes any text: 200 with results or none, or a 400 for over-long text", async () => {
    await fc.assert(
      fc.asyncProperty(hostileString, async (q) => {
        const status = await get(`/api/v1/products?q=${encodeLoose(q)}`);
        // A lone surrogate reaches the Worker as replacement characters, which count towards the length.
        const lone = /[\ud800-\udfff]/.test(q.replace(/[\ud800-\udbff][\udc00-\udfff]/g, ""));
        const label = printable(JSON.stringify(q));
        if (lone) expect([200, 400], label).toContain(status);
        else expect(status, label).toBe([...q].length <= 200 ? 200 : 400);
      }),
      { numRuns: runs(500) },
    );
  });
});

describe("repeated and long filter lists", () => {
  // Found by the audit (issue 11): each filter repeated twenty times bound more than D1's 100 parameters (a 500).
  const LISTS = ["tier", "scheme", "group", "producer", "channel", "district"] as const;
  // Valid values, and for the slug lists any slug too (an unknown slug filters to nothing; it is not an error).
  const known = (name: (typeof LISTS)[number]) =>
    fc.constantFrom(...(VALID[name] ?? ["x"])).chain((v) => fc.constantFrom(...v.split(",")));
  const value = (name: (typeof LISTS)[number]) =>
    ["tier", "scheme", "group"].includes(name)
      ? known(name)
      : fc.oneof(known(name), fc.stringMatching(/^[a-z0-9]{1,12}(-[a-z0-9]{1,12}){0,3}$/));
  // One entry per list: a few values, each list repeated up to twenty values in all (within the per-list cap
  // before de-duplication, so that only the total across lists can overflow), sometimes a long list as well.
  const list = (name: (typeof LISTS)[number]) =>
    fc.record({
      name: fc.constant(name),
      values: fc.array(value(name), { minLength: 1, maxLength: 4 }),
      repeat: fc.integer({ min: 1, max: 20 }),
      long: fc.oneof(
        { weight: 4, arbitrary: fc.constant(null) },
        { weight: 1, arbitrary: fc.array(value(name), { minLength: 15, maxLength: 45 }) },
      ),
      commas: fc.boolean(),
    });
  const query = fc.tuple(...LISTS.map((name) => fc.option(list(name), { freq: 6 }))).map((lists) =>
    lists
      .filter((l) => l !== null)
      .flatMap(({ name, values, repeat, long, commas }) => {
        const all = [
          ...Array.from({ length: Math.max(1, Math.floor((repeat * 4) / values.length)) }, () => values)
            .flat()
            .slice(0, 20),
          ...(long ?? []),
        ];
        return commas ? [`${name}=${all.join(",")}`] : all.map((v) => `${name}=${v}`);
      })
      .join("&"),
  );
  it.each(["/api/v1/products", "/san-pham", "/en/products"])("%s: never a 5xx", async (path) => {
    await fc.assert(
      fc.asyncProperty(query, async (q) => {
        const status = await get(`${path}?${q}`);
        expect([200, 400], q.slice(0, 300)).toContain(status);
      }),
      { numRuns: runs(80) },
    );
  });
});

/** Path segments: hostile values, and the ones a router or a file system treats specially. */
const segment = fc.oneof(
  urlValue,
  fc.constantFrom(
    "..",
    ".",
    "%2E%2E",
    "a%2Fb",
    "a/b",
    "mien-dong-tan-viet-a%00",
    "MIEN-DONG-TAN-VIET-A",
    "-a-",
    "a--b",
  ),
);

describe("hostile path segments on every detail endpoint", () => {
  const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
  it.each([
    "/api/v1/products/",
    "/api/v1/producers/",
    "/api/v1/channels/",
    "/api/v1/channels/aeon/listings/",
  ])("%s{slug}", async (base) => {
    await fc.assert(
      fc.asyncProperty(segment, queryFor(["lang"]), async (slug, { pairs, query }) => {
        const status = await get(`${base}${slug}${query}`);
        expect([200, 301, 302, 308, 400, 404]).toContain(status);
        // A plain segment (nothing a URL would decode or resolve): a slug is found or not, anything else is a 400.
        if (/^[\w~-]+$/.test(slug) && pairs.length === 0) {
          if (SLUG.test(slug) && slug.length <= 120) expect([200, 404], slug).toContain(status);
          else expect(status, slug).toBe(400);
        }
      }),
      { numRuns: runs(150) },
    );
  });
});

describe("hostile input on the pages", () => {
  /** Pages answer in HTML, whatever the input: never a 5xx, always the site's own page under its CSP. */
  async function page(path: string): Promise<number> {
    requests++;
    const res = await call(path, { redirect: "manual" });
    const html = await res.text();
    const where = printable(`${path} → ${res.status}`);
    expect(res.status, where).toBeLessThan(500);
    if (res.status >= 300 && res.status < 400) {
      expect(res.headers.get("location") ?? "", where).toMatch(/^\/(?!\/)/);
      return res.status;
    }
    expect(res.headers.get("content-type"), where).toContain("text/html");
    expect(res.headers.get("content-security-policy"), where).toContain("default-src 'none'");
    expect(html, where).toMatch(/^<!doctype html><html lang="(vi|en)">/);
    return res.status;
  }

  it("the catalogue's filters and search: any value is a page (unknown values ignored), a bad cursor a 400 page", async () => {
    const params = ["q", "tier", "scheme", "group", "producer", "channel", "district", "sort", "cursor"];
    await fc.assert(
      fc.asyncProperty(fc.constantFrom("/san-pham", "/en/products"), queryFor(params), async (path, q) => {
        const status = await page(`${path}${q.query}`);
        const cursor = q.pairs.some(([n]) => n === "cursor");
        if (!cursor) expect(status).toBe(200);
        else expect([200, 400]).toContain(status);
      }),
      { numRuns: runs(200) },
    );
  });

  it("detail pages with any slug: the page, a redirect or the 404 page", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom("/san-pham/", "/en/products/", "/co-so/", "/en/channels/"),
        segment,
        async (base, slug) => {
          expect([200, 301, 404]).toContain(await page(`${base}${slug}`));
        },
      ),
      { numRuns: runs(200) },
    );
  });
});

describe("hostile headers", () => {
  it("conditional and session headers with any value", async () => {
    // biome-ignore lint/suspicious/noControlCharactersInRegex: header values cannot carry these characters
    const headerValue = hostileString.map((s) => s.replace(/[\u0000-\u001f\u007f-\uffff]/g, "x"));
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom("/api/v1/products", "/api/v1/channels/aeon", "/api/v1/recognitions"),
        fc.constantFrom("if-none-match", "x-d1-bookmark", "accept", "accept-language", "origin", "if-match"),
        headerValue,
        async (path, name, value) => {
          await get(path, { headers: { [name]: value } });
        },
      ),
      { numRuns: runs(300) },
    );
  });
});

describe("tampered cursors", () => {
  async function realCursor(path: string): Promise<string> {
    const { body } = await getJson<{ page: { next_cursor: string } }>(path);
    return body.page.next_cursor;
  }

  it("any change to a cursor is a 400 naming `cursor`, never a 5xx or a silent wrong page", async () => {
    const sources = [
      "/api/v1/products?limit=2",
      "/api/v1/products?limit=2&q=mien&sort=relevance",
      "/api/v1/products?limit=2&sort=-name&lang=en",
      "/api/v1/producers?limit=2",
      "/api/v1/recognitions?limit=2",
    ];
    const cursors = await Promise.all(sources.map(realCursor));
    const mutation = fc.oneof(
      fc.record({
        kind: fc.constant("flip" as const),
        at: fc.nat(),
        ch: fc.constantFrom("A", "_", "-", "0", ".", "=", "%"),
      }),
      fc.record({ kind: fc.constant("cut" as const), at: fc.nat() }),
      fc.record({ kind: fc.constant("append" as const), text: urlValue }),
      fc.record({ kind: fc.constant("swap" as const), other: fc.nat() }),
    );
    await fc.assert(
      fc.asyncProperty(fc.nat({ max: sources.length - 1 }), mutation, async (i, m) => {
        const original = cursors[i] ?? "";
        let tampered = original;
        if (m.kind === "flip") {
          const at = m.at % original.length;
          tampered = original.slice(0, at) + m.ch + original.slice(at + 1);
        } else if (m.kind === "cut") tampered = original.slice(0, m.at % original.length);
        else if (m.kind === "append") tampered = original + m.text;
        else {
          // A cursor from another query, or its payload with this one's signature.
          const other = cursors[m.other % cursors.length] ?? "";
          tampered = `${other.split(".")[0]}.${original.split(".")[1]}`;
        }
        if (tampered === original) return;
        const path = sources[i] ?? "";
        const res = await call(
          `${path}&cursor=${m.kind === "append" ? tampered : encodeURIComponent(tampered)}`,
        );
        requests++;
        const status = await expectWellFormed(res.clone(), path);
        if (tampered !== "") {
          expect(status, tampered).toBe(400);
          const body = (await res.json()) as { invalid_params?: { name: string }[] };
          expect(body.invalid_params?.map((p) => p.name)).toEqual(["cursor"]);
        }
      }),
      { numRuns: runs(300) },
    );
  });

  it("a correctly signed cursor with a nonsense position is still a 400 (defence if the secret leaks)", async () => {
    // Scope and key length come from real cursors, so this keeps up with changes to the cursor format.
    const sources = [
      "/api/v1/producers?limit=2",
      "/api/v1/recognitions?limit=2",
      "/api/v1/products?limit=2",
      "/api/v1/products?limit=2&sort=name&q=mien",
    ];
    const scopes = await Promise.all(
      sources.map(async (path) => {
        const payload = (await realCursor(path)).split(".")[0] ?? "";
        const [scope, key] = JSON.parse(atob(payload.replaceAll("-", "+").replaceAll("_", "/"))) as [
          string,
          unknown[],
        ];
        return { path, scope, arity: key.length };
      }),
    );
    const keyValue = fc.oneof(
      fc.constantFrom(null, 0, -1, 1e308, Number.MAX_SAFE_INTEGER, "", "zzz", "\ud800", true, false),
      fc.array(fc.nat(), { maxLength: 2 }),
      fc.dictionary(fc.string({ maxLength: 3 }), fc.nat(), { maxKeys: 2 }),
      fc.string({ maxLength: 20 }),
      fc.double(),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...scopes),
        fc.oneof(fc.array(keyValue, { maxLength: 5 }), keyValue),
        async (s, key) => {
          const cursor = await encodeCursor(env.CURSOR_SECRET, { scope: s.scope, key: key as never });
          const status = await get(`${s.path}&cursor=${encodeURIComponent(cursor)}`);
          const scalar = (v: unknown) =>
            v === null || typeof v === "string" || (typeof v === "number" && Number.isFinite(v));
          // Judge the key as signed: JSON turns Infinity and NaN into null before the server ever sees them.
          const signed: unknown = JSON.parse(JSON.stringify(key));
          const wellShaped = Array.isArray(signed) && signed.length === s.arity && signed.every(scalar);
          expect(status, JSON.stringify(key)).toBe(wellShaped ? 200 : 400);
        },
      ),
      { numRuns: runs(200) },
    );
  });
});

describe("malformed requests", () => {
  it("odd methods, bodies and content types on read endpoints", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(
          "/api/v1/products",
          "/api/v1/products/mien-dong-tan-viet-a",
          "/api/v1/openapi.json",
          "/api/docs",
        ),
        fc.constantFrom("POST", "PUT", "PATCH", "DELETE", "OPTIONS", "HEAD"),
        fc.option(hostileString, { nil: undefined }),
        fc.constantFrom(
          "application/json",
          "text/plain",
          "multipart/form-data; boundary=x",
          "application/x-www-form-urlencoded",
          "",
        ),
        async (path, method, body, type) => {
          const init: RequestInit = { method, headers: type ? { "content-type": type } : {} };
          if (body !== undefined && method !== "HEAD") init.body = body;
          await get(path, init);
        },
      ),
      { numRuns: runs(150) },
    );
  });
});

it("ran several thousand requests in this file", () => {
  // Printed so CI logs carry the figure the README quotes.
  console.log(`fuzz-read: ${requests} requests`);
  expect(requests).toBeGreaterThan(runs(2000));
});
