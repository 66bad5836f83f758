/** The operator's backup secrets in these tests (in real use BACKUP_SECRET and BACKUP_SECRET_PREVIOUS). */
export const BACKUP_SECRETS = { current: "test-backup-secret-0123456789abcdef-current" };
/** The same operator after a rotation: a new secret signs, the old one still verifies. */
export const ROTATED_SECRETS = {
  current: "test-backup-secret-0123456789abcdef-rotated",
  previous: [BACKUP_SECRETS.current],
};

const hex = (b: ArrayBuffer) => [...new Uint8Array(b)].map((x) => x.toString(16).padStart(2, "0")).join("");

/**
 * Signs an edited backup again with the operator's secret, written here from the format (not imported), so that a
 * test can hand the parser a well-signed file whose statements are forged: what only the secret's holder can do.
 */
export async function resign(text: string, secret = BACKUP_SECRETS.current): Promise<string> {
  const line = /^-- signature: hmac-sha256 ([0-9a-f]{8}) [0-9a-f]{64}\n/m;
  const body = text.replace(line, "");
  const key = await crypto.subtle.importKey(
    "raw",
    new TextEncoder().encode(secret),
    { name: "HMAC", hash: "SHA-256" },
    false,
    ["sign"],
  );
  const mac = hex(await crypto.subtle.sign("HMAC", key, new TextEncoder().encode(body)));
  return text.replace(/^(-- signature: hmac-sha256 [0-9a-f]{8}) [0-9a-f]{64}$/m, `$1 ${mac}`);
}
