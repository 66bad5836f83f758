/**
 * The shape of retailer API keys, shared by the Worker (to check them), `scripts/keys.ts` (to make them) and tests.
 * A key is `cnnt_` followed by 48 lowercase hex digits (192 random bits). Its first 13 characters are its
 * visible prefix (stored, shown by `key:list`, used to find the row); only its SHA-256 is stored.
 */
export const KEY_PATTERN = /^cnnt_[0-9a-f]{48}$/;
export const PREFIX_LENGTH = 13;

const hex = (bytes: Uint8Array) => Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");

/** SHA-256 of a string, as 64 lowercase hex digits. */
export async function sha256Hex(text: string): Promise<string> {
  return hex(new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text))));
}

/**
 * A fresh key with what is stored about it.
 *
 * @example const { key, prefix, hash } = await generateApiKey() // print `key` once, store prefix and hash
 */
export async function generateApiKey(): Promise<{ key: string; prefix: string; hash: string }> {
  const key = `cnnt_${hex(crypto.getRandomValues(new Uint8Array(24)))}`;
  return { key, prefix: key.slice(0, PREFIX_LENGTH), hash: await sha256Hex(key) };
}
