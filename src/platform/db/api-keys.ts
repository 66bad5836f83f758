/**
 * The retailer API keys' store, written once for the operators' CLI (scripts/keys.ts, which runs these statements
 * through `wrangler d1 execute`) and the editors' keys page (src/editor/keys/): make, list and revoke. A key is
 * stored as its visible prefix and its SHA-256 only (src/platform/http/api-key.ts makes them); checking a presented
 * key is the retail feature's (src/retail/keys/). Statements take numbered parameters (?1, ?2…).
 */
import { type Column, type SQL, sql } from "drizzle-orm";
import type { apiKeys } from "./schema.ts";

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

const NOW = "strftime('%Y-%m-%dT%H:%M:%fZ','now')";

/**
 * Makes a key of the channel ?1 (slug): name ?2, prefix ?3, SHA-256 ?4, scopes ?5 (space-separated), expiry ?6
 * (ISO or null). Returns its id; no row when no such channel.
 */
export const INSERT_KEY = `INSERT INTO api_keys (channel_id, name, prefix, hash, scopes, expires_at)
SELECT id, ?2, ?3, ?4, ?5, ?6 FROM channels WHERE slug = ?1 RETURNING id`;

/** Every key (?1 null) or one channel's (?1 its slug), newest first, revoked ones last. */
export const LIST_KEYS = `SELECT k.id, c.slug AS channel, k.name, k.prefix, k.scopes, k.created_at, k.expires_at,
  k.last_used_at, k.revoked_at
FROM api_keys k JOIN channels c ON c.id = k.channel_id
WHERE ?1 IS NULL OR c.slug = ?1
ORDER BY c.slug, k.revoked_at IS NOT NULL, k.id DESC`;

/** Revokes the active key of prefix ?1 (refused from its next request on); returns its id and channel. */
export const REVOKE_KEY = `UPDATE api_keys SET revoked_at = ${NOW} WHERE prefix = ?1 AND revoked_at IS NULL
RETURNING id, (SELECT slug FROM channels WHERE id = channel_id) AS channel`;

/**
 * The SQL condition that the key row `k` (api_keys, or an alias of it) is the one presented — its prefix and
 * SHA-256 — and may be used now: not revoked, not expired. For statements that take a key without the retail
 * feature's check (an enquiry a chain sends with its key).
 */
export const liveKeyWhere = (k: KeyColumns, prefix: string | null, hash: string | null): SQL =>
  sql`${k.prefix} = ${prefix} AND ${k.hash} = ${hash} AND ${k.revokedAt} IS NULL AND (${k.expiresAt} IS NULL OR ${k.expiresAt} > ${sql.raw(NOW)})`;
/** The api_keys columns {@link liveKeyWhere} reads, of the table or an alias of it. */
type KeyColumns = Record<
  Extract<keyof typeof apiKeys, "prefix" | "hash" | "revokedAt" | "expiresAt">,
  Column
>;

export interface NewKey {
  channel: string;
  name: string;
  prefix: string;
  hash: string;
  scopes: readonly string[];
  expiresAt: string | null;
}

/** The parameters of {@link INSERT_KEY}, in order. */
export const insertKeyParams = (k: NewKey) =>
  [k.channel, k.name, k.prefix, k.hash, k.scopes.join(" "), k.expiresAt] as const;

/**
 * What makes a statement: a D1 database, a session or the request's counted D1 (its statement type `S`). Said
 * structurally, so that scripts/keys.ts, which Node runs without the Workers types, can import this module.
 */
interface Prepares<S> {
  prepare(query: string): { bind(...values: unknown[]): S };
}

/** {@link INSERT_KEY} as a D1 statement. */
export const insertKey = <S>(d1: Prepares<S>, k: NewKey): S =>
  d1.prepare(INSERT_KEY).bind(...insertKeyParams(k));
/** {@link LIST_KEYS} as a D1 statement. */
export const listKeys = <S>(d1: Prepares<S>, channel: string | null): S =>
  d1.prepare(LIST_KEYS).bind(channel);
/** {@link REVOKE_KEY} as a D1 statement. */
export const revokeKey = <S>(d1: Prepares<S>, prefix: string): S => d1.prepare(REVOKE_KEY).bind(prefix);
