// The enquiry form's signed timestamp: when the page was rendered and the form's token, signed with the Worker's
// secret, so a robot that posts at once (under 3 s) or replays an old form (over 24 h) is told apart from a person
// without any state on the server and without JavaScript.
import { b64url, hmac } from "../platform/lib/cursor.ts";
import { MAX_FORM_AGE_MS, MIN_FORM_AGE_MS } from "./rules.ts";

const sign = async (secret: string, at: number, token: string) =>
  b64url(await hmac(secret, `enquiry-form|${at}|${token}`));

/**
 * A fresh stamp (`<ms>.<token>.<signature>`) for a form rendered now, with a random token the form posts back.
 *
 * @example const stamp = await formStamp(env.CURSOR_SECRET) // "1796…123.Qm9…x.k3…"
 */
export async function formStamp(secret: string, now = Date.now()): Promise<string> {
  const token = b64url(crypto.getRandomValues(new Uint8Array(16)));
  return `${now}.${token}.${await sign(secret, now, token)}`;
}

/** The hour a page's embedded form is stamped with (see {@link pageStamp}). */
const HOUR_MS = 3_600_000;

/**
 * The stamp of the form a product or producer page embeds: the same for one subject within an hour (its time is
 * the hour's start, its token derived from the subject and the hour), so the page's ETag, its 304s and the response
 * cache keep working. The exact "too fast" check is the form's own page's (a fresh stamp on every render), and a
 * re-rendered form's; stale embedded forms (over 24 h from the hour's start) come back with a fresh stamp.
 *
 * @example await pageStamp(env.CURSOR_SECRET, "product:lap-suon-tam-hoa")
 */
export async function pageStamp(secret: string, subject: string, now = Date.now()): Promise<string> {
  const at = now - (now % HOUR_MS);
  const token = b64url(await hmac(secret, `enquiry-token|${subject}|${at}`));
  return `${at}.${token}.${await sign(secret, at, token)}`;
}

export type StampCheck = { ok: true; token: string } | { ok: false; reason: "bad" | "fast" | "stale" };

/** Checks a posted stamp: signed by this Worker, at least 3 s and at most 24 h old. */
export async function checkStamp(secret: string, stamp: unknown, now = Date.now()): Promise<StampCheck> {
  if (typeof stamp !== "string" || stamp.length > 200) return { ok: false, reason: "bad" };
  const [at, token, sig, extra] = stamp.split(".");
  if (!at || !token || !sig || extra !== undefined || !/^\d{1,15}$/.test(at) || !/^[\w-]{16,64}$/.test(token))
    return { ok: false, reason: "bad" };
  const expected = await sign(secret, Number(at), token);
  let diff = expected.length ^ sig.length;
  for (let i = 0; i < expected.length; i++) diff |= expected.charCodeAt(i) ^ sig.charCodeAt(i);
  if (diff !== 0) return { ok: false, reason: "bad" };
  const age = now - Number(at);
  if (age < MIN_FORM_AGE_MS) return { ok: false, reason: "fast" };
  if (age > MAX_FORM_AGE_MS) return { ok: false, reason: "stale" };
  return { ok: true, token };
}
