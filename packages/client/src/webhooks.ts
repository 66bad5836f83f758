// Receiving the catalogue's webhooks: verify the Standard Webhooks signature before trusting a body.
import type { components } from "./schema.js";

/** One change-feed entry, as a webhook delivers it. */
export type WebhookChange = components["schemas"]["ChangeList"]["data"][number];

/** The body of every webhook: the change exactly as `GET /changes` has it, and the feed's cursor after it. */
export interface WebhookPayload {
  type: `${WebhookChange["entity"]}.${WebhookChange["op"]}`;
  timestamp: string;
  data: { change: WebhookChange; cursor: string };
}

/** A delivery that is not signed by the secret, or is too old or too new (a replay). */
export class WebhookVerificationError extends Error {
  override name = "WebhookVerificationError";
}

export interface VerifyOptions {
  /** How far `webhook-timestamp` may be from now, in seconds (default 300). */
  toleranceSeconds?: number;
  /** The time to judge the timestamp against (tests). */
  now?: Date;
}

const enc = new TextEncoder();
const fromBase64 = (s: string): Uint8Array<ArrayBuffer> => Uint8Array.from(atob(s), (c) => c.charCodeAt(0));

/** Reads a header from a Headers object or a plain (Node) header record. */
function header(headers: Headers | Record<string, string | string[] | undefined>, name: string): string {
  const v = headers instanceof Headers ? headers.get(name) : headers[name];
  return (Array.isArray(v) ? v[0] : v) ?? "";
}

/**
 * Verifies a webhook delivery (Standard Webhooks: `webhook-id`, `webhook-timestamp`, `webhook-signature`, HMAC-SHA256
 * with the endpoint's `whsec_…` secret) and returns its parsed body. Pass the raw body exactly as received. During a
 * secret rotation a delivery carries one signature per secret: any one that matches is enough.
 *
 * @example
 * const payload = await verifyWebhook(process.env.CNNT_WEBHOOK_SECRET, req.headers, rawBody);
 * if (await alreadyApplied(payload.data.change.seq)) return; // at least once: de-duplicate by seq
 */
export async function verifyWebhook(
  secret: string,
  headers: Headers | Record<string, string | string[] | undefined>,
  body: string,
  options: VerifyOptions = {},
): Promise<WebhookPayload> {
  const id = header(headers, "webhook-id");
  const timestamp = header(headers, "webhook-timestamp");
  const signatures = header(headers, "webhook-signature");
  if (!id || !/^\d+$/.test(timestamp) || !signatures)
    throw new WebhookVerificationError("missing webhook-id, webhook-timestamp or webhook-signature");
  const now = Math.floor((options.now ?? new Date()).getTime() / 1000);
  if (Math.abs(now - Number(timestamp)) > (options.toleranceSeconds ?? 300))
    throw new WebhookVerificationError("webhook-timestamp is too far from now");
  const key = await crypto.subtle.importKey(
    "raw",
    fromBase64(secret.replace(/^whsec_/, "")),
    { name: "HMAC", hash: "SHA-256" },
    false,
    ["verify"],
  );
  const signed = enc.encode(`${id}.${timestamp}.${body}`);
  for (const candidate of signatures.split(" ")) {
    const [version, value] = candidate.split(",");
    if (version !== "v1" || !value) continue;
    let mac: Uint8Array<ArrayBuffer>;
    try {
      mac = fromBase64(value);
    } catch {
      continue;
    }
    // crypto.subtle.verify compares in constant time.
    if (await crypto.subtle.verify("HMAC", key, mac, signed)) return JSON.parse(body) as WebhookPayload;
  }
  throw new WebhookVerificationError("no signature matches the secret");
}
