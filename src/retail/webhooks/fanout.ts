// The fan-out: the change feed is the one source of webhook deliveries. It reads the feed after its own cursor
// (webhook_fanout.last_seq) and writes one delivery per change and interested endpoint, with the exact body every
// attempt will send, in the same batch that moves the cursor. So a change is never lost between the write and the
// queue: a write only nudges the fan-out (a queue message, no D1 work on the write path), and a cron trigger runs
// it every minute as well, so a lost nudge delays deliveries, it does not drop them.
import { sql } from "drizzle-orm";
import { assign, bare, bareList, countedD1, toStatement } from "../../platform/db/client.ts";
import {
  changes as feed,
  webhookDeliveries,
  webhookEndpoints,
  webhookFanout,
} from "../../platform/db/schema.ts";
import type { CountedD1, Env } from "../../platform/env.ts";
import { encodeCursor } from "../../platform/lib/cursor.ts";
import { type Change, changesAfter } from "../changes/changes.queries.ts";
import { generateMessageId } from "./signature.ts";

/** Changes read per fan-out step (another step is queued when there are more). */
export const FANOUT_PAGE = 100;
/** Delivery rows per INSERT (one JSON parameter each; keeps every statement well under D1's size limits). */
const ROWS_PER_INSERT = 50;
/** The change feed's cursor scope (src/retail/changes/changes.handlers.ts): payload cursors continue the feed. */
const FEED_SCOPE = "changes-v1";

/** The body of one webhook: Standard Webhooks' `type`, `timestamp` and `data` (the feed's entry and cursor). */
export interface WebhookPayload {
  type: `${Change["entity"]}.${Change["op"]}`;
  timestamp: string;
  data: {
    /** The change exactly as `GET /api/v1/changes` has it. */
    change: Change;
    /** `GET /api/v1/changes?cursor=…` continues after this change: de-duplicate by `seq`, fill gaps from here. */
    cursor: string;
  };
}

interface EndpointRow {
  id: string;
  events: string;
  include_illustrative: number;
  expand_record: number;
  after_seq: number;
}

/** Whether an endpoint wants a change: its kind, after the endpoint was made, illustrative only if it opted in. */
const wants = (e: EndpointRow, c: Change) =>
  c.seq > e.after_seq &&
  (JSON.parse(e.events) as string[]).includes(c.entity) &&
  (e.include_illustrative === 1 || c.provenance?.record !== "illustrative");

/**
 * One fan-out step: turns up to {@link FANOUT_PAGE} new change-feed entries into deliveries and returns the ids
 * it created (to enqueue) and whether more entries wait. Safe to run concurrently: the cursor moves by
 * compare-and-set and a delivery is unique per endpoint and `seq`, so a change is fanned out once.
 */
