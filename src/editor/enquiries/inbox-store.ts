// The inbox's reads and writes, for the editors' and producers' pages and the admin API: plain inputs (who acts,
// and the producer a producer's account is scoped to), one D1 round trip each. No HTTP here.
import { type SQL, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import { bare, bareList, NOW, toStatement } from "../../platform/db/client.ts";
import {
  auditEvents,
  channels,
  type ENQUIRY_STATUSES,
  enquiries,
  kinds,
  producers,
  products,
} from "../../platform/db/schema.ts";
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

// The short names the statements read by: an enquiry `e`, its producer `pr`, product `p`, kind `k`, channel `ch`.
const e = alias(enquiries, "e");
const pr = alias(producers, "pr");
const p = alias(products, "p");
const k = alias(kinds, "k");
const ch = alias(channels, "ch");

/** The scope of an actor as SQL over `e` (enquiries): everything, or one producer's enquiries that are not spam. */
function scope(actor: Actor): SQL {
  if (actor.role !== "producer") return sql`1`;
  return sql`${e.producerId} = ${actor.producerId ?? -1} AND ${e.status} != 'spam'`;
}

/** An enquiry `e` with its producer, product, kind and channel (each may be missing). */
const WITH_SUBJECT = sql`${enquiries} ${e} LEFT JOIN ${producers} ${pr} ON ${pr.id} = ${e.producerId}
  LEFT JOIN ${products} ${p} ON ${p.id} = ${e.productId}
  LEFT JOIN ${kinds} ${k} ON ${k.id} = ${e.productKindId}
  LEFT JOIN ${channels} ${ch} ON ${ch.id} = ${e.channelId}`;

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
  const where = [s];
  if (f.status) where.push(sql`${e.status} = ${f.status}`);
  if (f.producer && actor.role !== "producer") where.push(sql`${pr.slug} = ${f.producer}`);
  if (f.days) where.push(sql`${e.createdAt} > ${new Date(Date.now() - f.days * 86_400_000).toISOString()}`);
  const [rows, counts] = await d1.batch<Record<string, unknown>>([
    toStatement(
      d1,
      sql`SELECT ${e.ref}, ${e.createdAt}, ${e.status}, ${e.kind}, ${e.name}, ${e.organisation}, ${p.nameVi} AS product_name,
           ${pr.name} AS producer_name, ${pr.slug} AS producer_slug, ${k.nameVi} AS kind_name, ${k.slug} AS kind_slug,
           ${ch.name} AS channel_name, ${e.erasedAt}
         FROM ${WITH_SUBJECT}
         WHERE ${sql.join(where, sql` AND `)} ORDER BY ${e.createdAt} DESC, ${e.id} DESC LIMIT ${sql.raw(String(LIST_LIMIT))}`,
    ),
    toStatement(
      d1,
      sql`SELECT ${e.status}, count(*) AS n FROM ${enquiries} ${e} WHERE ${s} GROUP BY ${e.status}`,
    ),
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
    toStatement(
      d1,
      sql`SELECT ${e.ref}, ${e.createdAt}, ${e.status}, ${e.statusAt}, ${e.kind}, ${e.quantity}, ${e.message}, ${e.name},
           ${e.email}, ${e.phone}, ${e.organisation}, ${e.consentVersion}, ${e.lang}, ${e.via}, ${e.erasedAt},
           ${p.nameVi} AS product_name, ${p.slug} AS product_slug, ${pr.name} AS producer_name,
           ${pr.slug} AS producer_slug, ${k.nameVi} AS kind_name, ${k.slug} AS kind_slug, ${ch.name} AS channel_name
         FROM ${WITH_SUBJECT} WHERE ${e.ref} = ${ref} AND ${s}`,
    ),
    // A producer's account sees the trail only as far as its own actions and the receipt.
    toStatement(
      d1,
      sql`SELECT ${auditEvents.at}, ${auditEvents.editorEmail}, ${auditEvents.action}, ${auditEvents.changes}
         FROM ${auditEvents}
         WHERE ${auditEvents.entity} = 'enquiry' AND ${auditEvents.entityKey} = ${ref}
           AND EXISTS (SELECT 1 FROM ${enquiries} ${e} WHERE ${e.ref} = ${ref} AND ${s})
         ORDER BY ${auditEvents.id}`,
    ),
    toStatement(
      d1,
      sql`SELECT ${pr.slug}, ${pr.name} FROM ${producers} ${pr}
         WHERE ${pr.provenance} != 'illustrative' AND ${actor.role} != 'producer'
           AND EXISTS (SELECT 1 FROM ${enquiries} ${e} WHERE ${e.ref} = ${ref} AND ${e.producerId} IS NULL)
         ORDER BY ${pr.name}`,
    ),
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
function auditInsert(d1: CountedD1, actor: Actor, ref: string, action: string, changes: SQL, when: SQL) {
  const a = auditEvents;
  return toStatement(
    d1,
    sql`INSERT INTO ${a} (${bareList(a.editorId, a.editorEmail, a.via, a.entity, a.entityKey, a.action, a.changes, a.address)})
       SELECT ${actor.id}, ${actor.email}, ${actor.via}, 'enquiry', ${e.ref}, ${action}, ${changes}, ${actor.address}
       FROM ${enquiries} ${e} WHERE ${e.ref} = ${ref} AND ${scope(actor)} AND ${when}`,
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
  const route = sql`(SELECT ${pr.id} FROM ${producers} ${pr} WHERE ${pr.slug} = ${producer ?? ""} AND ${pr.provenance} != 'illustrative')`;
  // A producer-less enquiry is forwarded only to a producer named here; other changes leave the producer alone.
  const routed = status === "forwarded" ? sql`(${e.producerId} IS NOT NULL OR ${route} IS NOT NULL)` : sql`1`;
  const [, , after] = await d1.batch<Record<string, unknown>>([
    auditInsert(
      d1,
      actor,
      ref,
      "status",
      sql`CASE WHEN ${e.producerId} IS NULL AND ${status} = 'forwarded'
          THEN json_array(json_object('field', 'status', 'before', ${e.status}, 'after', ${status}),
                          json_object('field', 'producer', 'before', NULL, 'after', ${producer ?? null}))
          ELSE json_array(json_object('field', 'status', 'before', ${e.status}, 'after', ${status})) END`,
      sql`${e.status} != ${status} AND ${routed}`,
    ),
    toStatement(
      d1,
      sql`UPDATE ${enquiries} AS ${e} SET ${bare(enquiries.status)} = ${status}, ${bare(enquiries.statusAt)} = ${NOW},
           ${bare(enquiries.producerId)} = CASE WHEN ${status} = 'forwarded' THEN coalesce(${e.producerId}, ${route}) ELSE ${e.producerId} END
         WHERE ${e.ref} = ${ref} AND ${s} AND ${e.status} != ${status} AND ${routed}`,
    ),
    toStatement(
      d1,
      sql`SELECT ${e.status}, ${e.producerId} IS NULL AS unrouted, changes() AS changed FROM ${enquiries} ${e}
         WHERE ${e.ref} = ${ref} AND ${s}`,
    ),
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
    auditInsert(d1, actor, ref, "erase", sql`'[]'`, sql`${e.erasedAt} IS NULL`),
    eraseOne(d1, ref),
    toStatement(
      d1,
      sql`SELECT changes() AS changed, ${enquiries.erasedAt} FROM ${enquiries} WHERE ${enquiries.ref} = ${ref}`,
    ),
  ]);
  const row = after?.results[0];
  if (!row) return "not-found";
  return Number(row.changed) > 0 ? "changed" : "unchanged";
}
