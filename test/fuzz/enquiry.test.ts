// Property-based tests of the enquiry form and API operation: any field values, any shapes, hostile strings, a
// broken stamp, odd content types — never a 5xx; the API answers well-formed problems; the form answers a page; and
// whatever is stored holds no active link from an anonymous sender.
import { env } from "cloudflare:workers";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { enquiry, formFields, REAL_PRODUCT } from "../enquiries/helpers.ts";
import { expectWellFormed, hostileString, printable } from "../helpers/fuzz.ts";
import { call } from "../helpers/http.ts";

const scale = Number(env.FUZZ_RUNS) || 1;
const runs = (n: number) => Math.max(1, Math.round(n * scale));
const FIELDS = [
  "product",
  "producer",
  "kind",
  "quantity",
  "message",
  "name",
  "email",
  "phone",
  "organisation",
  "consent",
  "consent_version",
  "token",
  "lang",
];

const anyValue: fc.Arbitrary<unknown> = fc.oneof(
  hostileString,
  fc.constantFrom(
    true,
    false,
    null,
    0,
    -1,
    1e308,
    "yes",
    "0912 345 678",
    "+84 912 345 678",
    "a@b.vn",
    REAL_PRODUCT.slug,
    "x".repeat(3000),
  ),
  fc.array(fc.string(), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 5 }), fc.string({ maxLength: 5 }), { maxKeys: 2 }),
);

let ip = 0;
const address = () => `100.64.${Math.floor(ip / 250) % 250}.${(ip++ % 250) + 1}`;

describe("fuzzing POST /api/v1/enquiries", () => {
  it("valid enquiries with hostile free text reach the database: never a 5xx, stored or refused cleanly", async () => {
    const text = fc.oneof(hostileString, fc.string({ minLength: 1, maxLength: 300 }));
    await fc.assert(
      fc.asyncProperty(
        fc.record({ quantity: text, message: text, name: text, organisation: text }, { requiredKeys: [] }),
        async (over) => {
          const body = { ...enquiry(), ...over };
          const res = await call("/api/v1/enquiries", {
            method: "POST",
            headers: { "content-type": "application/json", "cf-connecting-ip": address() },
            body: JSON.stringify(body),
          });
          const status = await expectWellFormed(res, printable(JSON.stringify(over).slice(0, 200)));
          expect([201, 413, 422, 429], String(status)).toContain(status);
        },
      ),
      { numRuns: runs(150) },
    );
  });

  it("any field value or shape: never a 5xx, always a well-formed answer; no active link stored", async () => {
    await fc.assert(
      fc.asyncProperty(fc.dictionary(fc.constantFrom(...FIELDS), anyValue, { maxKeys: 6 }), async (over) => {
        const body = { ...enquiry(), ...over };
        const res = await call("/api/v1/enquiries", {
          method: "POST",
          headers: { "content-type": "application/json", "cf-connecting-ip": address() },
          body: JSON.stringify(body),
        });
        const status = await expectWellFormed(res, printable(JSON.stringify(body).slice(0, 200)));
        expect([200, 201, 413, 422, 429], String(status)).toContain(status);
      }),
      { numRuns: runs(150) },
    );
    const stored = await env.DB.prepare(
      "SELECT message FROM enquiries WHERE via = 'api' AND channel_id IS NULL",
    ).all<{
      message: string | null;
    }>();
    for (const r of stored.results) expect(r.message ?? "").not.toMatch(/https?:\/\//i);
  });

  it("raw, broken or hostile bodies and content types: never a 5xx", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(hostileString, fc.json(), fc.constantFrom("{", "[]", "null", '{"consent":true', "\u0000")),
        fc.constantFrom(
          "application/json",
          "application/json; charset=utf-8",
          "text/plain",
          "",
          "application/x-www-form-urlencoded",
        ),
        async (raw, type) => {
          const res = await call("/api/v1/enquiries", {
            method: "POST",
            headers: { ...(type ? { "content-type": type } : {}), "cf-connecting-ip": address() },
            body: raw,
          });
          await expectWellFormed(res, printable(`${type} ${raw.slice(0, 100)}`));
        },
      ),
      { numRuns: runs(100) },
    );
  });
});

describe("fuzzing the form (POST /hoi-mua)", () => {
  it("any field values: never a 5xx; a page (303, 413, 422 or 429), never a problem leaking internals", async () => {
    const base = await formFields();
    await fc.assert(
      fc.asyncProperty(
        fc.dictionary(fc.constantFrom(...FIELDS, "stamp", "website"), hostileString, { maxKeys: 5 }),
        fc.constantFrom("/hoi-mua", "/en/enquire"),
        async (over, path) => {
          const fields = { ...base, ...over };
          const res = await call(path, {
            method: "POST",
            headers: { "content-type": "application/x-www-form-urlencoded", "cf-connecting-ip": address() },
            body: new URLSearchParams(fields).toString(),
            redirect: "manual",
          });
          const text = await res.text();
          const where = printable(`${path} ${JSON.stringify(over).slice(0, 200)} → ${res.status}`);
          expect([303, 413, 422, 429], where).toContain(res.status);
          if (res.status !== 303) expect(res.headers.get("content-type"), where).toContain("text/html");
          expect(text, where).not.toMatch(/SQLITE_|D1_ERROR|\bat .+\.(ts|js):\d+/);
        },
      ),
      { numRuns: runs(150) },
    );
  });
});
