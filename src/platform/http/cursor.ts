import { invalidParams } from "./problem.ts";

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

/** What a cursor remembers: the query it belongs to (scope) and the sort key of the last row served. */
export interface CursorState {
  scope: string;
  key: (string | number | null)[];
}

/**
 * Encodes an opaque, signed keyset cursor. Signing means a client cannot forge a position or reuse a cursor
 * with another query: either is a 400.
 *
 * @example const next = await encodeCursor(secret, { scope: "products|tier|vi|...", key: [4, "lap suon", 1] })
 */
export async function encodeCursor(secret: string, state: CursorState): Promise<string> {
  const payload = b64url(enc.encode(JSON.stringify([state.scope, state.key])));
  return `${payload}.${b64url(await hmac(secret, payload))}`;
}

/**
 * Decodes and verifies a cursor for the given scope (and key length, `arity`, when given); throws a 400 problem
 * naming `cursor` otherwise.
 */
export async function decodeCursor(
  secret: string,
  cursor: string,
  scope: string,
  arity?: number,
): Promise<CursorState["key"]> {
  const bad = (reason: string) => invalidParams([{ name: "cursor", reason }]);
  const [payload, sig, extra] = cursor.split(".");
  if (!payload || !sig || extra !== undefined || !/^[\w-]+$/.test(payload) || !/^[\w-]+$/.test(sig)) {
    throw bad("malformed cursor");
  }
  let given: Uint8Array;
  try {
    given = fromB64url(sig);
  } catch {
    throw bad("malformed cursor");
  }
  const expected = await hmac(secret, payload);
  let diff = given.length ^ expected.length;
  for (let i = 0; i < expected.length; i++) diff |= (expected[i] ?? 0) ^ (given[i] ?? 0);
  // base64url's last character carries unused bits: "…C_" and "…C-" can decode to the same bytes. Only the
  // canonical spelling of the signature is accepted, so every changed character is a changed cursor.
  if (diff !== 0 || b64url(given) !== sig) {
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
