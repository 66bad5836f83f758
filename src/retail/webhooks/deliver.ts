// One delivery attempt: the stored body, signed now (Standard Webhooks), POSTed to the endpoint through the
// sender guard, with a timeout, no redirects and a cap on what is read back. The outcome is recorded on the row.
import { sql } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import { allowsLoopbackWebhooks } from "../../platform/config.ts";
import { assign, countedD1, NOW, toStatement } from "../../platform/db/client.ts";
import { webhookDeliveries, webhookEndpoints } from "../../platform/db/schema.ts";
import type { CountedD1, Env } from "../../platform/env.ts";
import { destinationProblem } from "./guard.ts";
import { webhookHeaders } from "./signature.ts";

/** Seconds before the next attempt after the n-th failed one (then the queue's max_retries ends it: dead). */
export const BACKOFF_SECONDS = [5, 30, 120, 600, 1800, 3600, 7200, 14400, 28800, 43200] as const;
/** Most bytes of a receiver's answer that are read (the rest is dropped unread). */
export const MAX_RESPONSE_BYTES = 64 * 1024;
const DEFAULT_TIMEOUT_MS = 10_000;

/** The delay before attempt `attempts + 1`, scaled by WEBHOOK_RETRY_SCALE (tests: 0). */
export function backoffSeconds(attempts: number, scale = 1): number {
  const base = BACKOFF_SECONDS[Math.min(Math.max(attempts, 1), BACKOFF_SECONDS.length) - 1] ?? 43200;
  return Math.round(base * scale);
}

const retryScale = (env: Pick<Env, "WEBHOOK_RETRY_SCALE">) => {
  const n = Number(env.WEBHOOK_RETRY_SCALE ?? "1");
  return Number.isFinite(n) && n >= 0 ? n : 1;
};

/** What became of an attempt: settled (delivered, or nothing to do), failed (retry later), blocked (wait). */
export type AttemptOutcome = "settled" | "failed" | "blocked";

interface Target {
  id: string;
  body: string;
  status: string;
  url: string;
  secret: string;
  previous_secret: string | null;
  previous_valid: number;
  blocked: number;
}

/** Reads at most `cap` bytes of a body and drops the rest, so a huge or endless answer costs nothing more. */
async function readCapped(res: Response, cap: number): Promise<number> {
  if (!res.body) return 0;
  const reader = res.body.getReader();
  let read = 0;
  while (read < cap) {
    const { done, value } = await reader.read();
    if (done) return read;
    read += value.byteLength;
  }
  await reader.cancel();
  return read;
}

/** What one signed POST to a receiver came to: its HTTP status (null without an answer) and why it failed. */
export interface SendResult {
  status: number | null;
  error: string | null;
  latency_ms: number;
}

/**
 * POSTs `body` to `url` signed per Standard Webhooks with `secrets` (current first), as every delivery and ping is
 * sent: the destination checked first (no private address, after DNS), no redirect followed, the answer read up
 * to 64 KiB, a timeout. `error` is null only for a 2xx.
 */
export async function sendSigned(
  env: Pick<Env, "PUBLIC_ORIGIN" | "WEBHOOK_ALLOW_LOOPBACK" | "WEBHOOK_TIMEOUT_MS">,
  url: string,
  secrets: readonly string[],
  id: string,
  body: string,
): Promise<SendResult> {
  const started = Date.now();
  let status: number | null = null;
  let error: string | null = null;
  const problem = await destinationProblem(url, { allowLoopback: allowsLoopbackWebhooks(env) });
  if (problem) error = `refused: ${problem}`;
  else {
    try {
      const res = await fetch(url, {
        method: "POST",
        redirect: "manual",
        headers: {
          "content-type": "application/json",
          "user-agent": "caobang-cnnt-webhooks/1",
          ...(await webhookHeaders(secrets, id, body)),
        },
        body,
        signal: AbortSignal.timeout(Number(env.WEBHOOK_TIMEOUT_MS ?? DEFAULT_TIMEOUT_MS)),
      });
      status = res.status;
      await readCapped(res, MAX_RESPONSE_BYTES);
      if (status >= 300 && status < 400) error = "redirects are not followed";
      else if (status < 200 || status >= 300) error = `answered ${status}`;
    } catch (e) {
      error =
        e instanceof Error && (e.name === "TimeoutError" || e.name === "AbortError")
          ? "timed out"
          : `could not connect: ${e instanceof Error ? e.message : String(e)}`;
    }
  }
  return { status, error, latency_ms: Date.now() - started };
}

