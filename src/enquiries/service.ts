// Receiving an enquiry: plain inputs in, an outcome out, one D1 round trip. The API operation (api.ts) and the
// form (pages.tsx) both call submitEnquiry; neither knows SQL, and this module knows no HTTP.

import { type SQL, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import { liveKeyWhere } from "../platform/db/api-keys.ts";
import { bare, bareList, toStatement } from "../platform/db/client.ts";
import { apiKeys, auditEvents, enquiries, kinds, producers, products } from "../platform/db/schema.ts";
import type { CountedD1 } from "../platform/env.ts";
import { sha256Hex } from "../platform/http/api-key.ts";
import {
  CONSENT_VERSION,
  defuseLinks,
  type EnquiryInput,
  MAX_PER_ADDRESS_PER_DAY,
  MAX_PER_PRODUCER_PER_DAY,
  normalizePhone,
  subjectField,
} from "./rules.ts";

/** Who sends an enquiry, as the edge saw it (no Hono Context). */
export interface Sender {
  via: "page" | "api";
  /** A keyed digest of the sender's address bucket (null: not limited, e.g. a local test without an address). */
  addressKey: string | null;
  /** A retailer API key presented with the call: its prefix and SHA-256, checked inside the write's batch. */
  key: { prefix: string; hash: string } | null;
}

/** The subject's name in both languages, as the refused outcomes carry it (a form re-rendered needs no second read). */
export type SubjectName = { vi: string; en: string } | null;

export type SubmitOutcome =
  | { kind: "created" | "duplicate"; ref: string }
  | { kind: "no-subject" | "illustrative" | "bad-key"; name: SubjectName }
  | { kind: "address-limit" | "producer-limit"; retryAfterSeconds: number; name: SubjectName };

const DAY_MS = 24 * 60 * 60 * 1000;

// The short names the statements read by: a product `p`, its producer `pr`, a kind `k`, a key `k` (each in a
// subquery of its own), an enquiry `e`.
const p = alias(products, "p");
const pr = alias(producers, "pr");
const kind = alias(kinds, "k");
const key = alias(apiKeys, "k");
const e = alias(enquiries, "e");

/** The subject row `s` (a derived table) and its columns, named once for the queries that make and read it. */
const SUBJECT_ROW = sql.identifier("s");
const SUBJECT = {
  productId: sql.identifier("product_id"),
  producerId: sql.identifier("producer_id"),
  productKindId: sql.identifier("product_kind_id"),
  isReal: sql.identifier("is_real"),
  nameVi: sql.identifier("name_vi"),
  nameEn: sql.identifier("name_en"),
};
const S = (column: (typeof SUBJECT)[keyof typeof SUBJECT]) => sql`${SUBJECT_ROW}.${column}`;

/** What an enquiry is about, as one row: its product, producer or kind, whether it is real, and its names. */
function subjectRow(field: "product" | "producer" | "product_kind", slug: string | undefined): SQL {
  const c = SUBJECT;
  if (field === "product")
    return sql`SELECT ${p.id} AS ${c.productId}, ${p.producerId} AS ${c.producerId}, NULL AS ${c.productKindId},
         (${p.provenance} != 'illustrative' AND ${pr.provenance} != 'illustrative') AS ${c.isReal},
         ${p.nameVi} AS ${c.nameVi}, ${p.nameEn} AS ${c.nameEn}
       FROM ${products} ${p} JOIN ${producers} ${pr} ON ${pr.id} = ${p.producerId} WHERE ${p.slug} = ${slug}`;
  if (field === "producer")
    return sql`SELECT NULL AS ${c.productId}, ${pr.id} AS ${c.producerId}, NULL AS ${c.productKindId},
         (${pr.provenance} != 'illustrative') AS ${c.isReal}, ${pr.name} AS ${c.nameVi}, ${pr.name} AS ${c.nameEn}
       FROM ${producers} ${pr} WHERE ${pr.slug} = ${slug}`;
  return sql`SELECT NULL AS ${c.productId}, NULL AS ${c.producerId}, ${kind.id} AS ${c.productKindId},
         (${kind.provenance} != 'illustrative') AS ${c.isReal}, ${kind.nameVi} AS ${c.nameVi}, ${kind.nameEn} AS ${c.nameEn}
       FROM ${kinds} ${kind} WHERE ${kind.slug} = ${slug}`;
}

/** A random public reference for an enquiry: 12 characters of base32 (60 bits), never a row id. */
function newRef(): string {
  const alphabet = "abcdefghijkmnpqrstuvwxyz23456789";
  return Array.from(crypto.getRandomValues(new Uint8Array(12)), (b) => alphabet[b % 32]).join("");
}

/**
 * Stores an enquiry about a real product, producer or product kind (a kind's goes to the centre alone: no
 * producer), in one D1 batch that also checks everything the database
 * knows: the subject exists and is not illustrative, the retailer key (when sent) is live — its channel is
 * recorded —, the sender's address and the producer are under their daily limits, and the same form (token,
 * subject, contact) was not stored before (then the first enquiry's reference is returned, and nothing is
 * written). An anonymous sender's links are made inert before anything is stored.
 */
export async function submitEnquiry(
  d1: CountedD1,
  input: EnquiryInput,
  sender: Sender,
  now = Date.now(),
): Promise<SubmitOutcome> {
  const ref = newRef();
  const phone = input.phone === undefined ? null : normalizePhone(input.phone);
  const email = input.email?.toLowerCase() ?? null;
  const field = subjectField(input) ?? "product";
  const slug = input[field];
  const subject = `${field}:${slug}`;
  const dedupeKey = await sha256Hex(
    input.token ? `${input.token}|${subject}|${email ?? ""}|${phone ?? ""}` : `once|${ref}`,
  );
  const anonymous = sender.key === null;
  const inert = (v: string | undefined) => (v === undefined ? null : anonymous ? defuseLinks(v) : v);
  const since = new Date(now - DAY_MS).toISOString();
  const subjectSql = subjectRow(field, slug);
  const [prefix, hash] = [sender.key?.prefix ?? null, sender.key?.hash ?? null];
  const { addressKey } = sender;
  // A chain's key attributes the enquiry to its channel while it is live (neither revoked nor expired).
  const liveKey = sql`FROM ${apiKeys} ${key} WHERE ${liveKeyWhere(key, prefix, hash)}`;
  const keyOk = sql`(${prefix} IS NULL OR EXISTS (SELECT 1 ${liveKey}))`;
  const addressCount = sql`(SELECT count(*) FROM ${enquiries} WHERE ${enquiries.addressKey} = ${addressKey} AND ${enquiries.createdAt} > ${since})`;
  const producerCount = sql`(SELECT count(*) FROM ${enquiries} WHERE ${enquiries.producerId} = ${S(SUBJECT.producerId)} AND ${enquiries.createdAt} > ${since})`;
  const insert = sql`INSERT INTO ${enquiries} (${bareList(
    enquiries.ref,
    enquiries.dedupeKey,
    enquiries.productId,
    enquiries.producerId,
    enquiries.productKindId,
    enquiries.kind,
    enquiries.quantity,
    enquiries.message,
    enquiries.name,
    enquiries.email,
    enquiries.phone,
    enquiries.organisation,
    enquiries.consentVersion,
    enquiries.lang,
    enquiries.via,
    enquiries.channelId,
    enquiries.addressKey,
  )})
       SELECT ${ref}, ${dedupeKey}, ${S(SUBJECT.productId)}, ${S(SUBJECT.producerId)}, ${S(SUBJECT.productKindId)},
         ${input.kind}, ${inert(input.quantity)}, ${inert(input.message)}, ${input.name}, ${email}, ${phone},
         ${inert(input.organisation)}, ${CONSENT_VERSION}, ${input.lang ?? "vi"}, ${sender.via},
         (SELECT ${key.channelId} ${liveKey}), ${addressKey}
       FROM (${subjectSql}) ${SUBJECT_ROW}
       WHERE ${S(SUBJECT.isReal)} AND ${keyOk}
         AND (${addressKey} IS NULL OR ${addressCount} < ${sql.raw(String(MAX_PER_ADDRESS_PER_DAY))})
         AND ${producerCount} < ${sql.raw(String(MAX_PER_PRODUCER_PER_DAY))}
         AND NOT EXISTS (SELECT 1 FROM ${enquiries} WHERE ${enquiries.dedupeKey} = ${dedupeKey})
       ON CONFLICT (${bare(enquiries.dedupeKey)}) DO NOTHING`;
  const audit = sql`INSERT INTO ${auditEvents} (${bareList(auditEvents.editorEmail, auditEvents.via, auditEvents.entity, auditEvents.entityKey, auditEvents.action, auditEvents.changes)})
       SELECT '(enquirer)', ${sender.via}, 'enquiry', ${ref}, 'received', '[]'
       WHERE EXISTS (SELECT 1 FROM ${enquiries} WHERE ${enquiries.ref} = ${ref})`;
  // The sender's other enquiries of the day, and the producer's (this one left out).
  const sameAddress = sql`${addressKey} IS NOT NULL AND ${enquiries.addressKey} = ${addressKey}
           AND ${enquiries.createdAt} > ${since} AND ${enquiries.ref} != ${ref}`;
  const sameProducer = sql`${e.producerId} = ${S(SUBJECT.producerId)} AND ${e.createdAt} > ${since} AND ${e.ref} != ${ref}`;
  const explain = sql`SELECT (SELECT ${enquiries.ref} FROM ${enquiries} WHERE ${enquiries.dedupeKey} = ${dedupeKey}) AS stored,
         (SELECT count(*) FROM (${subjectSql})) AS found,
         (SELECT ${SUBJECT.isReal} FROM (${subjectSql})) AS is_real,
         (SELECT ${SUBJECT.nameVi} FROM (${subjectSql})) AS name_vi,
         (SELECT ${SUBJECT.nameEn} FROM (${subjectSql})) AS name_en,
         ${keyOk} AS key_ok,
         (SELECT min(${enquiries.createdAt}) FROM ${enquiries} WHERE ${sameAddress}) AS address_oldest,
         (SELECT count(*) FROM ${enquiries} WHERE ${sameAddress}) AS address_count,
         (SELECT min(${e.createdAt}) FROM ${enquiries} ${e}, (${subjectSql}) ${SUBJECT_ROW} WHERE ${sameProducer}) AS producer_oldest,
         (SELECT count(*) FROM ${enquiries} ${e}, (${subjectSql}) ${SUBJECT_ROW} WHERE ${sameProducer}) AS producer_count`;
  const [, , result] = await d1.batch<Record<string, unknown>>(
    [insert, audit, explain].map((q) => toStatement(d1, q)),
  );
  const row = (result?.results[0] ?? {}) as {
    stored: string | null;
    found: number;
    is_real: number | null;
    name_vi: string | null;
    name_en: string | null;
    key_ok: number;
    address_oldest: string | null;
    address_count: number;
    producer_oldest: string | null;
    producer_count: number;
  };
  if (row.stored) return { kind: row.stored === ref ? "created" : "duplicate", ref: row.stored };
  const name = row.name_vi ? { vi: row.name_vi, en: row.name_en ?? row.name_vi } : null;
  if (!row.key_ok) return { kind: "bad-key", name };
  if (!row.found) return { kind: "no-subject", name };
  if (!row.is_real) return { kind: "illustrative", name };
  const retryAfter = (oldest: string | null) =>
    Math.max(1, Math.ceil(((oldest ? Date.parse(oldest) : now) + DAY_MS - now) / 1000));
  if (sender.addressKey !== null && row.address_count >= MAX_PER_ADDRESS_PER_DAY)
    return { kind: "address-limit", retryAfterSeconds: retryAfter(row.address_oldest), name };
  return { kind: "producer-limit", retryAfterSeconds: retryAfter(row.producer_oldest), name };
}

/**
 * The digest an enquiry's sender address is counted under: keyed with the Worker's secret, so the table holds no
 * address and a stolen table cannot be matched against a list of addresses.
 */
export const addressDigest = (secret: string, bucket: string | null) =>
  bucket === null ? Promise.resolve(null) : sha256Hex(`enquiry-address|${secret}|${bucket}`);
