// A channel's webhook endpoints and their deliveries, for the retailer API. Every statement carries the key guard
// (src/retail/listings/listings.queries.ts): the key check and the work share one batch, and a refused key reads and writes
// nothing. Endpoints are scoped by channel in SQL, so another channel's endpoint id is simply not found.
import { type SQL, sql } from "drizzle-orm";
import { alias, type SQLiteColumn } from "drizzle-orm/sqlite-core";
import type { CHANGE_ENTITIES } from "../../domain/vocabulary.ts";
import { assign, bareList, NOW, toStatement } from "../../platform/db/client.ts";
import { parseJson } from "../../platform/db/mappers.ts";
import { changes, webhookDeliveries, webhookEndpoints } from "../../platform/db/schema.ts";
import type { CountedD1, Credential } from "../../platform/env.ts";
import { channelId, guard, type KeyRow, keyId, keyLookup, keyRow } from "../keys/keys.queries.ts";

/** Most endpoints one channel may register (each change is fanned out to every endpoint). */
export const MAX_ENDPOINTS_PER_CHANNEL = 10;

type Entity = (typeof CHANGE_ENTITIES)[number];

/** An endpoint as the API shows it (never its secret). */
export interface WebhookEndpoint {
  id: string;
  url: string;
  events: Entity[];
  include_illustrative: boolean;
  /** `record`: each delivery carries the entity's current record (`data.change.record`); null: it does not. */
  expand: "record" | null;
  /** Until when the previous secret still signs (after a rotation), or null. */
  previous_secret_expires_at: string | null;
  created_at: string;
  updated_at: string;
}

/** One delivery as the API shows it. */
export interface WebhookDelivery {
  id: string;
  seq: number;
  type: string;
  status: "pending" | "delivered" | "dead";
  attempts: number;
  response_status: number | null;
  latency_ms: number | null;
  error: string | null;
  created_at: string;
  updated_at: string;
}

interface EndpointRow {
  id: string;
  url: string;
  events: string;
  include_illustrative: number;
  expand_record: number;
  previous_secret_expires_at: string | null;
  created_at: string;
  updated_at: string;
}

const w = webhookEndpoints;
const ENDPOINT_COLUMNS = sql.join(
  [
    w.id,
    w.url,
    w.events,
    w.includeIllustrative,
    w.expandRecord,
    w.previousSecretExpiresAt,
    w.createdAt,
    w.updatedAt,
  ],
  sql`, `,
);
/** The endpoint is the key's channel's (and the key may do what the route does). */
const mine = (cr: Credential) => sql`${w.channelId} = ${channelId(cr)} AND ${guard(cr)}`;
/** `column = coalesce(value, column)`: a PATCH's field, left as it is when not sent (null). */
const patched = (column: SQLiteColumn, value: unknown) => assign(column, sql`coalesce(${value}, ${column})`);
const joined = (parts: SQL[]) => sql.join(parts, sql`, `);

const endpointOut = (r: EndpointRow): WebhookEndpoint => ({
  id: r.id,
  url: r.url,
  events: parseJson<Entity[]>(r.events, []),
  include_illustrative: r.include_illustrative === 1,
  expand: r.expand_record === 1 ? "record" : null,
  previous_secret_expires_at: r.previous_secret_expires_at,
  created_at: r.created_at,
  updated_at: r.updated_at,
});

const rows = <R>(result: D1Result | undefined) => (result?.results ?? []) as R[];

/** A keyed read or write's outcome: the key row (for verifyKey) and the result. */
export interface Keyed<T> {
  key: KeyRow | null;
  result: T;
}

/** The channel's endpoints in the order they were made, after the keyset position `after` ([created_at, id]). */
export async function listEndpoints(
  d1: CountedD1,
  cr: Credential,
  after: [string, string] | null,
  limit: number,
): Promise<Keyed<WebhookEndpoint[]>> {
  const position = after ? sql`AND (${w.createdAt}, ${w.id}) > (${after[0]}, ${after[1]})` : sql``;
  const [key, list] = await d1.batch(
    [
      keyLookup(cr),
      sql`SELECT ${ENDPOINT_COLUMNS} FROM ${w} WHERE ${mine(cr)} ${position}
ORDER BY ${w.createdAt}, ${w.id} LIMIT ${limit + 1}`,
    ].map((q) => toStatement(d1, q)),
  );
  return { key: keyRow(key), result: rows<EndpointRow>(list).map(endpointOut) };
}

/** One endpoint of the channel (null: none with this id, or another channel's). */
export async function getEndpoint(
  d1: CountedD1,
  cr: Credential,
  id: string,
): Promise<Keyed<WebhookEndpoint | null>> {
  const [key, found] = await d1.batch(
    [keyLookup(cr), sql`SELECT ${ENDPOINT_COLUMNS} FROM ${w} WHERE ${w.id} = ${id} AND ${mine(cr)}`].map(
      (q) => toStatement(d1, q),
    ),
  );
  const row = rows<EndpointRow>(found)[0];
  return { key: keyRow(key), result: row ? endpointOut(row) : null };
}

