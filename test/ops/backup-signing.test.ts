// Issue 23, finding 3: a backup is signed with an HMAC under an operator secret that the backup does not hold.
// An unkeyed checksum let anyone who could edit the file (turn an editor into a publisher, add a key hash, point a
// webhook elsewhere) recompute the line, and the restore accepted it.
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { createBackup, parseBackup, type Query } from "../../src/platform/db/backup.ts";
import { createEditor } from "../editor/helpers.ts";
import { createKey } from "../helpers/retail.ts";
import { BACKUP_SECRETS, ROTATED_SECRETS } from "./backup-key.ts";

const queryOf =
  (db: D1Database): Query =>
  async (sqls) =>
    (await db.batch<Record<string, unknown>>(sqls.map((s) => db.prepare(s)))).map((r) => r.results);

const hex = (b: ArrayBuffer) => [...new Uint8Array(b)].map((x) => x.toString(16).padStart(2, "0")).join("");

/**
 * What an attacker with write access to the file can do: edit it, then recompute every digest line it carries that
 * needs no secret (the old format's `-- sha256:` over the file without that line).
 */
async function tamper(text: string, edit: (t: string) => string) {
  const edited = edit(text);
  const body = edited.replace(/^-- sha256: [0-9a-f]{64}\n/m, "");
  const digest = hex(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(body)));
  return edited.replace(/^-- sha256: [0-9a-f]{64}$/m, `-- sha256: ${digest}`);
}

let text = "";
beforeAll(async () => {
  await createEditor("bien-tap@example.vn", "editor");
  await createKey("aeon", "retailer");
  await env.DB.prepare(
    "INSERT INTO webhook_endpoints (id, channel_id, url, events, secret) SELECT 'ep_000000000000000000000001', id, 'https://hooks.example-chain.vn/cnnt', '[\"listing\"]', 'whsec_dGVzdA==' FROM channels WHERE slug = 'aeon'",
  ).run();
  text = await createBackup(queryOf(env.DB), "test", { secrets: BACKUP_SECRETS });
});

describe("a backup edited by someone without the operator's secret is refused", () => {
  const edits: [string, (t: string) => string][] = [
    [
      "an editor made a publisher",
      (t) => t.replace(/('bien-tap@example\.vn',(?:NULL|'[^']*'),)'editor'/, "$1'publisher'"),
    ],
    // The attacker's own key, in place of a retailer's: its hash is all the database keeps.
    [
      "a key hash swapped",
      (t) => t.replace(/(INSERT INTO "api_keys" [^\n]*?)'[0-9a-f]{64}'/, `$1'${"f".repeat(64)}'`),
    ],
    [
      "a webhook URL changed",
      (t) => t.replace("https://hooks.example-chain.vn/cnnt", "https://evil.example/x"),
    ],
  ];
  it.each(edits)("%s", async (_what, edit) => {
    const edited = await tamper(text, edit);
    expect(edited).not.toBe(text);
    await expect(parseBackup(edited, { secrets: BACKUP_SECRETS })).rejects.toThrow(/signature/);
  });

  it("the untouched backup verifies; the secret itself is nowhere in the file", async () => {
    expect((await parseBackup(text, { secrets: BACKUP_SECRETS })).statements.length).toBeGreaterThan(5);
    expect(text).not.toContain(BACKUP_SECRETS.current);
    expect(text).toMatch(/^-- signature: hmac-sha256 [0-9a-f]{8} [0-9a-f]{64}$/m);
  });

  it("a signature line removed, or the file signed by another secret, is refused", async () => {
    await expect(
      parseBackup(text.replace(/^-- signature: .*\n/m, ""), { secrets: BACKUP_SECRETS }),
    ).rejects.toThrow(/not signed/);
    const other = await createBackup(queryOf(env.DB), "test", { secrets: { current: "x".repeat(40) } });
    await expect(parseBackup(other, { secrets: BACKUP_SECRETS })).rejects.toThrow(
      /signed with key [0-9a-f]{8}, which is neither BACKUP_SECRET nor BACKUP_SECRET_PREVIOUS/,
    );
  });
});

describe("backups made before signing (format 2, an unkeyed sha256)", () => {
  /** Today's backup written as format 2 was: the format line, and a sha256 line in place of the signature. */
  async function formatTwo() {
    const body = text
      .replace("-- format: caobang-cnnt-backup/3", "-- format: caobang-cnnt-backup/2")
      .replace(/^-- signature: .*\n/m, "");
    const at = body.indexOf("\n-- Restore with");
    const digest = hex(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(body)));
    return `${body.slice(0, at)}\n-- sha256: ${digest}${body.slice(at)}`;
  }

  it("are refused unless the operator says they trust the file, and then only if the checksum holds", async () => {
    const old = await formatTwo();
    await expect(parseBackup(old, { secrets: BACKUP_SECRETS })).rejects.toThrow(/unsigned.*--trust-unsigned/);
    const trusted = await parseBackup(old, { secrets: BACKUP_SECRETS, trustUnsigned: true });
    expect(trusted.statements.length).toBeGreaterThan(5);
    await expect(
      parseBackup(old.replace("Miến dong", "Mien dong"), { secrets: BACKUP_SECRETS, trustUnsigned: true }),
    ).rejects.toThrow(/sha256/);
  });
});

describe("rotating the backup secret", () => {
  it("backups signed before the rotation still verify while the old secret is kept as previous; new ones use the new", async () => {
    expect((await parseBackup(text, { secrets: ROTATED_SECRETS })).header.counts.products).toBeGreaterThan(0);
    const after = await createBackup(queryOf(env.DB), "test", { secrets: ROTATED_SECRETS });
    await expect(parseBackup(after, { secrets: BACKUP_SECRETS })).rejects.toThrow(/signed with key/);
    expect((await parseBackup(after, { secrets: ROTATED_SECRETS })).statements.length).toBeGreaterThan(5);
    // Once the old secret is dropped, the old backups no longer verify.
    await expect(parseBackup(text, { secrets: { current: ROTATED_SECRETS.current } })).rejects.toThrow(
      /signed with key/,
    );
  });

  it("refuses to sign with a short secret", async () => {
    await expect(createBackup(queryOf(env.DB), "test", { secrets: { current: "short" } })).rejects.toThrow(
      /at least 32/,
    );
  });
});
