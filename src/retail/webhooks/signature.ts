// Standard Webhooks signing (https://www.standardwebhooks.com/): `webhook-signature` holds
// `v1,<base64 HMAC-SHA256 of "<webhook-id>.<webhook-timestamp>.<body>">`, keyed with the base64-decoded part of the
// `whsec_…` secret. Several space-separated signatures are allowed: during a secret rotation both secrets sign.

const enc = new TextEncoder();
const SECRET_PREFIX = "whsec_";

const b64 = (bytes: Uint8Array) => btoa(String.fromCharCode(...bytes));

/** A fresh endpoint secret: `whsec_` and 32 random bytes in base64 (shown once, at creation or rotation). */
export function generateWebhookSecret(): string {
  return `${SECRET_PREFIX}${b64(crypto.getRandomValues(new Uint8Array(32)))}`;
}

/** A message id for `webhook-id`: the same on every attempt of one delivery, so receivers de-duplicate. */
export function generateMessageId(): string {
  return `msg_${Array.from(crypto.getRandomValues(new Uint8Array(12)), (b) => b.toString(16).padStart(2, "0")).join("")}`;
}

/**
 * The `v1,…` signature of one message with one secret.
 *
 * @example await signWebhook("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330, '{"test": 2432232314}')
 */
export async function signWebhook(
  secret: string,
  id: string,
  timestamp: number,
  body: string,
): Promise<string> {
  const raw = secret.startsWith(SECRET_PREFIX) ? secret.slice(SECRET_PREFIX.length) : secret;
  const keyBytes = Uint8Array.from(atob(raw), (c) => c.charCodeAt(0));
  const key = await crypto.subtle.importKey("raw", keyBytes, { name: "HMAC", hash: "SHA-256" }, false, [
    "sign",
  ]);
  const mac = await crypto.subtle.sign("HMAC", key, enc.encode(`${id}.${timestamp}.${body}`));
  return `v1,${b64(new Uint8Array(mac))}`;
}

/**
 * The three Standard Webhooks headers of one attempt, signed with every given secret (current first).
 *
 * @example await webhookHeaders([secret], "msg_…", '{"type":"product.upsert",…}', new Date())
 */
export async function webhookHeaders(
  secrets: readonly string[],
  id: string,
  body: string,
  now = new Date(),
): Promise<Record<string, string>> {
  const timestamp = Math.floor(now.getTime() / 1000);
  const signatures = await Promise.all(secrets.map((s) => signWebhook(s, id, timestamp, body)));
  return {
    "webhook-id": id,
    "webhook-timestamp": String(timestamp),
    "webhook-signature": signatures.join(" "),
  };
}