/** What a retailer sets on an endpoint. */
export interface EndpointInput {
  url: string;
  events: Entity[];
  include_illustrative: boolean;
  expand: "record" | null;
}

/**
 * Registers an endpoint (unless the channel has {@link MAX_ENDPOINTS_PER_CHANNEL} already). It receives the
 * changes after the feed's current last entry (`after_seq`), so it starts with what happens next.
 */
/** Why a registration or URL change was refused: the channel is full, or another endpoint has the URL. */
export type EndpointRefusal = "too-many" | { duplicate: string };

/** The id of another endpoint of the key's channel with this URL (none: the statement reads nothing). */
const sameUrl = (cr: Credential, url: string | undefined, except: string | null = null) =>
  sql`SELECT ${w.id} FROM ${w} WHERE ${w.channelId} = ${channelId(cr)} AND ${w.url} = ${url ?? null}
  AND ${w.id} IS NOT ${except} LIMIT 1`;

export async function createEndpoint(
  d1: CountedD1,
  cr: Credential,
  id: string,
  secret: string,
  input: EndpointInput,
): Promise<Keyed<WebhookEndpoint | EndpointRefusal>> {
  const [key, duplicate, created] = await d1.batch(
    [
      keyLookup(cr),
      sameUrl(cr, input.url),
      sql`INSERT INTO ${w} (${bareList(w.id, w.channelId, w.url, w.events, w.includeIllustrative, w.expandRecord, w.secret, w.afterSeq, w.createdBy)})
SELECT ${id}, ${channelId(cr)}, ${input.url}, ${JSON.stringify(input.events)}, ${input.include_illustrative ? 1 : 0},
  ${input.expand === "record" ? 1 : 0}, ${secret}, (SELECT coalesce(max(${changes.seq}), 0) FROM ${changes}), ${keyId(cr)}
WHERE ${guard(cr)} AND (SELECT count(*) FROM ${w} WHERE ${w.channelId} = ${channelId(cr)}) < ${MAX_ENDPOINTS_PER_CHANNEL}
  AND NOT EXISTS (${sameUrl(cr, input.url)})
RETURNING ${ENDPOINT_COLUMNS}`,
    ].map((q) => toStatement(d1, q)),
  );
  const row = rows<EndpointRow>(created)[0];
  const other = rows<{ id: string }>(duplicate)[0];
  return {
    key: keyRow(key),
    result: row ? endpointOut(row) : other ? { duplicate: other.id } : "too-many",
  };
}

/** Changes the URL, events, illustrative opt-in or expansion of an endpoint (fields left undefined stay). */
export async function updateEndpoint(
  d1: CountedD1,
  cr: Credential,
  id: string,
  patch: Partial<EndpointInput>,
): Promise<Keyed<WebhookEndpoint | { duplicate: string } | null>> {
  const [key, duplicate, updated] = await d1.batch(
    [
      keyLookup(cr),
      sameUrl(cr, patch.url, id),
      sql`UPDATE ${w} SET ${joined([
        patched(w.url, patch.url ?? null),
        patched(w.events, patch.events ? JSON.stringify(patch.events) : null),
        patched(
          w.includeIllustrative,
          patch.include_illustrative === undefined ? null : patch.include_illustrative ? 1 : 0,
        ),
        patched(w.expandRecord, patch.expand === undefined ? null : patch.expand === "record" ? 1 : 0),
        assign(w.updatedAt, NOW),
      ])}
WHERE ${w.id} = ${id} AND ${mine(cr)} AND NOT EXISTS (${sameUrl(cr, patch.url, id)}) RETURNING ${ENDPOINT_COLUMNS}`,
    ].map((q) => toStatement(d1, q)),
  );
  const row = rows<EndpointRow>(updated)[0];
  const other = rows<{ id: string }>(duplicate)[0];
  return { key: keyRow(key), result: row ? endpointOut(row) : other ? { duplicate: other.id } : null };
}

/** Where and with which secrets to sign a ping of one of the key's channel's endpoints (null: no such endpoint). */
export async function pingTarget(
  d1: CountedD1,
  cr: Credential,
  id: string,
): Promise<Keyed<{ url: string; secrets: string[] } | null>> {
  const [key, found] = await d1.batch(
    [
      keyLookup(cr),
      sql`SELECT ${w.url}, ${w.secret}, ${w.previousSecret},
  coalesce(${w.previousSecretExpiresAt} > ${NOW}, 0) AS previous_valid
FROM ${w} WHERE ${w.id} = ${id} AND ${mine(cr)}`,
    ].map((q) => toStatement(d1, q)),
  );
  const row = rows<{ url: string; secret: string; previous_secret: string | null; previous_valid: number }>(
    found,
  )[0];
  const secrets =
    row?.previous_secret && row.previous_valid ? [row.secret, row.previous_secret] : [row?.secret];
  return { key: keyRow(key), result: row ? { url: row.url, secrets: secrets as string[] } : null };
}

