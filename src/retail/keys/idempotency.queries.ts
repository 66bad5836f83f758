// Stored answers to POSTs sent with an `Idempotency-Key` (src/http/idempotency.ts), per API key. SQL only.
import { sql } from "drizzle-orm";
import { bare, bareList, NOW, toStatement } from "../../platform/db/client.ts";
import { apiKeys, idempotentAnswers } from "../../platform/db/schema.ts";
import type { CountedD1, Credential } from "../../platform/env.ts";

/** How long an answer is kept: a day covers any retry loop; the key may be used again afterwards. */
export const IDEMPOTENCY_TTL_MS = 24 * 60 * 60 * 1000;

/** A stored answer; `status` 0: the first request with the key has not finished (or failed and is being undone). */
export interface StoredAnswer {
  request_hash: string;
  status: number;
  body: string;
}

/** The presented key's id (a subquery): its prefix and SHA-256 both match. */
const keyIdOf = (cr: Credential) =>
  sql`(SELECT ${apiKeys.id} FROM ${apiKeys} WHERE ${apiKeys.prefix} = ${cr.prefix} AND ${apiKeys.hash} = ${cr.hash})`;

/** The answer row of this key and `Idempotency-Key`. */
const answerOf = (cr: Credential, idempotencyKey: string) =>
  sql`${idempotentAnswers.apiKeyId} = ${keyIdOf(cr)} AND ${idempotentAnswers.idempotencyKey} = ${idempotencyKey}`;

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
  const a = idempotentAnswers;
  return [
    toStatement(d1, sql`DELETE FROM ${a} WHERE ${answerOf(cr, idempotencyKey)} AND ${a.expiresAt} <= ${NOW}`),
    toStatement(
      d1,
      sql`INSERT INTO ${a} (${bareList(a.apiKeyId, a.idempotencyKey, a.requestHash, a.status, a.body, a.expiresAt)})
SELECT ${keyIdOf(cr)}, ${idempotencyKey}, ${requestHash}, 0, '', ${new Date(Date.now() + IDEMPOTENCY_TTL_MS).toISOString()}
WHERE ${keyIdOf(cr)} IS NOT NULL`,
    ),
  ];
}

/** The unexpired answer stored under the key, if any (one round trip). */
export async function storedAnswer(d1: CountedD1, cr: Credential, idempotencyKey: string) {
  const a = idempotentAnswers;
  const [rows] = await d1.batch<StoredAnswer>([
    toStatement(
      d1,
      sql`SELECT ${a.requestHash}, ${a.status}, ${a.body} FROM ${a} WHERE ${answerOf(cr, idempotencyKey)} AND ${a.expiresAt} > ${NOW}`,
    ),
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
  const a = idempotentAnswers;
  return toStatement(
    d1,
    answer
      ? sql`UPDATE ${a} SET ${bare(a.status)} = ${answer.status}, ${bare(a.body)} = ${answer.body}
WHERE ${answerOf(cr, idempotencyKey)} AND ${a.status} = 0`
      : sql`DELETE FROM ${a} WHERE ${answerOf(cr, idempotencyKey)} AND ${a.status} = 0`,
  );
}
