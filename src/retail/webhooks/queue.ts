// The webhooks' part of the Worker's queue consumer and cron (assembled in src/background.ts) (wrangler.toml: [[queues.consumers]], [triggers]).
import { countedD1 } from "../../platform/db/client.ts";
import type { Env, WebhookMessage } from "../../platform/env.ts";
import { attemptDelivery, backoffSeconds, markDead } from "./deliver.ts";
import { fanOut, sweepStale } from "./fanout.ts";

/** The queue of webhook work and its dead-letter queue (names as in wrangler.toml). */
export const WEBHOOK_QUEUE = "caobang-cnnt-webhooks";
export const WEBHOOK_DLQ = "caobang-cnnt-webhooks-dlq";
/** Queues take at most 100 messages per sendBatch. */
const SEND_BATCH = 100;

async function enqueueDeliveries(env: Env, ids: readonly string[]): Promise<void> {
  const queue = env.WEBHOOKS;
  if (!queue) return;
  for (let i = 0; i < ids.length; i += SEND_BATCH) {
    await queue.sendBatch(ids.slice(i, i + SEND_BATCH).map((id) => ({ body: { kind: "deliver", id } })));
  }
}

/** One fan-out step, its deliveries enqueued, and another step queued while the feed has more. */
async function fanOutAndEnqueue(env: Env): Promise<void> {
  const { created, more } = await fanOut(env);
  await enqueueDeliveries(env, created);
  if (more) await env.WEBHOOKS?.send({ kind: "fanout" });
}

const scale = (env: Env) => {
  const n = Number(env.WEBHOOK_RETRY_SCALE ?? "1");
  return Number.isFinite(n) && n >= 0 ? n : 1;
};

/** Whether a batch comes from a dead-letter queue (the webhooks' own, or one a deployment names `…-dlq`). */
export const isDeadLetter = (batch: MessageBatch<unknown>) =>
  batch.queue === WEBHOOK_DLQ || batch.queue.endsWith("-dlq");

/**
 * The webhooks' part of the queue consumer (src/background.ts hands every batch here; messages of other
 * features on the same queue are theirs to acknowledge, except on a dead-letter queue). On the webhooks queue: `fanout` runs a fan-out step (once per batch however many asked);
 * `deliver` attempts a delivery, retried with backoff (`msg.retry({delaySeconds})`) until the queue's
 * max_retries sends it to the dead-letter queue. A delivery waiting for an earlier change of the same record is
 * re-sent with a short delay (acked, so waiting does not spend its retries). On the dead-letter queue: the
 * deliveries are recorded as dead.
 */
export async function handleQueue(batch: MessageBatch<WebhookMessage>, env: Env): Promise<void> {
  const messages = batch.messages.filter((m) => m.body.kind === "fanout" || m.body.kind === "deliver");
  if (isDeadLetter(batch)) {
    const ids = messages.flatMap((m) => (m.body.kind === "deliver" ? [m.body.id] : []));
    await markDead(countedD1(env.DB), ids);
    batch.ackAll();
    return;
  }
  const fanouts = messages.filter((m) => m.body.kind === "fanout");
  if (fanouts.length) {
    try {
      await fanOutAndEnqueue(env);
      for (const m of fanouts) m.ack();
    } catch (e) {
      console.error("webhook fan-out failed", e instanceof Error ? e.message : String(e));
      for (const m of fanouts) m.retry({ delaySeconds: Math.round(5 * scale(env)) });
    }
  }
  await Promise.all(
    messages.map(async (m) => {
      if (m.body.kind !== "deliver") return;
      const { id } = m.body;
      try {
        const outcome = await attemptDelivery(env, id, m.attempts);
        if (outcome === "settled") m.ack();
        else if (outcome === "failed") m.retry({ delaySeconds: backoffSeconds(m.attempts, scale(env)) });
        else {
          await env.WEBHOOKS?.send({ kind: "deliver", id }, { delaySeconds: Math.round(2 * scale(env)) });
          m.ack();
        }
      } catch (e) {
        console.error("webhook delivery failed", id, e instanceof Error ? e.message : String(e));
        m.retry({ delaySeconds: backoffSeconds(m.attempts, scale(env)) });
      }
    }),
  );
}

/** The webhooks' part of the cron: a fan-out step (in case a write's nudge was lost) and re-enqueued lost deliveries. */
export async function handleScheduled(env: Env): Promise<void> {
  await fanOutAndEnqueue(env);
  await enqueueDeliveries(env, await sweepStale(countedD1(env.DB)));
}