/** Deletes an endpoint and its deliveries (queued attempts find nothing and stop). */
export async function deleteEndpoint(d1: CountedD1, cr: Credential, id: string): Promise<Keyed<boolean>> {
  const [key, , deleted] = await d1.batch(
    [
      keyLookup(cr),
      sql`DELETE FROM ${webhookDeliveries} WHERE ${webhookDeliveries.endpointId} = (SELECT ${w.id} FROM ${w} WHERE ${w.id} = ${id} AND ${mine(cr)})`,
      sql`DELETE FROM ${w} WHERE ${w.id} = ${id} AND ${mine(cr)} RETURNING ${w.id}`,
    ].map((q) => toStatement(d1, q)),
  );
  return { key: keyRow(key), result: rows(deleted).length > 0 };
}

/**
 * Replaces an endpoint's secret; the old one keeps signing (a second signature) for `overlapSeconds`, so a
 * receiver can switch without dropping a delivery.
 */
export async function rotateSecret(
  d1: CountedD1,
  cr: Credential,
  id: string,
  secret: string,
  overlapSeconds: number,
): Promise<Keyed<WebhookEndpoint | null>> {
  const expires =
    overlapSeconds > 0
      ? sql`strftime('%Y-%m-%dT%H:%M:%fZ', 'now', ${`+${overlapSeconds} seconds`})`
      : sql`NULL`;
  const [key, rotated] = await d1.batch(
    [
      keyLookup(cr),
      sql`UPDATE ${w} SET ${joined([
        assign(w.previousSecret, overlapSeconds > 0 ? sql`${w.secret}` : sql`NULL`),
        assign(w.previousSecretExpiresAt, expires),
        assign(w.secret, secret),
        assign(w.updatedAt, NOW),
      ])}
WHERE ${w.id} = ${id} AND ${mine(cr)} RETURNING ${ENDPOINT_COLUMNS}`,
    ].map((q) => toStatement(d1, q)),
  );
  const row = rows<EndpointRow>(rotated)[0];
  return { key: keyRow(key), result: row ? endpointOut(row) : null };
}

interface DeliveryRow {
  id: string;
  seq: number;
  entity: string;
  body: string;
  status: WebhookDelivery["status"];
  attempts: number;
  response_status: number | null;
  latency_ms: number | null;
  error: string | null;
  created_at: string;
  updated_at: string;
}

/**
 * An endpoint's deliveries, newest change first, before the keyset position `before` (a `seq`); null when the
 * endpoint is not the channel's.
 */
export async function listDeliveries(
  d1: CountedD1,
  cr: Credential,
  endpoint: string,
  before: number | null,
  limit: number,
): Promise<Keyed<WebhookDelivery[] | null>> {
  const d = alias(webhookDeliveries, "d");
  const e = alias(webhookEndpoints, "e");
  const position = before === null ? sql`` : sql`AND ${d.seq} < ${before}`;
  const [key, owner, list] = await d1.batch(
    [
      keyLookup(cr),
      sql`SELECT ${w.id} FROM ${w} WHERE ${w.id} = ${endpoint} AND ${mine(cr)}`,
      sql`SELECT ${d.id}, ${d.seq}, ${d.entity}, json_extract(${d.body}, '$.type') AS type, ${d.status}, ${d.attempts},
  ${d.responseStatus}, ${d.latencyMs}, ${d.error}, ${d.createdAt}, ${d.updatedAt}
FROM ${webhookDeliveries} ${d} JOIN ${webhookEndpoints} ${e} ON ${e.id} = ${d.endpointId}
WHERE ${d.endpointId} = ${endpoint} AND ${e.channelId} = ${channelId(cr)} AND ${guard(cr)} ${position} ORDER BY ${d.seq} DESC LIMIT ${limit + 1}`,
    ].map((q) => toStatement(d1, q)),
  );
  if (!rows(owner).length) return { key: keyRow(key), result: null };
  return {
    key: keyRow(key),
    result: rows<DeliveryRow & { type: string }>(list).map((r) => ({
      id: r.id,
      seq: r.seq,
      type: r.type,
      status: r.status,
      attempts: r.attempts,
      response_status: r.response_status,
      latency_ms: r.latency_ms,
      error: r.error,
      created_at: r.created_at,
      updated_at: r.updated_at,
    })),
  };
}
