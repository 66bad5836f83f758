import { BadCursor } from "../../domain/errors.ts";

const enc = new TextEncoder();

/** Bytes as base64url without padding. */
export const b64url = (bytes: Uint8Array) =>
  btoa(String.fromCharCode(...bytes))
    .replaceAll("+", "-")
    .replaceAll("/", "_")
    .replace(/=+$/, "");

function fromB64url(s: string): Uint8Array {
  const bin = atob(s.replaceAll("-", "+").replaceAll("_", "/"));
  return Uint8Array.from(bin, (ch) => ch.charCodeAt(0));
}

/** Whether an unverified payload has the shape this server writes for `scope` (before judging its key). */
function looksIssued(payload: string, scope: string): boolean {
  try {
    const decoded = JSON.parse(new TextDecoder().decode(fromB64url(payload)));
    return Array.isArray(decoded) && decoded[0] === scope && Array.isArray(decoded[1]);
  } catch {
    return false;
  }
}

/** HMAC-SHA-256 of `data` under `secret`, cut to its first 16 bytes (cursors, enquiry form stamps). */
export async function hmac(secret: string, data: string): Promise<Uint8Array> {
  const key = await crypto.subtle.importKey(
    "raw",
    enc.encode(secret),
    { name: "HMAC", hash: "SHA-256" },
    false,
    ["sign"],
  );
  return new Uint8Array(await crypto.subtle.sign("HMAC", key, enc.encode(data))).slice(0, 16);
}

/**
 * The keys cursors are signed with: `current` (CURSOR_SECRET) signs and verifies; `previous`
 * (CURSOR_SECRET_PREVIOUS, comma-separated, during a rotation's overlap) only verify. A plain string is a ring of
 * one.
 */
export type CursorKeys = string | { current: string; previous?: readonly string[] };

/** The Worker's cursor keys, from its secrets. */
export const cursorKeys = (env: { CURSOR_SECRET: string; CURSOR_SECRET_PREVIOUS?: string }): CursorKeys => ({
  current: env.CURSOR_SECRET,
  previous: (env.CURSOR_SECRET_PREVIOUS ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean),
});

const currentKey = (keys: CursorKeys) => (typeof keys === "string" ? keys : keys.current);
const allKeys = (keys: CursorKeys) =>
  typeof keys === "string" ? [keys] : [keys.current, ...(keys.previous ?? [])];

/** A key's id in a cursor: 4 characters of a hash of the secret, naming it without telling anything of it. */
async function keyId(secret: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", enc.encode(`cursor-key:${secret}`));
  return b64url(new Uint8Array(digest).slice(0, 3));
}

/**
 * The reason given for a well-formed cursor whose key id no key of the ring has: it was signed before a rotation
 * whose overlap has ended. The change feed answers it with its feed-reset problem (410), lists with a 400.
 */
export const ROTATED_KEY_REASON =
  "cursor was signed with a key this server no longer holds (its secret was rotated): start again without `cursor`";

/** What a cursor remembers: the query it belongs to (scope) and the sort key of the last row served. */
export interface CursorState {
  scope: string;
  key: (string | number | null)[];
}

/**
 * Encodes an opaque, signed keyset cursor, `payload.keyid.signature`, signed with the ring's current key.
 * Signing means a client cannot forge a position or reuse a cursor with another query: either is a 400.
 *
 * @example const next = await encodeCursor(keys, { scope: "products|tier|vi|...", key: [4, "lap suon", 1] })
 */
export async function encodeCursor(keys: CursorKeys, state: CursorState): Promise<string> {
  const secret = currentKey(keys);
  const payload = b64url(enc.encode(JSON.stringify([state.scope, state.key])));
  const signed = `${payload}.${await keyId(secret)}`;
  return `${signed}.${b64url(await hmac(secret, signed))}`;
}

/**
 * Decodes and verifies a cursor for the given scope (and key length, `arity`, when given); throws BadCursor
 * (a 400 naming `cursor` at the HTTP edge) otherwise — with {@link ROTATED_KEY_REASON} when the cursor is well formed but its key id names no
 * key of the ring. Cursors from before key ids (`payload.signature`) are verified against every key of the ring.
 */
export async function decodeCursor(
  keys: CursorKeys,
  cursor: string,
  scope: string,
  arity?: number,
): Promise<CursorState["key"]> {
  const bad = (reason: string) => new BadCursor(reason);
  const parts = cursor.split(".");
  const [payload, kid, sig] = parts.length === 2 ? [parts[0], null, parts[1]] : parts;
  const b64 = /^[\w-]+$/;
  if (
    parts.length > 3 ||
    !payload ||
    !sig ||
    !b64.test(payload) ||
    !b64.test(sig) ||
    (kid !== null && (kid === undefined || !/^[\w-]{4}$/.test(kid)))
  ) {
    throw bad("malformed cursor");
  }
  let given: Uint8Array;
  try {
    given = fromB64url(sig);
  } catch {
    throw bad("malformed cursor");
  }
  let signed: string[] = allKeys(keys);
  if (kid !== null) {
    const ids = await Promise.all(signed.map(keyId));
    signed = signed.filter((_, i) => ids[i] === kid);
    // A cursor that looks like ours but whose key has gone: said apart from a modified one.
    if (!signed.length) {
      throw bad(looksIssued(payload, scope) ? ROTATED_KEY_REASON : "malformed cursor");
    }
  }
  const message = kid === null ? payload : `${payload}.${kid}`;
  let verified = false;
  for (const secret of signed) {
    const expected = await hmac(secret, message);
    let diff = given.length ^ expected.length;
    for (let i = 0; i < expected.length; i++) diff |= (expected[i] ?? 0) ^ (given[i] ?? 0);
    if (diff === 0) verified = true;
  }
  // base64url's last character carries unused bits: "…C_" and "…C-" can decode to the same bytes. Only the
  // canonical spelling of the signature is accepted, so every changed character is a changed cursor.
  if (!verified || b64url(given) !== sig) {
    throw bad("cursor was modified or was not issued by this server");
  }
  let decoded: unknown;
  try {
    decoded = JSON.parse(new TextDecoder().decode(fromB64url(payload)));
  } catch {
    throw bad("malformed cursor");
  }
  if (!Array.isArray(decoded) || decoded[0] !== scope || !Array.isArray(decoded[1])) {
    throw bad("cursor belongs to a different query (filters, sort or language changed)");
  }
  // Signed by us, so this only fails if the secret leaked or the code changed; either way not a 500.
  const key: unknown[] = decoded[1];
  const scalar = (v: unknown) =>
    v === null || typeof v === "string" || (typeof v === "number" && Number.isFinite(v));
  if ((arity !== undefined && key.length !== arity) || !key.every(scalar)) throw bad("malformed cursor");
  return key as CursorState["key"];
}
