/**
 * Passwords, session tokens and editor API tokens.
 *
 * Passwords are hashed with PBKDF2-SHA-256 at {@link PBKDF2_ITERATIONS} iterations. Production Workers refuse
 * PBKDF2 above 100,000 iterations (cloudflare/workerd#1346) while `wrangler dev` and the test pool accept more,
 * so a higher count would pass every local test and fail every real sign-in: {@link verifyPassword} refuses to
 * derive above the cap, and test/editor/auth.test.ts pins the cap. (Passkeys were the alternative; WebAuthn
 * needs JavaScript in the page, and the editor pages must work without it.)
 */
import { sha256Hex } from "../../platform/http/api-key.ts";

/** The most PBKDF2 iterations production Workers allow. */
export const PBKDF2_MAX_ITERATIONS = 100_000;
/** Iterations used for new password hashes (at the cap: the most the runtime allows). */
export const PBKDF2_ITERATIONS = 100_000;
/** Shortest password accepted. */
export const MIN_PASSWORD_LENGTH = 12;

const b64 = (bytes: Uint8Array) => btoa(String.fromCharCode(...bytes));
const unb64 = (s: string): Uint8Array<ArrayBuffer> => Uint8Array.from(atob(s), (ch) => ch.charCodeAt(0));
const hex = (bytes: Uint8Array) => Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");

async function derive(
  password: string,
  salt: Uint8Array<ArrayBuffer>,
  iterations: number,
): Promise<Uint8Array> {
  if (!Number.isInteger(iterations) || iterations < 1 || iterations > PBKDF2_MAX_ITERATIONS) {
    throw new Error(`PBKDF2 iterations must be 1..${PBKDF2_MAX_ITERATIONS} (production Workers refuse more)`);
  }
  const key = await crypto.subtle.importKey("raw", new TextEncoder().encode(password), "PBKDF2", false, [
    "deriveBits",
  ]);
  const bits = await crypto.subtle.deriveBits(
    { name: "PBKDF2", hash: "SHA-256", salt, iterations },
    key,
    256,
  );
  return new Uint8Array(bits);
}

/**
 * Hashes a password for storage as `pbkdf2-sha256$<iterations>$<salt>$<hash>` (base64).
 *
 * @example await hashPassword("correct horse battery") // "pbkdf2-sha256$100000$…$…"
 */
export async function hashPassword(password: string, iterations = PBKDF2_ITERATIONS): Promise<string> {
  const salt = crypto.getRandomValues(new Uint8Array(16));
  return `pbkdf2-sha256$${iterations}$${b64(salt)}$${b64(await derive(password, salt, iterations))}`;
}

/** A stored hash that no password matches, verified when the account does not exist (same work, same answer). */
export const DUMMY_HASH = `pbkdf2-sha256$${PBKDF2_ITERATIONS}$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=`;

/** Checks a password against a stored hash in constant time; false for a malformed hash. */
export async function verifyPassword(password: string, stored: string | null): Promise<boolean> {
  const [scheme, iter, salt, hash] = (stored ?? DUMMY_HASH).split("$");
  if (scheme !== "pbkdf2-sha256" || !salt || !hash) return false;
  const expected = unb64(hash);
  const actual = await derive(password, unb64(salt), Number(iter));
  return stored !== null && equalBytes(expected, actual);
}

/** Constant-time comparison (the scripts run this module under Node too, which lacks subtle.timingSafeEqual). */
function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= (a[i] ?? 0) ^ (b[i] ?? 0);
  return diff === 0;
}

/** A random token of `bytes` bytes, base64url without padding. */
export function randomToken(bytes = 32): string {
  return b64(crypto.getRandomValues(new Uint8Array(bytes)))
    .replaceAll("+", "-")
    .replaceAll("/", "_")
    .replace(/=+$/, "");
}

/** Editor API tokens: `cnnted_` and 48 hex digits; distinct from retailer keys (`cnnt_` + 48 hex). */
export const EDITOR_TOKEN_PATTERN = /^cnnted_[0-9a-f]{48}$/;
export const EDITOR_TOKEN_PREFIX_LENGTH = 15;

/**
 * A fresh editor API token and what is stored about it (prefix and SHA-256).
 *
 * @example const { token, prefix, hash } = await generateEditorToken() // print token once
 */
export async function generateEditorToken(): Promise<{ token: string; prefix: string; hash: string }> {
  const token = `cnnted_${hex(crypto.getRandomValues(new Uint8Array(24)))}`;
  return { token, prefix: token.slice(0, EDITOR_TOKEN_PREFIX_LENGTH), hash: await sha256Hex(token) };
}

export { sha256Hex };
