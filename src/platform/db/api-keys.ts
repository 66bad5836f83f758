/**
 * The retailer API keys' store, written once for the operators' CLI (scripts/keys.ts, which runs these statements
 * through `wrangler d1 execute`) and the editors' keys page (src/editor/keys/): make, list and revoke. A key is
 * stored as its visible prefix and its SHA-256 only (src/platform/http/api-key.ts makes them); checking a presented
 * key is the retail feature's (src/retail/keys/).
 */
import { type Column, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import { apiKeys, channels } from "./schema.ts";
import { assign, bareList, NOW, type Prepares, toStatement } from "./sql.ts";

/** A key as the editors and the CLI see it: never its hash. */
export interface StoredKeySummary {
  id: number;
  channel: string;
  name: string;
  prefix: string;
  /** Space-separated (KEY_SCOPES). */
  scopes: string;
  created_at: string;
  expires_at: string | null;
  last_used_at: string | null;
  revoked_at: string | null;
}

export interface NewKey {
  channel: string;
  name: string;
  prefix: string;
  hash: string;
  scopes: readonly string[];
  expiresAt: string | null;
}

/** Makes a key of the channel (its slug). Returns its id; no row when no such channel. */
export const insertKeyQuery = (k: NewKey) =>
  sql`INSERT INTO ${apiKeys} (${bareList(apiKeys.channelId, apiKeys.name, apiKeys.prefix, apiKeys.hash, apiKeys.scopes, apiKeys.expiresAt)})
SELECT ${channels.id}, ${k.name}, ${k.prefix}, ${k.hash}, ${k.scopes.join(" ")}, ${k.expiresAt} FROM ${channels}
WHERE ${channels.slug} = ${k.channel} RETURNING ${apiKeys.id}`;

const k = alias(apiKeys, "k");
const c = alias(channels, "c");
/** Every key (`channel` null) or one channel's (its slug), newest first, revoked ones last. */
export const listKeysQuery = (channel: string | null) =>
  sql`SELECT ${k.id}, ${c.slug} AS channel, ${k.name}, ${k.prefix}, ${k.scopes}, ${k.createdAt}, ${k.expiresAt},
  ${k.lastUsedAt}, ${k.revokedAt}
FROM ${apiKeys} ${k} JOIN ${channels} ${c} ON ${c.id} = ${k.channelId}
WHERE ${channel} IS NULL OR ${c.slug} = ${channel}
ORDER BY ${c.slug}, ${k.revokedAt} IS NOT NULL, ${k.id} DESC`;

/** Revokes the active key of this prefix (refused from its next request on); returns its id and channel. */
export const revokeKeyQuery = (prefix: string) =>
  sql`UPDATE ${apiKeys} SET ${assign(apiKeys.revokedAt, NOW)} WHERE ${apiKeys.prefix} = ${prefix} AND ${apiKeys.revokedAt} IS NULL
RETURNING ${apiKeys.id}, (SELECT ${channels.slug} FROM ${channels} WHERE ${channels.id} = ${apiKeys.channelId}) AS channel`;

/**
 * The condition that the key row `key` (api_keys or an alias of it) is the one presented — its prefix and SHA-256
 * — and may be used now: not revoked, not expired. The retail key guard (src/retail/keys/) and statements that take
 * a key without the retail feature's check (an enquiry a chain sends with its key) share it.
 */
export const liveKeyWhere = (
  key: { prefix: Column; hash: Column; revokedAt: Column; expiresAt: Column },
  prefix: unknown,
  hash: unknown,
) =>
  sql`${key.prefix} = ${prefix} AND ${key.hash} = ${hash} AND ${key.revokedAt} IS NULL AND (${key.expiresAt} IS NULL OR ${key.expiresAt} > ${NOW})`;

/** {@link insertKeyQuery} as a D1 statement (of a database, a session or the request's counted D1). */
export const insertKey = <S>(d1: Prepares<S>, key: NewKey) => toStatement(d1, insertKeyQuery(key));
/** {@link listKeysQuery} as a D1 statement. */
export const listKeys = <S>(d1: Prepares<S>, channel: string | null) =>
  toStatement(d1, listKeysQuery(channel));
/** {@link revokeKeyQuery} as a D1 statement. */
export const revokeKey = <S>(d1: Prepares<S>, prefix: string) => toStatement(d1, revokeKeyQuery(prefix));
