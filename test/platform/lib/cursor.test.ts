// Keyset cursors, without HTTP: signed, scoped, and refused with a 400 naming `cursor` when anything is off.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { BadCursor } from "../../../src/domain/errors.ts";
import { Problem, problemOf } from "../../../src/platform/http/problem.ts";
import { decodeCursor, encodeCursor, ROTATED_KEY_REASON } from "../../../src/platform/lib/cursor.ts";

const SECRET = "unit-test-secret";
const scalar = fc.oneof(
  fc.string({ maxLength: 12 }),
  fc.integer(),
  fc.constant(null),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
);

async function refusal(p: Promise<unknown>) {
  const e = await p.then(
    () => null,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(BadCursor);
  const problem = problemOf(e);
  expect(problem).toBeInstanceOf(Problem);
  if (!problem) throw e;
  expect(problem.status).toBe(400);
  expect(problem.body.invalid_params?.map((i) => i.name)).toEqual(["cursor"]);
  return problem.body.invalid_params?.[0]?.reason ?? "";
}

describe("cursor", () => {
  it("round-trips any key of scalars within its scope", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.string({ maxLength: 20 }),
        fc.array(scalar, { maxLength: 4 }),
        async (scope, key) => {
          const cursor = await encodeCursor(SECRET, { scope, key });
          expect(cursor).toMatch(/^[\w-]+\.[\w-]{4}\.[\w-]+$/);
          expect(await decodeCursor(SECRET, cursor, scope, key.length)).toEqual(
            JSON.parse(JSON.stringify(key)),
          );
        },
      ),
    );
  });

  it("refuses another query's cursor, another secret's, a changed one and a wrong arity", async () => {
    const cursor = await encodeCursor(SECRET, { scope: "products|name|vi", key: ["mien dong", 7] });
    expect(await refusal(decodeCursor(SECRET, cursor, "products|tier|vi", 2))).toMatch(/different query/);
    // Another secret's key id: said apart from a modified cursor (the change feed answers it with a feed reset).
    expect(await refusal(decodeCursor("other", cursor, "products|name|vi", 2))).toBe(ROTATED_KEY_REASON);
    expect(await refusal(decodeCursor(SECRET, cursor, "products|name|vi", 3))).toMatch(/malformed/);
    const [payload, sig] = cursor.split(".");
    const forged = `${btoa(JSON.stringify(["products|name|vi", ["a", 1]])).replace(/=+$/, "")}.${sig}`;
    expect(await refusal(decodeCursor(SECRET, forged, "products|name|vi", 2))).toMatch(/modified/);
    for (const bad of ["", ".", "a.b.c", `${payload}.`, `${payload}.${sig}.x`, "%%%.%%%"]) {
      await refusal(decodeCursor(SECRET, bad, "products|name|vi", 2));
    }
  });

  it("refuses its own signature with bytes appended, or spelt with base64url's spare bits", async () => {
    const cursor = await encodeCursor(SECRET, { scope: "s", key: [1] });
    const sig = cursor.split(".").at(-1) ?? "";
    const payload = cursor.slice(0, cursor.length - sig.length - 1);
    const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    const bytes = Uint8Array.from(atob(sig.replaceAll("-", "+").replaceAll("_", "/")), (c) =>
      c.charCodeAt(0),
    );
    const b64url = (b: Uint8Array) =>
      btoa(String.fromCharCode(...b))
        .replaceAll("+", "-")
        .replaceAll("/", "_")
        .replace(/=+$/, "");
    // The same bytes and three more, spelt canonically.
    const longer = b64url(Uint8Array.from([...bytes, 0, 0, 0]));
    expect(await refusal(decodeCursor(SECRET, `${payload}.${longer}`, "s", 1))).toMatch(/modified/);
    // The last character carries 2 unused bits: flipping one decodes to the same bytes.
    const last = ALPHABET.indexOf(sig.at(-1) ?? "A");
    const respelt = `${sig.slice(0, -1)}${ALPHABET[last ^ 1]}`;
    expect(
      Uint8Array.from(atob(respelt.replaceAll("-", "+").replaceAll("_", "/")), (c) => c.charCodeAt(0)),
    ).toEqual(bytes);
    expect(await refusal(decodeCursor(SECRET, `${payload}.${respelt}`, "s", 1))).toMatch(/modified/);
  });

  it("a signed key that is not a list of scalars is still a 400 (defence if the secret leaks)", async () => {
    for (const key of [[{}], [[1]], [true]] as never[]) {
      const cursor = await encodeCursor(SECRET, { scope: "s", key });
      await refusal(decodeCursor(SECRET, cursor, "s"));
    }
  });

  it("a key ring: the current key signs, previous keys verify; a cursor without a key id is checked against all", async () => {
    const ring = { current: "new-secret", previous: [SECRET] };
    const old = await encodeCursor(SECRET, { scope: "s", key: [1] });
    expect(await decodeCursor(ring, old, "s", 1)).toEqual([1]);
    const fresh = await encodeCursor(ring, { scope: "s", key: [2] });
    expect(await decodeCursor("new-secret", fresh, "s", 1)).toEqual([2]);
    expect(await refusal(decodeCursor(SECRET, fresh, "s", 1))).toBe(ROTATED_KEY_REASON);
    // Before key ids, a cursor was payload.signature: verified against every key of the ring.
    const [payload] = old.split(".");
    const legacySig = await crypto.subtle
      .importKey("raw", new TextEncoder().encode(SECRET), { name: "HMAC", hash: "SHA-256" }, false, ["sign"])
      .then((k) => crypto.subtle.sign("HMAC", k, new TextEncoder().encode(payload)))
      .then((b) =>
        btoa(String.fromCharCode(...new Uint8Array(b).slice(0, 16)))
          .replaceAll("+", "-")
          .replaceAll("/", "_")
          .replace(/=+$/, ""),
      );
    expect(await decodeCursor(ring, `${payload}.${legacySig}`, "s", 1)).toEqual([1]);
    expect(await refusal(decodeCursor("new-secret", `${payload}.${legacySig}`, "s", 1))).toMatch(/modified/);
    // A key id that is not ours on a payload that is not ours either: malformed, not "rotated".
    expect(await refusal(decodeCursor(ring, "YQ.abcd.YQ", "s", 1))).toMatch(/malformed/);
  });
});
