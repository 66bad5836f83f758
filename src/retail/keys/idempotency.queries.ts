// Stored answers to POSTs sent with an `Idempotency-Key` (src/http/idempotency.ts), per API key. SQL only.
import type { CountedD1, Credential } from "../../platform/env.ts";

/** How long an answer is kept: a day covers any retry loop; the key may be used again afterwards. */
export const IDEMPOTENCY_TTL_MS = 24 * 60 * 60 * 1000;

/** A stored answer; `status` 0: the first request with the key has not finished (or failed and is being undone). */
export interface StoredAnswer {
  request_hash: string;
  status: number;
  body: string;
}

const KEY_ID = "(SELECT id FROM api_keys WHERE prefix = ?1 AND hash = ?2)";

/**
 * Two statements to append to the request's write batch: forget an expired answer under this key, then reserve
 * the key for this request. The reservation fails with a UNIQUE violation when an unexpired answer exists, which
 * rolls the whole batch back: a retry never writes twice. Nothing is reserved for an unknown key.
 */
export function reserveStatements(
  d1: CountedD1,
  cr: Credential,
  idempotencyKey: string,
  requestHash: string,
) {
  return [
    d1
      .prepare(
        `DELETE FROM idempotent_answers WHERE api_key_id = ${KEY_ID} AND idempotency_key = ?3 AND expires_at <= strftime('%Y-%m-%dT%H:%M:%fZ','now')`,
      )
      .bind(cr.prefix, cr.hash, idempotencyKey),
    d1
      .prepare(
        `INSERT INTO idempotent_answers (api_key_id, idempotency_key, request_hash, status, body, expires_at)
SELECT ${KEY_ID}, ?3, ?4, 0, '', ?5 WHERE ${KEY_ID} IS NOT NULL`,
      )
      .bind(
        cr.prefix,
        cr.hash,
        idempotencyKey,
        requestHash,
        new Date(Date.now() + IDEMPOTENCY_TTL_MS).toISOString(),
      ),
  ];
}

/** The unexpired answer stored under the key, if any (one round trip). */
export async function storedAnswer(d1: CountedD1, cr: Credential, idempotencyKey: string) {
  const [rows] = await d1.batch<StoredAnswer>([
    d1
      .prepare(
        `SELECT request_hash, status, body FROM idempotent_answers WHERE api_key_id = ${KEY_ID} AND idempotency_key = ?3 AND expires_at > strftime('%Y-%m-%dT%H:%M:%fZ','now')`,
      )
      .bind(cr.prefix, cr.hash, idempotencyKey),
  ]);
  return rows?.results[0] ?? null;
}

/** Stores the answer of the request that reserved the key (a 2xx), or frees the key (anything else). */
export function settleStatement(
  d1: CountedD1,
  cr: Credential,
  idempotencyKey: string,
  answer: { status: number; body: string } | null,
) {
  return answer
    ? d1
        .prepare(
          `UPDATE idempotent_answers SET status = ?3, body = ?4 WHERE api_key_id = ${KEY_ID} AND idempotency_key = ?5 AND status = 0`,
        )
        .bind(cr.prefix, cr.hash, answer.status, answer.body, idempotencyKey)
    : d1
        .prepare(
          `DELETE FROM idempotent_answers WHERE api_key_id = ${KEY_ID} AND idempotency_key = ?3 AND status = 0`,
        )
        .bind(cr.prefix, cr.hash, idempotencyKey);
}