/**
 * Attempts one delivery. `blocked`: an earlier change of the same record is still pending for this endpoint, so
 * this one waits (per-record order). `failed`: the receiver did not answer 2xx in time (or the guard refused).
 * A delivery that is gone or already delivered is `settled` (a duplicate message does nothing).
 */
export async function attemptDelivery(
  env: Pick<
    Env,
    "DB" | "PUBLIC_ORIGIN" | "WEBHOOK_ALLOW_LOOPBACK" | "WEBHOOK_RETRY_SCALE" | "WEBHOOK_TIMEOUT_MS"
  >,
  id: string,
  attempt: number,
  d1: CountedD1 = countedD1(env.DB),
): Promise<AttemptOutcome> {
  const d = alias(webhookDeliveries, "d");
  const e = alias(webhookEndpoints, "e");
  /** An earlier delivery of the same record to the same endpoint. */
  const p = alias(webhookDeliveries, "p");
  const [found] = await d1.batch([
    toStatement(
      d1,
      sql`SELECT ${d.id}, ${d.body}, ${d.status}, ${e.url}, ${e.secret}, ${e.previousSecret},
  coalesce(${e.previousSecretExpiresAt} > ${NOW}, 0) AS previous_valid,
  EXISTS (SELECT 1 FROM ${webhookDeliveries} ${p} WHERE ${p.endpointId} = ${d.endpointId} AND ${p.entity} = ${d.entity}
    AND ${p.entityKey} = ${d.entityKey} AND ${p.seq} < ${d.seq} AND ${p.status} = 'pending') AS blocked
FROM ${webhookDeliveries} ${d} JOIN ${webhookEndpoints} ${e} ON ${e.id} = ${d.endpointId} WHERE ${d.id} = ${id}`,
    ),
  ]);
  const t = found?.results[0] as Target | undefined;
  if (t?.status !== "pending") return "settled";
  if (t.blocked) return "blocked";

  const started = Date.now();
  const secrets = t.previous_secret && t.previous_valid ? [t.secret, t.previous_secret] : [t.secret];
  const { status, error } = await sendSigned(env, t.url, secrets, t.id, t.body);
  const ok = error === null;
  const delay = backoffSeconds(attempt, retryScale(env));
  const w = webhookDeliveries;
  await d1.batch([
    toStatement(
      d1,
      sql`UPDATE ${w} SET ${assign(w.attempts, sql`${w.attempts} + 1`)}, ${assign(w.status, ok ? "delivered" : "pending")},
  ${assign(w.responseStatus, status)}, ${assign(w.latencyMs, Date.now() - started)}, ${assign(w.error, error?.slice(0, 500) ?? null)},
  ${assign(w.updatedAt, NOW)},
  ${assign(w.nextAttemptAt, sql`strftime('%Y-%m-%dT%H:%M:%fZ','now', ${`+${ok ? 0 : delay} seconds`})`)}
WHERE ${w.id} = ${id} AND ${w.status} = 'pending'`,
    ),
  ]);
  return ok ? "settled" : "failed";
}

/** Marks deliveries dead: the queue gave up on them (their messages reached the dead-letter queue). */
export async function markDead(d1: CountedD1, ids: readonly string[]): Promise<void> {
  if (!ids.length) return;
  const w = webhookDeliveries;
  await d1.batch([
    toStatement(
      d1,
      sql`UPDATE ${w} SET ${assign(w.status, sql`'dead'`)}, ${assign(w.updatedAt, NOW)}
WHERE ${w.id} IN (SELECT value FROM json_each(${JSON.stringify(ids)})) AND ${w.status} = 'pending'`,
    ),
  ]);
}
