// How a backup is signed and checked: an HMAC-SHA-256 of the file under the operator's secret, named by a key id
// so a rotation's previous secret still verifies; the old unsigned format only when the operator trusts the file.

/**
 * Format 3 signs the file with an HMAC under the operator's secret; format 2 (an unkeyed SHA-256, which anyone who
 * edits the file can recompute) is read only when the operator says they trust the file; format 1 is refused.
 */
export const BACKUP_FORMAT = "caobang-cnnt-backup/3";
export const UNSIGNED_FORMAT = "caobang-cnnt-backup/2";
/** The shortest backup secret accepted (`openssl rand -hex 32` gives 64 characters). */
export const MIN_BACKUP_SECRET_LENGTH = 32;

/**
 * The operator's backup secrets: `current` (BACKUP_SECRET) signs new backups and verifies; `previous`
 * (BACKUP_SECRET_PREVIOUS, during a rotation) only verify. None is ever written into a backup: the signature line
 * names the key by an id (8 hex digits of a hash of the secret) so that the right one is picked.
 */
export interface BackupSecrets {
  current: string;
  previous?: string[];
}

const hex = (bytes: ArrayBuffer) =>
  [...new Uint8Array(bytes)].map((b) => b.toString(16).padStart(2, "0")).join("");
const sha256 = async (text: string) =>
  hex(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text)));
const CHECKSUM_LINE = /^-- sha256: ([0-9a-f]{64})$/m;
const SIGNATURE_LINE = /^-- signature: hmac-sha256 ([0-9a-f]{8}) ([0-9a-f]{64})\n/m;
const utf8 = (text: string) => new TextEncoder().encode(text);

/** The id of a backup secret, written in the signature line: it names the key and tells nothing of it. */
export const backupKeyId = async (secret: string) =>
  (await sha256(`caobang-cnnt-backup-key:${secret}`)).slice(0, 8);

const hmacKey = (secret: string) =>
  crypto.subtle.importKey("raw", utf8(secret), { name: "HMAC", hash: "SHA-256" }, false, ["sign", "verify"]);

/** Refuses a secret shorter than {@link MIN_BACKUP_SECRET_LENGTH}, naming the variable it came from. */
export function checkSecret(secret: string, name: string): void {
  if (secret.length < MIN_BACKUP_SECRET_LENGTH)
    throw new Error(`${name} must be at least ${MIN_BACKUP_SECRET_LENGTH} characters (openssl rand -hex 32)`);
}

/** The signature line of a backup's text (which must not hold one yet): the HMAC of all of it, and the key's id. */
export async function signatureLine(body: string, secret: string): Promise<string> {
  const mac = hex(await crypto.subtle.sign("HMAC", await hmacKey(secret), utf8(body)));
  return `-- signature: hmac-sha256 ${await backupKeyId(secret)} ${mac}`;
}

/**
 * Checks a backup's signature against the operator's secrets (the one its key id names); throws unless it
 * matches. An unsigned format-2 file passes its old checksum only when `trustUnsigned` is set.
 */
export async function verifyBackup(
  text: string,
  format: string | undefined,
  { secrets, trustUnsigned = false }: ParseOptions,
): Promise<void> {
  if (format === UNSIGNED_FORMAT) {
    if (!trustUnsigned)
      throw new Error(
        `an unsigned ${UNSIGNED_FORMAT} backup: anyone who can edit it can recompute its checksum. Restore it only if you know where it has been (--trust-unsigned), then take a signed backup`,
      );
    const checksum = CHECKSUM_LINE.exec(text)?.[1];
    if (!checksum || (await sha256(text.replace(/^-- sha256: [0-9a-f]{64}\n/m, ""))) !== checksum)
      throw new Error("the backup's sha256 does not match its content: the file is damaged or was edited");
    return;
  }
  const line = SIGNATURE_LINE.exec(text);
  if (!line?.[1] || !line[2]) throw new Error("the backup is not signed (no `-- signature:` line)");
  const ring = [secrets.current, ...(secrets.previous ?? [])].filter(Boolean);
  let secret: string | undefined;
  for (const s of ring) if ((await backupKeyId(s)) === line[1]) secret = s;
  if (!secret)
    throw new Error(
      `the backup is signed with key ${line[1]}, which is neither BACKUP_SECRET nor BACKUP_SECRET_PREVIOUS: set the secret it was made with (as BACKUP_SECRET_PREVIOUS during a rotation)`,
    );
  const mac = Uint8Array.from(line[2].match(/../g) ?? [], (b) => Number.parseInt(b, 16));
  const body = text.replace(SIGNATURE_LINE, "");
  // subtle.verify compares in constant time.
  if (!(await crypto.subtle.verify("HMAC", await hmacKey(secret), mac, utf8(body))))
    throw new Error(
      "the backup's signature does not match its content: the file was edited or damaged after it was signed",
    );
}

/** How to check a backup: the operator's secrets, and whether an unsigned (format 2) file is trusted. */
export interface ParseOptions {
  secrets: BackupSecrets;
  trustUnsigned?: boolean;
}
