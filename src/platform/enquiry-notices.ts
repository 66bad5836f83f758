// Telling people about an enquiry happens after the response, through the queue: the write costs one D1 round trip
// and a failed email is retried by the queue (src/enquiries/notify.ts consumes it). Kept apart from the consumer so
// that the request path loads no email code, and below the features: a buyer's enquiry (src/enquiries/) and an
// editor's forwarding of one (src/editor/enquiries/) queue the same message.
import type { Env } from "./env.ts";

/** What happened to an enquiry that someone must be told about. */
export type EnquiryEvent = "received" | "forwarded";

/** Queues the emails about an enquiry after the response (`waitUntil`); a lost message is swept by the cron. */
export function queueEnquiryNotice(
  env: Env,
  ctx: { waitUntil(p: Promise<unknown>): void },
  ref: string,
  event: EnquiryEvent,
): void {
  const queue = env.WEBHOOKS;
  if (!queue) return;
  ctx.waitUntil(
    queue
      .send({ kind: "enquiry", ref, event })
      .catch((e: unknown) =>
        console.error("enquiry notice not queued", e instanceof Error ? e.message : String(e)),
      ),
  );
}
