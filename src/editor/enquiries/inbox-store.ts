// The inbox's reads and writes, for the editors' and producers' pages and the admin API: plain inputs (who acts,
// and the producer a producer's account is scoped to), one D1 round trip each. No HTTP here.
import type { ENQUIRY_STATUSES } from "../../platform/db/schema.ts";
import type { CountedD1 } from "../../platform/env.ts";
import { eraseOne } from "./retention.ts";

/** Where an enquiry stands (new, forwarded, answered, closed, spam). */
export type EnquiryStatus = (typeof ENQUIRY_STATUSES)[number];

/** Who acts on an enquiry: an editor or publisher (all enquiries), or a producer's account (its own only). */
export interface Actor {
  id: number;
  email: string;
  role: "editor" | "publisher" | "producer";
  via: "page" | "api";
  address: string | null;
  /** Set for a producer's account: only this producer's enquiries exist for it. */
  producerId?: number | null;
}

/** The scope of an actor as SQL over `e` (enquiries): everything, or one producer's enquiries that are not spam. */
function scope(actor: Actor): { sql: string; params: unknown[] } {
  if (actor.role !== "producer") return { sql: "1", params: [] };
  return { sql: "e.producer_id = ? AND e.status != 'spam'", params: [actor.producerId ?? -1] };
}

export interface InboxFilters {
  status?: EnquiryStatus;
  /** A producer's slug (editors only). */
  producer?: string;
  /** Only enquiries at most this many days old. */
  days?: number;
}

export interface InboxRow {
  ref: string;
  created_at: string;
  status: EnquiryStatus;
  kind: string;
  name: string | null;
  organisation: string | null;
  product_name: string | null;
  /** Null for an enquiry about a product kind (the centre's alone). */
  producer_name: string | null;
  producer_slug: string | null;
  kind_name: string | null;
  kind_slug: string | null;
  channel_name: string | null;
  erased_at: string | null;
}

const LIST_LIMIT = 200;

/** The inbox: newest first, filtered; and how many enquiries each status holds in the actor's scope. */
export async function listEnquiries(d1: CountedD1, actor: Actor, f: InboxFilters) {
  const s = scope(actor);
  const where = [s.sql];
  const params: unknown[] = [...s.params];
  if (f.status) {
    where.push("e.status = ?");
    params.push(f.status);
  }
  if (f.producer && actor.role !== "producer") {
    where.push("pr.slug = ?");
    params.push(f.producer);
  }
  if (f.days) {
    where.push("e.created_at > ?");
    params.push(new Date(Date.now() - f.days * 86_400_000).toISOString());
  }
  const [rows, counts] = await d1.batch<Record<string, unknown>>([
    d1
      .prepare(
        `SELECT e.ref, e.created_at, e.status, e.kind, e.name, e.organisation, p.name_vi AS product_name,
           pr.name AS producer_name, pr.slug AS producer_slug, k.name_vi AS kind_name, k.slug AS kind_slug,
           ch.name AS channel_name, e.erased_at
         FROM enquiries e LEFT JOIN producers pr ON pr.id = e.producer_id LEFT JOIN products p ON p.id = e.product_id
         LEFT JOIN kinds k ON k.id = e.product_kind_id
         LEFT JOIN channels ch ON ch.id = e.channel_id
         WHERE ${where.join(" AND ")} ORDER BY e.created_at DESC, e.id DESC LIMIT ${LIST_LIMIT}`,
      )
      .bind(...params),
    d1
      .prepare(`SELECT e.status, count(*) AS n FROM enquiries e WHERE ${s.sql} GROUP BY e.status`)
      .bind(...s.params),
  ]);
  return {
    rows: (rows?.results ?? []) as unknown as InboxRow[],
    counts: Object.fromEntries(
      (counts?.results ?? []).map((r) => [String(r.status), Number(r.n)]),
    ) as Partial<Record<EnquiryStatus, number>>,
  };
}

export interface EnquiryDetail extends InboxRow {
  quantity: string | null;
  message: string | null;
  email: string | null;
  phone: string | null;
  consent_version: string;
  lang: string;
  via: string;
  status_at: string;
  product_slug: string | null;
  audit: { at: string; editor_email: string; action: string; changes: string }[];
  /**
   * For an enquiry about a product kind that no producer has yet (the centre's alone): the real producers a
   * publisher may route it to, by name. Empty otherwise.
   */
  routes: { slug: string; name: string }[];
}

/** One enquiry with its audit trail, or null when it does not exist in the actor's scope. */
export async function getEnquiry(d1: CountedD1, actor: Actor, ref: string): Promise<EnquiryDetail | null> {
  const s = scope(actor);
  const [row, audit, routes] = await d1.batch<Record<string, unknown>>([
    d1
      .prepare(
        `SELECT e.ref, e.created_at, e.status, e.status_at, e.kind, e.quantity, e.message, e.name, e.email, e.phone,
           e.organisation, e.consent_version, e.lang, e.via, e.erased_at, p.name_vi AS product_name,
           p.slug AS product_slug, pr.name AS producer_name, pr.slug AS producer_slug, k.name_vi AS kind_name,
           k.slug AS kind_slug, ch.name AS channel_name
         FROM enquiries e LEFT JOIN producers pr ON pr.id = e.producer_id LEFT JOIN products p ON p.id = e.product_id
         LEFT JOIN kinds k ON k.id = e.product_kind_id
         LEFT JOIN channels ch ON ch.id = e.channel_id WHERE e.ref = ? AND ${s.sql}`,
      )
      .bind(ref, ...s.params),
    // A producer's account sees the trail only as far as its own actions and the receipt.
    d1
      .prepare(
        `SELECT a.at, a.editor_email, a.action, a.changes FROM audit_events a
         WHERE a.entity = 'enquiry' AND a.entity_key = ? AND EXISTS (SELECT 1 FROM enquiries e WHERE e.ref = ? AND ${s.sql})
         ORDER BY a.id`,
      )
      .bind(ref, ref, ...s.params),
    d1
      .prepare(
        `SELECT pr.slug, pr.name FROM producers pr
         WHERE pr.provenance != 'illustrative' AND ? != 'producer'
           AND EXISTS (SELECT 1 FROM enquiries e WHERE e.ref = ? AND e.producer_id IS NULL)
         ORDER BY pr.name`,
      )
      .bind(actor.role, ref),
  ]);
  const found = row?.results[0];
  if (!found) return null;
  return {
    ...(found as unknown as EnquiryDetail),
    audit: (audit?.results ?? []) as EnquiryDetail["audit"],
    routes: (routes?.results ?? []) as EnquiryDetail["routes"],
  };
}

