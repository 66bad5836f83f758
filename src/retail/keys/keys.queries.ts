// The retail API's key checks as SQL (src/retail/listings/listings.queries.ts and webhooks.ts put them in their write batches):
// apart from the listing queries so that the webhook routes, loaded on demand in a chunk of their own
// (src/index.ts), do not carry the listing writes with them.
import { sql } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import { liveKeyWhere } from "../../platform/db/api-keys.ts";
import { apiKeys, channels } from "../../platform/db/schema.ts";
import type { Credential } from "../../platform/env.ts";

/** The presented key's row, read inside the write batch for the caller to verify (timing-safe) afterwards. */
export interface KeyRow {
  id: number;
  hash: string;
  revoked_at: string | null;
  channel_slug: string;
  /** Space-separated scopes (KEY_SCOPES). */
  scopes: string;
  expires_at: string | null;
}
// The key checks' own names for their tables, so that they shadow whatever the statement around them names.
const k = alias(apiKeys, "k");
const c = alias(channels, "c");
export const keyLookup = (
  cr: Credential,
) => sql`SELECT ${k.id}, ${k.hash}, ${k.revokedAt}, ${c.slug} AS channel_slug, ${k.scopes}, ${k.expiresAt}
FROM ${apiKeys} ${k} JOIN ${channels} ${c} ON ${c.id} = ${k.channelId} WHERE ${k.prefix} = ${cr.prefix}`;
/** The key holds the scope the route needs (`read`: any key), as SQL on `api_keys k`. */
const scoped = (cr: Credential) =>
  cr.scope === "read" ? sql`1` : sql`instr(' ' || ${k.scopes} || ' ', ${` ${cr.scope} `}) > 0`;
/**
 * Every write statement carries this guard: it holds only for an unrevoked, unexpired key with the presented
 * prefix and SHA-256 that belongs to the target channel and holds the route's scope. So the key check and the write share one batch (one round trip),
 * and a refused key writes nothing even though the batch runs before the Worker verifies the key in constant time.
 * (SQLite's `=` on the hash is not constant-time, but it compares digests of the caller's input, which leak
 * nothing useful about a stored key.)
 */
export const guard = (
  cr: Credential,
) => sql`EXISTS (SELECT 1 FROM ${apiKeys} ${k} JOIN ${channels} ${c} ON ${c.id} = ${k.channelId}
  WHERE ${liveKeyWhere(k, cr.prefix, cr.hash)} AND ${c.slug} = ${cr.channel} AND ${scoped(cr)})`;
/** The id of the channel the credential names (a subquery). */
export const channelId = (cr: Credential) =>
  sql`(SELECT ${channels.id} FROM ${channels} WHERE ${channels.slug} = ${cr.channel})`;
/** The id of the presented key (a subquery). */
export const keyId = (cr: Credential) =>
  sql`(SELECT ${apiKeys.id} FROM ${apiKeys} WHERE ${apiKeys.prefix} = ${cr.prefix})`;
/** The key row a batch read with {@link keyLookup}. */
export const keyRow = (result: D1Result | undefined) => (result?.results[0] as KeyRow | undefined) ?? null;
