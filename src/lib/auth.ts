import type { MiddlewareHandler } from "hono";
import type { AppEnv } from "../env.ts";
import { KEY_PATTERN, PREFIX_LENGTH, sha256Hex } from "./api-key.ts";
import { Problem } from "./problem.ts";
import { clientAddress, enforceRateLimit } from "./rate-limit.ts";

const REALM = "cnnt-catalogue";

const fromHex = (hex: string) => Uint8Array.from(hex.match(/../g) ?? [], (b) => Number.parseInt(b, 16));

/** Compares two SHA-256 digests in constant time (equal lengths by construction). */
function sameDigest(a: string, b: string): boolean {
  const x = fromHex(a);
  const y = fromHex(b);
  return x.length === y.length && x.length === 32 && crypto.subtle.timingSafeEqual(x, y);
}

// Compared against when no key has the given prefix, so unknown and wrong keys cost the same work.
const NO_KEY = "0".repeat(64);

function unauthorized(detail: string, error?: "invalid_request" | "invalid_token"): Problem {
  // Header values must be ASCII and must not hold quotes: describe the error plainly there.
  const plain = detail.replace(/[^\x20-\x7e]|["`\\]/g, "");
  const challenge = `Bearer realm="${REALM}"${error ? `, error="${error}", error_description="${plain}"` : ""}`;
  return new Problem(401, { type: "unauthorized", detail }, { "www-authenticate": challenge });
}

interface KeyRow {
  id: number;
  hash: string;
  revoked_at: string | null;
  channel_id: number;
  channel_slug: string;
}

/**
 * Requires `Authorization: Bearer <key>` with a valid, unrevoked key of the channel named by the route's
 * `{channel}` parameter. Missing, malformed, unknown or revoked keys are 401 with `WWW-Authenticate` (and count
 * against the caller's address limit); a valid key of another channel is 403. The verified key is rate-limited
 * by its id and set as `c.get("apiKey")`.
 *
 * @example router.openapi(createRoute({ ..., middleware: [requireChannelKey()] }), handler)
 */
export function requireChannelKey(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const fail = async (p: Problem) => {
      const address = clientAddress(c);
      if (address) await enforceRateLimit(c, "RATE_LIMIT_ANON", address);
      throw p;
    };
    const header = c.req.header("authorization");
    if (!header) return fail(unauthorized("This request needs an API key: `Authorization: Bearer <key>`"));
    const match = /^Bearer +(\S+) *$/i.exec(header);
    const key = match?.[1];
    if (!key || !KEY_PATTERN.test(key)) {
      return fail(
        unauthorized("Malformed Authorization header; expected `Bearer cnnt_…`", "invalid_request"),
      );
    }
    const [row, digest] = await Promise.all([
      c
        .get("d1")
        .prepare(
          "SELECT k.id, k.hash, k.revoked_at, k.channel_id, c.slug AS channel_slug FROM api_keys k JOIN channels c ON c.id = k.channel_id WHERE k.prefix = ?",
        )
        .bind(key.slice(0, PREFIX_LENGTH))
        .first<KeyRow>(),
      sha256Hex(key),
    ]);
    const matches = sameDigest(digest, row?.hash ?? NO_KEY);
    if (!row || !matches) return fail(unauthorized("Unknown API key", "invalid_token"));
    if (row.revoked_at) return fail(unauthorized("This API key was revoked", "invalid_token"));
    const channel = c.req.param("channel");
    if (channel !== row.channel_slug) {
      throw new Problem(403, {
        type: "forbidden",
        detail: `This API key belongs to channel '${row.channel_slug}' and cannot change the listings of '${channel}'`,
      });
    }
    await enforceRateLimit(c, "RATE_LIMIT_KEY", `key:${row.id}`);
    c.set("apiKey", {
      id: row.id,
      prefix: key.slice(0, PREFIX_LENGTH),
      channelId: row.channel_id,
      channelSlug: row.channel_slug,
    });
    await next();
  };
}
