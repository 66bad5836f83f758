// Property-based tests over every write body and header: hostile values never cause a 5xx, every error is a
// well-formed problem+json, and whatever is accepted reads back exactly as written.
import { env } from "cloudflare:workers";
import fc from "fast-check";
import { beforeAll, describe, expect, it, vi } from "vitest";
import {
  brokenEncoding,
  CONTROL_AND_ODD,
  expectWellFormed,
  hostileString,
  NUMBERS,
} from "../helpers/fuzz.ts";
import { call } from "../helpers/http.ts";
import { createKey } from "../helpers/retail.ts";

vi.setConfig({ testTimeout: 120_000 });
/** Cases per property; FUZZ_RUNS scales them (e.g. FUZZ_RUNS=10 for a long local hunt). */
const scale = Number(env.FUZZ_RUNS) || 1;
const runs = (n: number) => Math.round(n * scale);
let requests = 0;

const CHANNEL = "aeon";
const PRODUCTS = ["mien-dong-tan-viet-a", "lap-suon-thit-hun-khoi-tam-hoa", "chieu-truc-688"];
// Keys are rate-limited (RATE_LIMIT_KEY, 50 per 10 s): a fresh key every 40 requests keeps the limiter out of
// the way (its 429s are tested in test/retail-ratelimit.test.ts).
let key = "";
let uses = 0;
async function keyForNextRequest() {
  if (uses++ % 40 === 0) key = (await createKey(CHANNEL)).key;
  return key;
}
beforeAll(async () => {
  await keyForNextRequest();
  uses = 0;
});

