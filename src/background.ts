// The Worker's background work, assembled from the features that own it (wrangler.toml: [[queues.consumers]],
// [triggers]): one queue carries the retailers' webhook work, the buyers' enquiry emails and the failed-search
// counts; one cron sweeps them. Each feature handles only its own messages; this file, part of the assembly, is the
// one place that knows them all.
// Every part is loaded on demand, when a batch or the cron runs it: no shopper's or retailer's request carries it.
import { countedD1 } from "./platform/db/client.ts";
import { rerankLapsedStatement } from "./platform/db/recognition-rank.ts";
import { recordMissStatements, utcDay } from "./platform/db/search-misses.ts";
import type { Env, WebhookMessage } from "./platform/env.ts";

type EnquiryMessage = Message<Extract<WebhookMessage, { kind: "enquiry" }>>;
type SearchMissMessage = Message<Extract<WebhookMessage, { kind: "search-miss" }>>;

/**
 * The queue consumer. Enquiry emails are sent first (src/enquiries/notify.ts), failed searches counted, then the
 * webhook work (src/retail/webhooks/queue.ts). On a dead-letter queue the webhook side acknowledges the whole batch: an
 * enquiry whose email never went stays in the centre's inbox, and the cron's sweep queues it again.
 */
export async function handleQueue(batch: MessageBatch<WebhookMessage>, env: Env): Promise<void> {
  const webhooks = await import("./retail/webhooks/queue.ts");
  const enquiries = batch.messages.filter((m): m is EnquiryMessage => m.body.kind === "enquiry");
  if (enquiries.length && !webhooks.isDeadLetter(batch)) {
    const { handleEnquiryMessages } = await import("./enquiries/notify.ts");
    await handleEnquiryMessages(env, enquiries);
  }
  // Failed searches (issue 26): counted per query and day in one D1 batch, off the shoppers' requests.
  const misses = batch.messages.filter((m): m is SearchMissMessage => m.body.kind === "search-miss");
  if (misses.length && !webhooks.isDeadLetter(batch)) {
    try {
      const d1 = countedD1(env.DB);
      await d1.batch(
        recordMissStatements(
          d1,
          misses.map((m) => m.body),
          utcDay(),
        ),
      );
      for (const m of misses) m.ack();
    } catch (e) {
      console.error("search miss count failed", e instanceof Error ? e.message : String(e));
      for (const m of misses) m.retry({ delaySeconds: 30 });
    }
  }
  await webhooks.handleQueue(batch, env);
}

/**
 * The cron: the enquiries' sweep (emails whose queue message was lost, and the retention erasure), the yearly
 * re-rank of lapsing OCOP ratings, then the webhooks' (a fan-out step in case a write's nudge was lost, and re-enqueued lost deliveries). A failure of the
 * enquiries' sweep is logged and does not stop the webhook work.
 */
export async function handleScheduled(env: Env): Promise<void> {
  try {
    const { sweepUnsentNotices } = await import("./enquiries/notify.ts");
    const { eraseExpired } = await import("./editor/enquiries/retention.ts");
    await sweepUnsentNotices(env);
    await eraseExpired(countedD1(env.DB));
  } catch (e) {
    console.error("enquiry sweep failed", e instanceof Error ? e.message : String(e));
  }
  // The recognition order when the year turns: OCOP ratings reaching their 36 months rank lower (issue 26).
  try {
    await rerankLapsedStatement(countedD1(env.DB)).run();
  } catch (e) {
    console.error("recognition re-rank failed", e instanceof Error ? e.message : String(e));
  }
  await (await import("./retail/webhooks/queue.ts")).handleScheduled(env);
}