/** Which statuses an actor may set: producers mark their enquiries answered; editors any; forwarding is a publisher's. */
export function maySet(actor: Actor, status: EnquiryStatus): boolean {
  if (actor.role === "producer") return status === "answered";
  if (status === "forwarded") return actor.role === "publisher";
  return true;
}

/** An audit event for an enquiry in the actor's scope, written only when `when` holds (before the change runs). */
function auditInsert(
  d1: CountedD1,
  actor: Actor,
  ref: string,
  action: string,
  changes: { sql: string; params: unknown[] },
  when: { sql: string; params: unknown[] },
) {
  const s = scope(actor);
  return d1
    .prepare(
      `INSERT INTO audit_events (editor_id, editor_email, via, entity, entity_key, action, changes, address)
       SELECT ?, ?, ?, 'enquiry', e.ref, ?, ${changes.sql}, ? FROM enquiries e
       WHERE e.ref = ? AND ${s.sql} AND ${when.sql}`,
    )
    .bind(
      actor.id,
      actor.email,
      actor.via,
      action,
      ...changes.params,
      actor.address,
      ref,
      ...s.params,
      ...when.params,
    );
}

/** "needs-producer": forwarding an enquiry that has no producer (one about a kind) names a real producer. */
export type ChangeOutcome = "changed" | "unchanged" | "not-found" | "needs-producer";

/**
 * Sets an enquiry's status (audited with its before and after, in the same batch): "not-found" outside the actor's
 * scope, "unchanged" when it already had it. Forwarding an enquiry about a product kind routes it: `producer` (a
 * real producer's slug) becomes its producer, so that producer's accounts are emailed and see it; without one, or
 * with a slug of no real producer, nothing changes ("needs-producer").
 */
export async function setStatus(
  d1: CountedD1,
  actor: Actor,
  ref: string,
  status: EnquiryStatus,
  producer?: string,
): Promise<ChangeOutcome> {
  const s = scope(actor);
  const route = "(SELECT pr.id FROM producers pr WHERE pr.slug = ? AND pr.provenance != 'illustrative')";
  // A producer-less enquiry is forwarded only to a producer named here; other changes leave the producer alone.
  const routed = status === "forwarded" ? `(e.producer_id IS NOT NULL OR ${route} IS NOT NULL)` : "1";
  const routedParams = status === "forwarded" ? [producer ?? ""] : [];
  const [, , after] = await d1.batch<Record<string, unknown>>([
    auditInsert(
      d1,
      actor,
      ref,
      "status",
      {
        sql: `CASE WHEN e.producer_id IS NULL AND ? = 'forwarded'
          THEN json_array(json_object('field', 'status', 'before', e.status, 'after', ?),
                          json_object('field', 'producer', 'before', NULL, 'after', ?))
          ELSE json_array(json_object('field', 'status', 'before', e.status, 'after', ?)) END`,
        params: [status, status, producer ?? null, status],
      },
      { sql: `e.status != ? AND ${routed}`, params: [status, ...routedParams] },
    ),
    d1
      .prepare(
        `UPDATE enquiries AS e SET status = ?, status_at = strftime('%Y-%m-%dT%H:%M:%fZ','now'),
           producer_id = CASE WHEN ? = 'forwarded' THEN coalesce(e.producer_id, ${route}) ELSE e.producer_id END
         WHERE e.ref = ? AND ${s.sql} AND e.status != ? AND ${routed}`,
      )
      .bind(status, status, producer ?? "", ref, ...s.params, status, ...routedParams),
    d1
      .prepare(
        `SELECT e.status, e.producer_id IS NULL AS unrouted, changes() AS changed FROM enquiries e
         WHERE e.ref = ? AND ${s.sql}`,
      )
      .bind(ref, ...s.params),
  ]);
  const row = after?.results[0];
  if (!row) return "not-found";
  if (Number(row.changed) > 0) return "changed";
  return status === "forwarded" && Number(row.unrouted) === 1 ? "needs-producer" : "unchanged";
}

/** Erases an enquiry's personal details at once (on the enquirer's request), audited; editors only. */
export async function eraseEnquiry(d1: CountedD1, actor: Actor, ref: string): Promise<ChangeOutcome> {
  if (actor.role === "producer") return "not-found";
  const [, , after] = await d1.batch<Record<string, unknown>>([
    auditInsert(
      d1,
      actor,
      ref,
      "erase",
      { sql: "'[]'", params: [] },
      { sql: "e.erased_at IS NULL", params: [] },
    ),
    eraseOne(d1, ref),
    d1.prepare("SELECT changes() AS changed, erased_at FROM enquiries WHERE ref = ?").bind(ref),
  ]);
  const row = after?.results[0];
  if (!row) return "not-found";
  return Number(row.changed) > 0 ? "changed" : "unchanged";
}
