/**
 * What a new retailer API key may be given, written once for the operators' CLI (scripts/keys.ts) and the editors'
 * keys page (src/editor/keys/): its scopes and its expiry. Each rule answers a value or the reason it refuses,
 * in English (the API's and the CLI's language; the page translates the codes).
 */
import { KEY_SCOPES, type KeyScope } from "./vocabulary.ts";

/** Why an input was refused: the field and a code the editor pages translate. */
export interface KeyInputError {
  field: "scopes" | "expires" | "name";
  code: "no-scope" | "unknown-scope" | "read-alone" | "malformed-date" | "past-date" | "name-too-long";
  /** The offending value (an unknown scope, a date as given). */
  value?: string;
}

/** Each refusal said in English, as the CLI prints it and the API's problem names it. */
export function keyInputReason(e: KeyInputError): string {
  switch (e.code) {
    case "no-scope":
      return `needs at least one of ${KEY_SCOPES.join(", ")}`;
    case "unknown-scope":
      return `'${e.value}' is not a scope (${KEY_SCOPES.join(", ")})`;
    case "read-alone":
      return "read is a read-only key: give it alone";
    case "malformed-date":
      return `'${e.value}' is not a date such as 2027-06-30`;
    case "past-date":
      return `${e.value} is not in the future`;
    case "name-too-long":
      return `at most ${KEY_NAME_MAX} characters`;
  }
}

export const KEY_NAME_MAX = 120;

/**
 * The scopes of a new key from what was asked (duplicates dropped): at least one, each a known scope, `read` alone.
 *
 * @example keyScopes(["listings", "webhooks"]) // { scopes: ["listings", "webhooks"] }
 */
export function keyScopes(asked: readonly string[]): { scopes: KeyScope[] } | { error: KeyInputError } {
  const scopes = [...new Set(asked.map((s) => s.trim()).filter(Boolean))];
  const unknown = scopes.find((s) => !(KEY_SCOPES as readonly string[]).includes(s));
  if (unknown !== undefined) return { error: { field: "scopes", code: "unknown-scope", value: unknown } };
  if (!scopes.length) return { error: { field: "scopes", code: "no-scope" } };
  if (scopes.includes("read") && scopes.length > 1) return { error: { field: "scopes", code: "read-alone" } };
  return { scopes: scopes as KeyScope[] };
}

/**
 * The instant a new key expires (ISO 8601, UTC) from a date (`2027-06-30`: that day's 00:00 UTC) or an instant;
 * empty: it does not expire (null). A date that does not exist or is not after `now` is refused.
 */
export function keyExpiry(
  given: string,
  now = Date.now(),
): { expiresAt: string | null } | { error: KeyInputError } {
  const value = given.trim();
  if (!value) return { expiresAt: null };
  const day = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  const at = Date.parse(day ? `${value}T00:00:00Z` : value);
  const real = day ? new Date(at).toISOString().startsWith(value) : /^\d{4}-\d{2}-\d{2}T/.test(value);
  if (!Number.isFinite(at) || !real) return { error: { field: "expires", code: "malformed-date", value } };
  if (at <= now) return { error: { field: "expires", code: "past-date", value } };
  return { expiresAt: new Date(at).toISOString() };
}

/** A new key's name: as given (trimmed), else "<channel> integration"; at most {@link KEY_NAME_MAX} characters. */
export function keyName(given: string, channel: string): { name: string } | { error: KeyInputError } {
  const name = given.trim();
  if (name.length > KEY_NAME_MAX) return { error: { field: "name", code: "name-too-long" } };
  return { name: name || `${channel} integration` };
}
