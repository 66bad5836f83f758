// Receiving an enquiry: plain inputs in, an outcome out, one D1 round trip. The API operation (api.ts) and the
// form (pages.tsx) both call submitEnquiry; neither knows SQL, and this module knows no HTTP.

import { liveKeyWhere } from "../platform/db/api-keys.ts";
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
  const subjectSql = {
    product: `SELECT p.id AS product_id, p.producer_id AS producer_id, NULL AS product_kind_id,
         (p.provenance != 'illustrative' AND pr.provenance != 'illustrative') AS is_real,
         p.name_vi AS name_vi, p.name_en AS name_en
       FROM products p JOIN producers pr ON pr.id = p.producer_id WHERE p.slug = ?1`,
    producer: `SELECT NULL AS product_id, pr.id AS producer_id, NULL AS product_kind_id,
         (pr.provenance != 'illustrative') AS is_real, pr.name AS name_vi, pr.name AS name_en
       FROM producers pr WHERE pr.slug = ?1`,
    product_kind: `SELECT NULL AS product_id, NULL AS producer_id, k.id AS product_kind_id,
         (k.provenance != 'illustrative') AS is_real, k.name_vi AS name_vi, k.name_en AS name_en
       FROM kinds k WHERE k.slug = ?1`,
  }[field];
  // A chain's key attributes the enquiry to its channel while it is live (neither revoked nor expired).
  const liveKey = `FROM api_keys k WHERE ${liveKeyWhere("?2", "?3")}`;
  const keyOk = `(?2 IS NULL OR EXISTS (SELECT 1 ${liveKey}))`;
  const addressCount = "(SELECT count(*) FROM enquiries WHERE address_key = ?4 AND created_at > ?5)";
  const producerCount =
    "(SELECT count(*) FROM enquiries WHERE producer_id = s.producer_id AND created_at > ?5)";
  const common = [slug, sender.key?.prefix ?? null, sender.key?.hash ?? null, sender.addressKey, since];
  const insert = d1
    .prepare(
      `INSERT INTO enquiries (ref, dedupe_key, product_id, producer_id, product_kind_id, kind, quantity, message, name,
         email, phone, organisation, consent_version, lang, via, channel_id, address_key)
       SELECT ?6, ?7, s.product_id, s.producer_id, s.product_kind_id, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17,
         (SELECT k.channel_id ${liveKey}), ?4
       FROM (${subjectSql}) s
       WHERE s.is_real AND ${keyOk}
         AND (?4 IS NULL OR ${addressCount} < ${MAX_PER_ADDRESS_PER_DAY})
         AND ${producerCount} < ${MAX_PER_PRODUCER_PER_DAY}
         AND NOT EXISTS (SELECT 1 FROM enquiries WHERE dedupe_key = ?7)
       ON CONFLICT (dedupe_key) DO NOTHING`,
    )
    .bind(
      ...common,
      ref,
      dedupeKey,
      input.kind,
      inert(input.quantity),
      inert(input.message),
      input.name,
      email,
      phone,
      inert(input.organisation),
      CONSENT_VERSION,
      input.lang ?? "vi",
      sender.via,
    );
  const audit = d1
    .prepare(
      `INSERT INTO audit_events (editor_email, via, entity, entity_key, action, changes)
       SELECT '(enquirer)', ?2, 'enquiry', ?1, 'received', '[]' WHERE EXISTS (SELECT 1 FROM enquiries WHERE ref = ?1)`,
    )
    .bind(ref, sender.via);
  const explain = d1
    .prepare(
      `SELECT (SELECT ref FROM enquiries WHERE dedupe_key = ?7) AS stored,
         (SELECT count(*) FROM (${subjectSql})) AS found,
         (SELECT is_real FROM (${subjectSql})) AS is_real,
         (SELECT name_vi FROM (${subjectSql})) AS name_vi,
         (SELECT name_en FROM (${subjectSql})) AS name_en,
         ${keyOk} AS key_ok,
         (SELECT min(created_at) FROM enquiries WHERE ?4 IS NOT NULL AND address_key = ?4 AND created_at > ?5
           AND ref != ?6) AS address_oldest,
         (SELECT count(*) FROM enquiries WHERE ?4 IS NOT NULL AND address_key = ?4 AND created_at > ?5
           AND ref != ?6) AS address_count,
         (SELECT min(e.created_at) FROM enquiries e, (${subjectSql}) s WHERE e.producer_id = s.producer_id
           AND e.created_at > ?5 AND e.ref != ?6) AS producer_oldest,
         (SELECT count(*) FROM enquiries e, (${subjectSql}) s WHERE e.producer_id = s.producer_id
           AND e.created_at > ?5 AND e.ref != ?6) AS producer_count`,
    )
    .bind(...common, ref, dedupeKey);
  const [, , result] = await d1.batch<Record<string, unknown>>([insert, audit, explain]);
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