export async function fanOut(
  env: Pick<Env, "DB" | "CURSOR_SECRET">,
  d1: CountedD1 = countedD1(env.DB),
): Promise<{ created: string[]; more: boolean }> {
  const f = webhookFanout;
  const w = webhookEndpoints;
  const [cursorRow, endpointRows] = await d1.batch([
    toStatement(d1, sql`SELECT ${f.lastSeq} FROM ${f} WHERE ${f.id} = 1`),
    toStatement(
      d1,
      sql`SELECT ${w.id}, ${w.events}, ${w.includeIllustrative}, ${w.expandRecord}, ${w.afterSeq} FROM ${w}`,
    ),
  ]);
  const last = (cursorRow?.results[0] as { last_seq: number } | undefined)?.last_seq ?? 0;
  const endpoints = (endpointRows?.results ?? []) as EndpointRow[];
  if (!endpoints.length) {
    // Nobody listens: move past everything so a first endpoint does not start with a backlog it never asked for
    // (unless one was registered meanwhile: then the next step fans out to it from its own start).
    await toStatement(
      d1,
      sql`UPDATE ${f} SET ${assign(f.lastSeq, sql`(SELECT coalesce(max(${feed.seq}), 0) FROM ${feed})`)}
WHERE ${f.id} = 1 AND NOT EXISTS (SELECT 1 FROM ${w})`,
    ).run();
    return { created: [], more: false };
  }
  // Records only when an endpoint asked for them (`expand: "record"`): read in the same round trip as the page.
  const expanding = endpoints.some((e) => e.expand_record === 1);
  const { changes, epoch, recordsOf } = await changesAfter(
    d1,
    last,
    FANOUT_PAGE,
    true,
    expanding ? { lang: "vi" } : null,
  );
  // An endpoint without include_illustrative never sees an illustrative value, in the record either.
  const records = recordsOf ? [recordsOf(false), recordsOf(true)] : null;
  const page = changes.slice(0, FANOUT_PAGE);
  const end = page.at(-1)?.seq;
  if (end === undefined) return { created: [], more: false };
  const rows: { id: string; endpoint: string; seq: number; entity: string; key: string; body: string }[] = [];
  for (const { record: _, ...change } of page) {
    const cursor = await encodeCursor(env.CURSOR_SECRET, { scope: FEED_SCOPE, key: [change.seq, epoch] });
    /** The body for an endpoint: the entry alone, or with its record read with or without illustrative values. */
    const bodies = new Map<string, string>();
    const bodyFor = (e: EndpointRow) => {
      const variant = e.expand_record === 1 && records ? String(e.include_illustrative) : "plain";
      let body = bodies.get(variant);
      if (body === undefined) {
        const record =
          change.op === "upsert"
            ? (records?.[Number(variant)]?.get(`${change.entity}:${change.key}`) ?? null)
            : null;
        const payload: WebhookPayload = {
          type: `${change.entity}.${change.op}`,
          timestamp: change.changed_at,
          data: { change: variant === "plain" ? change : { ...change, record }, cursor },
        };
        body = JSON.stringify(payload);
        bodies.set(variant, body);
      }
      return body;
    };
    for (const e of endpoints) {
      if (!wants(e, change)) continue;
      const body = bodyFor(e);
      rows.push({
        id: generateMessageId(),
        endpoint: e.id,
        seq: change.seq,
        entity: change.entity,
        key: change.key,
        body,
      });
    }
  }
  // Written only if nothing moved since the reads: the cursor (another step got here first) and the set of
  // endpoints (one registered since would miss these changes, one deleted would get orphans). Otherwise nothing is
  // written and the step is run again.
  const ids = endpoints
    .map((e) => e.id)
    .sort()
    .join(",");
  const unchanged = sql`(SELECT ${f.lastSeq} FROM ${f} WHERE ${f.id} = 1) = ${last}
  AND coalesce((SELECT group_concat(${bare(w.id)}, ',') FROM (SELECT ${w.id} FROM ${w} ORDER BY ${w.id})), '') = ${ids}`;
  const d = webhookDeliveries;
  const inserts = [];
  for (let i = 0; i < rows.length; i += ROWS_PER_INSERT) {
    const chunk = JSON.stringify(rows.slice(i, i + ROWS_PER_INSERT));
    inserts.push(sql`INSERT OR IGNORE INTO ${d} (${bareList(d.id, d.endpointId, d.seq, d.entity, d.entityKey, d.body)})
SELECT json_extract(value, '$.id'), json_extract(value, '$.endpoint'), json_extract(value, '$.seq'), json_extract(value, '$.entity'), json_extract(value, '$.key'), json_extract(value, '$.body')
FROM json_each(${chunk}) WHERE ${unchanged}
RETURNING ${d.id}`);
  }
  const results = await d1.batch(
    [...inserts, sql`UPDATE ${f} SET ${assign(f.lastSeq, end)} WHERE ${f.id} = 1 AND ${unchanged}`].map((q) =>
      toStatement(d1, q),
    ),
  );
  const created = results
    .slice(0, inserts.length)
    .flatMap((r) => ((r?.results ?? []) as { id: string }[]).map((x) => x.id));
  const moved = (results[inserts.length]?.meta.changes ?? 0) > 0;
  return { created, more: !moved || changes.length > FANOUT_PAGE };
}

/**
 * Pending deliveries whose message was lost (an enqueue that failed after the fan-out committed, a consumer that
 * died): those long past their `next_attempt_at`. Their time is pushed on, so the next sweep does not send them
 * again, and their ids are returned to enqueue.
 */
export async function sweepStale(d1: CountedD1, graceMinutes = 15, limit = 500): Promise<string[]> {
  const d = webhookDeliveries;
  const [stale] = await d1.batch([
    toStatement(
      d1,
      sql`UPDATE ${d} SET ${assign(d.nextAttemptAt, sql`strftime('%Y-%m-%dT%H:%M:%fZ', 'now', '+5 minutes')`)}
WHERE ${d.id} IN (SELECT ${d.id} FROM ${d} WHERE ${d.status} = 'pending'
  AND ${d.nextAttemptAt} < strftime('%Y-%m-%dT%H:%M:%fZ', 'now', ${`-${graceMinutes} minutes`}) ORDER BY ${d.seq} LIMIT ${limit})
RETURNING ${d.id}`,
    ),
  ]);
  return ((stale?.results ?? []) as { id: string }[]).map((r) => r.id);
}