const anyJson: fc.Arbitrary<unknown> = fc.oneof(
  hostileString,
  fc.constantFrom(null, true, false, 0, -1, 1.5, 1e21, -1e21, Number.MAX_SAFE_INTEGER + 2, [], {}),
  fc.double(),
  fc.array(hostileString, { maxLength: 3 }),
  fc.dictionary(hostileString, hostileString, { maxKeys: 3 }),
);
const text = fc.oneof(
  { weight: 3, arbitrary: fc.string({ minLength: 1, maxLength: 30 }) },
  { weight: 3, arbitrary: hostileString },
  { weight: 1, arbitrary: fc.constantFrom(...CONTROL_AND_ODD) },
  { weight: 1, arbitrary: anyJson },
);
const store = fc.oneof(
  { weight: 4, arbitrary: fc.record({ name: text, city: text, province: text }) },
  { weight: 1, arbitrary: fc.record({ name: text, city: text, province: text, extra: anyJson }) },
  { weight: 1, arbitrary: anyJson },
);
const url = fc.oneof(
  fc.constantFrom(
    null,
    "https://aeon.example.vn/p/1",
    "https://xn--bcher-kva.example/p?q=1#x",
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    "http://aeon.example.vn/p/1",
    "https://",
    "https://a",
    "https://user:pass@aeon.example.vn/",
    "https://127.0.0.1/",
    "https://[::1]/",
    "data:text/html,<script>alert(1)</script>",
    "//aeon.example.vn",
    "https://aeon.example.vn/\u202egnp.exe",
    "https://aeon.example.vn/<script>",
    `https://aeon.example.vn/${"a".repeat(2100)}`,
  ),
  fc.webUrl(),
  hostileString,
);
/** Text a retailer may legitimately send (and pages must escape): HTML, script, entities, RTL, emoji, quotes. */
const validText = fc.oneof(
  fc.string({ minLength: 1, maxLength: 30 }).filter((s) => s.trim() !== ""),
  fc.constantFrom(
    "<script>alert(1)</script>",
    "</script><script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "&lt;b&gt; &amp; &#x3C;",
    "\u202eevil\u202c",
    "Miến dong 😀",
    'O\'Brien "quoted"',
    "javascript:alert(1)",
    "{{constructor.constructor('alert(1)')()}}",
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a template-injection probe, meant as plain text
    "${7*7}",
  ),
);
const validListing = fc.record(
  {
    status: fc.constantFrom("in_stock", "out_of_stock", "coming_soon", "discontinued"),
    price_vnd: fc.oneof(fc.constant(null), fc.integer({ min: 0, max: 1_000_000_000 })),
    channel_sku: fc.oneof(
      fc.constant(null),
      validText.filter((s) => s.trim().length <= 64),
    ),
    url: fc.constantFrom(null, "https://aeon.example.vn/p/1", "https://xn--bcher-kva.example/p?q=1#x"),
    stores: fc.array(fc.record({ name: validText, city: validText, province: validText }), { maxLength: 3 }),
    note: fc.oneof(fc.constant(null), validText),
  },
  { requiredKeys: ["status"] },
);
/** Hostile values for one field (or an unknown field), to break an otherwise valid listing. */
const mutation = fc.oneof(
  fc.record({ field: fc.constant("status"), value: anyJson }),
  fc.record({
    field: fc.constant("price_vnd"),
    value: fc.oneof(fc.constantFrom(...NUMBERS), fc.constantFrom(-1, 1_000_000_001, 0.5, 1e308, -0), anyJson),
  }),
  fc.record({
    field: fc.constant("channel_sku"),
    value: fc.oneof(text, fc.string({ minLength: 65, maxLength: 70 })),
  }),
  fc.record({ field: fc.constant("url"), value: url }),
  fc.record({ field: fc.constant("stores"), value: fc.oneof(fc.array(store, { maxLength: 4 }), anyJson) }),
  fc.record({ field: fc.constant("note"), value: fc.oneof(text, fc.constant("n".repeat(1001))) }),
  fc.record({
    field: fc.constantFrom("constructor", "unknown_field", "version", "etag", "sample"),
    value: anyJson,
  }),
);
const listingBody = fc.tuple(validListing, fc.array(mutation, { maxLength: 2 })).map(([base, mutations]) => {
  const out: Record<string, unknown> = { ...base };
  for (const m of mutations)
    Object.defineProperty(out, m.field, {
      value: m.value,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  return out;
});

/** Raw bodies: not JSON, almost JSON, or JSON that is hard to parse. */
const rawBody = fc.oneof(
  fc.constantFrom(
    "",
    "{",
    "}",
    "null",
    "[]",
    '"in_stock"',
    "\ufeff{}",
    '{"status":"in_stock","status":"discontinued"}',
    '{"status":"in_stock","price_vnd":1e400}',
    '{"status":"in_stock","price_vnd":-0}',
    '{"status":"in_stock","note":"\\ud800"}',
    '{"status":"in_stock","note":"\\u0000"}',
    '{"__proto__":{"admin":true},"status":"in_stock"}',
    `${"[".repeat(10_000)}${"]".repeat(10_000)}`,
    `{"status":"in_stock","stores":${"[".repeat(5000)}${"]".repeat(5000)}}`,
    `{"status":"in_stock","note":"${"\\\\".repeat(40_000)}"}`,
  ),
  hostileString,
  brokenEncoding.map((b) => `{"status":"in_stock","note":"${b}"}`),
);

/** What the API should store for an accepted input: the zod contract trims text and fills defaults. */
function normalized(input: Record<string, unknown>) {
  const t = (v: unknown) => (typeof v === "string" ? v.trim() : v);
  return {
    status: input.status,
    price_vnd: input.price_vnd ?? null,
    channel_sku: t(input.channel_sku ?? null),
    url: input.url ?? null,
    stores: ((input.stores as Record<string, unknown>[] | undefined) ?? []).map((s) => ({
      name: t(s.name),
      city: t(s.city),
      province: t(s.province),
    })),
    note: input.note ?? null,
  };
}

async function put(product: string, body: string | Uint8Array, headers: Record<string, string> = {}) {
  requests++;
  const key = await keyForNextRequest();
  return call(`/api/v1/channels/${CHANNEL}/listings/${product}`, {
    method: "PUT",
    headers: { authorization: `Bearer ${key}`, "content-type": "application/json", ...headers },
    body,
  });
}

describe("hostile write bodies", () => {
  it("PUT a listing: never a 5xx; accepted input reads back exactly", async () => {
    let accepted = 0;
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...PRODUCTS), listingBody, async (product, input) => {
        const body = JSON.stringify(input);
        const res = await put(product, body);
        const status = await expectWellFormed(res.clone(), `PUT ${body.slice(0, 300)}`);
        expect([200, 201, 413, 422], body.slice(0, 300)).toContain(status);
        if (status >= 300) return;
        accepted++;
        requests++;
        const read = await call(`/api/v1/channels/${CHANNEL}/listings/${product}`);
        const stored = (await read.json()) as Record<string, unknown>;
        const { status: s, price_vnd, channel_sku, url: u, stores, note } = stored;
        // Compared as JSON text: a mismatch then prints lone surrogates escaped (see printable()).
        expect(
          JSON.stringify({ status: s, price_vnd, channel_sku, url: u, stores, note }),
          body.slice(0, 300),
        ).toBe(JSON.stringify(normalized(JSON.parse(body))));
        expect(String(u ?? "https:")).toMatch(/^https:/);
      }),
      { numRuns: runs(700) },
    );
    console.log(`fuzz-write PUT: ${accepted} accepted`);
    expect(accepted, "the generator also makes valid bodies").toBeGreaterThan(runs(20));
  });

  it("PUT with raw, broken or hard-to-parse bodies and odd content types", async () => {
    await fc.assert(
      fc.asyncProperty(
        rawBody,
        fc.constantFrom(
          "application/json",
          "application/json; charset=utf-8",
          "application/json; charset=latin1",
          "APPLICATION/JSON",
          "text/plain",
          "application/x-www-form-urlencoded",
          "multipart/form-data; boundary=x",
          "application/json, text/plain",
          "",
        ),
        fc.boolean(),
        async (raw, type, asBytes) => {
          const bytes = asBytes
            ? Uint8Array.from(raw.replace(/%([0-9A-F]{2})/g, "\u0000$1"), (c) => c.charCodeAt(0) & 0xff)
            : raw;
          await expectWellFormed(
            await put(PRODUCTS[0] ?? "", bytes, { "content-type": type }),
            `${type} ${raw.slice(0, 100)}`,
          );
        },
      ),
      { numRuns: runs(300) },
    );
  });

  it("conditional headers with any value", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom("if-match", "if-none-match"),
        // biome-ignore lint/suspicious/noControlCharactersInRegex: header values cannot carry these characters
        hostileString.map((s) => s.replace(/[\u0000-\u001f\u007f-\uffff]/g, "x")),
        async (name, value) => {
          const res = await put(PRODUCTS[1] ?? "", JSON.stringify({ status: "in_stock" }), { [name]: value });
          const status = await expectWellFormed(res, `${name}: ${value.slice(0, 100)}`);
          expect([200, 201, 400, 412], `${name}: ${value.slice(0, 100)}`).toContain(status);
        },
      ),
      { numRuns: runs(300) },
    );
  });

  it("bulk: all or nothing for any mix of valid and hostile items", async () => {
    const item = fc.oneof(
      {
        weight: 4,
        arbitrary: fc.record({
          product: fc.constantFrom(...PRODUCTS),
          status: fc.constant("in_stock"),
          price_vnd: fc.nat({ max: 1e9 }),
        }),
      },
      { weight: 1, arbitrary: listingBody.map((b) => ({ product: PRODUCTS[2], ...b })) },
      { weight: 1, arbitrary: fc.record({ product: hostileString, status: fc.constant("in_stock") }) },
      { weight: 1, arbitrary: anyJson },
    );
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(fc.record({ items: fc.array(item, { maxLength: 30 }) }), anyJson),
        async (body) => {
          const before = await (await call(`/api/v1/channels/${CHANNEL}`)).text();
          requests += 2;
          const res = await call(`/api/v1/channels/${CHANNEL}/listings/bulk`, {
            method: "POST",
            headers: {
              authorization: `Bearer ${await keyForNextRequest()}`,
              "content-type": "application/json",
            },
            body: JSON.stringify(body),
          });
          const detail = `${res.status} ← ${JSON.stringify(body).slice(0, 300)}`;
          const status = await expectWellFormed(res, detail);
          expect([200, 413, 422], detail).toContain(status);
          if (status !== 200) {
            // Nothing written: the channel reads exactly as before.
            requests++;
            expect(await (await call(`/api/v1/channels/${CHANNEL}`)).text()).toBe(before);
          }
        },
      ),
      { numRuns: runs(200) },
    );
  });
});

it("ran well over a thousand write requests", () => {
  console.log(`fuzz-write: ${requests} requests`);
  expect(requests).toBeGreaterThan(runs(1000));
});
