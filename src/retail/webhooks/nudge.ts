import type { Env } from "../../platform/env.ts";

/**
 * Nudges the webhook fan-out after a successful write (any method but GET/HEAD/OPTIONS answered below 400): one
 * queue message, sent after the response, no D1 work. The cron catches anything a lost nudge leaves behind. Kept
 * apart from the consumer (queue.ts), which the Worker loads only when the queue or the cron calls it.
 */
export function nudgeFanOut(
  env: Env,
  method: string,
  status: number,
  ctx: { waitUntil(p: Promise<unknown>): void } | null,
): void {
  if (!env.WEBHOOKS || status >= 400 || method === "GET" || method === "HEAD" || method === "OPTIONS") return;
  const sent = env.WEBHOOKS.send({ kind: "fanout" }).catch((e: unknown) =>
    console.error("webhook nudge failed", e instanceof Error ? e.message : String(e)),
  );
  ctx?.waitUntil(sent);
}
