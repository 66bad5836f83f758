import type { Context, MiddlewareHandler } from "hono";
import type { KeyScope } from "../../domain/vocabulary.ts";
import type { ApiKeyIdentity, AppEnv, Credential } from "../../platform/env.ts";
import { KEY_PATTERN, PREFIX_LENGTH, sha256Hex } from "../../platform/http/api-key.ts";
import { Problem } from "../../platform/http/problem.ts";
import { addPolicy, enforceRateLimit } from "../../platform/http/rate-limit.ts";

const REALM = "cnnt-catalogue";

/** The stored key row a write's batch read for the presented prefix (what {@link verifyKey} judges). */
export interface StoredKey {
  id: number;
  hash: string;
  revoked_at: string | null;
  channel_slug: string;
  scopes: string;
  expires_at: string | null;
}

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

/**
 * Refuses a request with 401/403. The attempt was already charged to the caller's address before anything else
 * ran (`addressRateLimit()`), so refusing costs no further D1 work and a random key buys no fresh budget.
 */
async function refuse(_c: Context<AppEnv>, p: Problem): Promise<never> {
  throw p;
}

/**
 * Requires `Authorization: Bearer <key>` on a write route with a `{channel}` parameter. Missing or malformed:
 * 401 with `WWW-Authenticate` right away. A well-formed key is rate-limited by its own SHA-256 (a caller cannot
 * spend another key's budget without holding that key) and handed on as `c.get("credential")`; whether it
 * exists, is unrevoked and belongs to the channel is decided by {@link verifyKey} from the row that the write's
 * own D1 batch reads — so a keyed write costs one round trip, and the batch's statements write nothing for a
 * refused key.
 *
 * `scope` is what the route needs: `listings`, `webhooks`, or `read` (any key of the channel).
 *
 * @example router.openapi(createRoute({ ..., middleware: [requireChannelKey("listings")] }), handler)
 */
export function requireChannelKey(scope: KeyScope): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const header = c.req.header("authorization");
    if (!header)
      return refuse(c, unauthorized("This request needs an API key: `Authorization: Bearer <key>`"));
    const key = /^Bearer +(\S+) *$/i.exec(header)?.[1];
    if (!key || !KEY_PATTERN.test(key)) {
      return refuse(
        c,
        unauthorized("Malformed Authorization header; expected `Bearer cnnt_…`", "invalid_request"),
      );
    }
    const hash = await sha256Hex(key);
    await enforceRateLimit(c, "RATE_LIMIT_KEY", `key:${hash}`);
    c.set("credential", {
      prefix: key.slice(0, PREFIX_LENGTH),
      hash,
      channel: c.req.param("channel") ?? "",
      scope,
    });
    await next();
    if (c.env.RATE_LIMIT_KEY) addPolicy(c.res.headers, "RATE_LIMIT_KEY");
  };
}

/** The request's credential (set by {@link requireChannelKey}). */
export function credentialOf(c: Context<AppEnv>): Credential {
  const credential = c.get("credential");
  if (!credential) throw new Error("route without requireChannelKey()");
  return credential;
}

/**
 * Verifies the presented key against its row (read in the write's batch): the SHA-256 digests are compared in
 * constant time; unknown, revoked or expired is 401, another channel's key or one without the route's scope 403.
 */
export async function verifyKey(c: Context<AppEnv>, row: StoredKey | null): Promise<ApiKeyIdentity> {
  const cr = credentialOf(c);
  const matches = sameDigest(cr.hash, row?.hash ?? NO_KEY);
  if (!row || !matches) return refuse(c, unauthorized("Unknown API key", "invalid_token"));
  if (row.revoked_at) return refuse(c, unauthorized("This API key was revoked", "invalid_token"));
  if (row.expires_at && Date.parse(row.expires_at) <= Date.now())
    return refuse(c, unauthorized(`This API key expired at ${row.expires_at}`, "invalid_token"));
  if (row.channel_slug !== cr.channel) {
    throw new Problem(403, {
      type: "forbidden",
      detail: `This API key belongs to channel '${row.channel_slug}' and cannot change the listings of '${cr.channel}'`,
    });
  }
  if (cr.scope !== "read" && !row.scopes.split(" ").includes(cr.scope)) {
    throw new Problem(403, {
      type: "insufficient-scope",
      detail: `This API key's scopes (${row.scopes}) do not include '${cr.scope}', which this request needs`,
    });
  }
  return { id: row.id, prefix: cr.prefix, channelSlug: row.channel_slug };
}
