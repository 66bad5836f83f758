// A restore never weakens security or moves a counter back (issue 11, findings 5 and 12): revoked keys stay
// revoked, keys made after the backup survive, the catalogue version, epoch and change feed only move forward,
// and a restore runs nothing but the INSERTs a backup writes, in a file whose checksum matches.
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import {
  createBackup,
  parseBackup,
  type Query,
  readSchema,
  restoreStatements,
} from "../../src/platform/db/backup.ts";
import { call, getJson } from "../helpers/http.ts";
import { createKey, listing, send } from "../helpers/retail.ts";
import { BACKUP_SECRETS, resign } from "./backup-key.ts";

const queryOf =
  (db: D1Database): Query =>
  async (sqls) =>
    (await db.batch<Record<string, unknown>>(sqls.map((s) => db.prepare(s)))).map((r) => r.results);

const counters = async () =>
  (await env.DB.prepare(
    "SELECT version, epoch, (SELECT max(seq) FROM changes) AS seq FROM catalogue_version WHERE id = 1",
  ).first<{ version: number; epoch: number; seq: number }>()) ?? { version: 0, epoch: 0, seq: 0 };

/** Restores a backup over env.DB, as `npm run db:restore -- file --replace` does. */
async function restoreOver(text: string) {
  const statements = restoreStatements(
    await readSchema(queryOf(env.DB)),
    await parseBackup(text, { secrets: BACKUP_SECRETS }),
  );
  await env.DB.batch(statements.map((s) => env.DB.prepare(s)));
}

const put = (key: string, product: string, price: number) =>
  send("PUT", `/api/v1/channels/aeon/listings/${product}`, key, listing({ price_vnd: price }));

describe("restore over the live database (--replace)", () => {
  it("keeps revoked keys revoked and keys made after the backup; version, epoch and the feed move forward", async () => {
    const kept = await createKey("aeon", "kept");
    const revokedLater = await createKey("aeon", "revoked after the backup");
    expect((await put(revokedLater.key, "mien-dong-tan-viet-a", 70000)).status).toBeLessThan(300);
    const text = await createBackup(queryOf(env.DB), "test", { secrets: BACKUP_SECRETS });

    // After the backup: one key revoked (a leaked key, say), one made, writes made.
    await env.DB.prepare("UPDATE api_keys SET revoked_at = strftime('%Y-%m-%dT%H:%M:%fZ','now') WHERE id = ?")
      .bind(revokedLater.id)
      .run();
    const newer = await createKey("aeon", "made after the backup");
    expect((await put(newer.key, "mien-dong-tan-viet-a", 71000)).status).toBe(200);
    expect((await put(newer.key, "mien-dong-tan-viet-a", 72000)).status).toBe(200);
    const before = await counters();

    await restoreOver(text);

    const revoked = await put(revokedLater.key, "mien-dong-tan-viet-a", 1);
    expect(revoked.status).toBe(401);
    expect(revoked.headers.get("www-authenticate")).toMatch(/revoked/);
    expect((await put(newer.key, "banh-khao-quang-hoa", 60000)).status).toBe(201);
    expect((await put(kept.key, "mien-dong-tan-viet-a", 73000)).status).toBe(200);

    const after = await counters();
    expect(after.version).toBeGreaterThan(before.version);
    expect(after.epoch).toBeGreaterThan(before.epoch);
    // The feed continues above every sequence number a client may have seen before the restore.
    const next = await env.DB.prepare("SELECT seq FROM changes ORDER BY seq DESC LIMIT 2").all<{
      seq: number;
    }>();
    expect(next.results.every((r) => r.seq > before.seq)).toBe(true);
  });

  it("a key revoked in the backup but active in the target stays revoked (either side's revocation wins)", async () => {
    const key = await createKey("aeon", "revoked in the backup");
    await env.DB.prepare("UPDATE api_keys SET revoked_at = '2026-01-01T00:00:00.000Z' WHERE id = ?")
      .bind(key.id)
      .run();
    const text = await createBackup(queryOf(env.DB), "test", { secrets: BACKUP_SECRETS });
    await env.DB.prepare("UPDATE api_keys SET revoked_at = NULL WHERE id = ?").bind(key.id).run();
    await restoreOver(text);
    expect((await put(key.key, "mien-dong-tan-viet-a", 1)).status).toBe(401);
  });
});

describe("after a restore, nothing a client holds from before it carries on", () => {
  it("a change-feed cursor from before is 410 (start again), and the feed read afresh is whole", async () => {
    const { key } = await createKey("aeon");
    const text = await createBackup(queryOf(env.DB), "test", { secrets: BACKUP_SECRETS });
    expect((await put(key, "banh-khao-quang-hoa", 61000)).status).toBeLessThan(300);
    const before = await getJson("/api/v1/changes?limit=1000");
    const cursor = before.body.page.next_cursor as string;
    expect((await getJson(`/api/v1/changes?since=${encodeURIComponent(cursor)}`)).status).toBe(200);

    await restoreOver(text);

    const stale = await getJson(`/api/v1/changes?since=${encodeURIComponent(cursor)}`);
    expect(stale.status).toBe(410);
    expect(stale.body.type).toBe("/problems/feed-reset");
    const fresh = await getJson("/api/v1/changes?limit=1000");
    expect(fresh.status).toBe(200);
    const next = await getJson(`/api/v1/changes?since=${encodeURIComponent(fresh.body.page.next_cursor)}`);
    expect(next.status).toBe(200);
  });

  it("ETags from before do not match: the catalogue's, and a listing's even at the same version number", async () => {
    const { key } = await createKey("aeon");
    const path = "/api/v1/channels/aeon/listings/lap-suon-thit-hun-khoi-tam-hoa";
    expect((await put(key, "lap-suon-thit-hun-khoi-tam-hoa", 50000)).status).toBeLessThan(300);
    const text = await createBackup(queryOf(env.DB), "test", { secrets: BACKUP_SECRETS });
    const written = await put(key, "lap-suon-thit-hun-khoi-tam-hoa", 51000);
    const held = written.headers.get("etag") ?? "";
    const catalogue = (await call("/api/v1/products?limit=1")).headers.get("etag") ?? "";
    expect(held).not.toBe("");

    await restoreOver(text);
    // Written again: the listing reaches the same version number with other content.
    const rewritten = await put(key, "lap-suon-thit-hun-khoi-tam-hoa", 99000);
    expect(rewritten.status).toBe(200);
    const version = async (res: Response) => ((await res.json()) as { version: number }).version;
    expect(await version(rewritten)).toBe(await version(written));
    expect(rewritten.headers.get("etag")).not.toBe(held);

    expect((await call(path, { headers: { "if-none-match": held } })).status).toBe(200);
    const conditional = await send("PUT", path, key, listing({ price_vnd: 2 }), { "if-match": held });
    expect(conditional.status).toBe(412);
    expect((await call("/api/v1/products?limit=1", { headers: { "if-none-match": catalogue } })).status).toBe(
      200,
    );
  });
});

describe("restore parses only what a backup writes", () => {
  it("refuses a file whose content no longer matches its signature", async () => {
    const text = await createBackup(queryOf(env.DB), "test", { secrets: BACKUP_SECRETS });
    expect((await parseBackup(text, { secrets: BACKUP_SECRETS })).statements.length).toBeGreaterThan(5);
    await expect(
      parseBackup(text.replace("Miến dong", "Mien dong"), { secrets: BACKUP_SECRETS }),
    ).rejects.toThrow(/signature/);
    await expect(
      parseBackup(text.replace(/^-- signature: .*\n/m, ""), { secrets: BACKUP_SECRETS }),
    ).rejects.toThrow(/not signed/);
  });

  it("refuses any statement but an INSERT of literal rows, even with a valid signature", async () => {
    const text = await createBackup(queryOf(env.DB), "test", { secrets: BACKUP_SECRETS });
    const keyLine = text.split("\n").find((l) => l.startsWith('INSERT INTO "api_keys"')) ?? "";
    const channelLine = text.split("\n").find((l) => l.startsWith('INSERT INTO "channels"')) ?? "";
    expect(keyLine).not.toBe("");
    const forged = [
      // A second statement on a line that starts like an INSERT (release 1 ran it).
      channelLine.replace(/;$/, "; UPDATE api_keys SET revoked_at = NULL;"),
      channelLine.replace(/;$/, "; DELETE FROM api_keys --;"),
      // Lines that are not INSERTs at all.
      "UPDATE api_keys SET revoked_at = NULL;",
      "-- comment after the header;",
      // An INSERT whose values are expressions or a sub-select, not literals.
      keyLine.replace(/VALUES \(\d+,/, "VALUES ((SELECT max(id) + 1 FROM api_keys),"),
      keyLine.replace(/VALUES \(/, "VALUES (abs(1) + "),
      keyLine.replace(/ VALUES .*$/, " SELECT * FROM api_keys;"),
      // Rows of the wrong shape, and an unquoted string.
      keyLine.replace(/VALUES \(/, "VALUES (1, "),
      keyLine.replace(/'[^']*'/, "revoked"),
    ];
    for (const line of forged) {
      const edited = await resign(text.replace(channelLine, `${channelLine}\n${line}`));
      await expect(parseBackup(edited, { secrets: BACKUP_SECRETS }), line.slice(0, 80)).rejects.toThrow(
        /backup line|header|rows/,
      );
    }
    // A statement for a table the header does not list, or more rows than the header says.
    const extraTable = await resign(
      text.replace(channelLine, `${channelLine}\nINSERT INTO "sqlite_master" ("name") VALUES ('x');`),
    );
    await expect(parseBackup(extraTable, { secrets: BACKUP_SECRETS })).rejects.toThrow(
      /does not list table sqlite_master/,
    );
    const twice = await resign(text.replace(keyLine, `${keyLine}\n${keyLine}`));
    await expect(parseBackup(twice, { secrets: BACKUP_SECRETS })).rejects.toThrow(
      /api_keys: \d+ rows, the header says/,
    );
  });

  it("a table or column the target does not have is refused before anything runs", async () => {
    const text = await createBackup(queryOf(env.DB), "test", { secrets: BACKUP_SECRETS });
    const edited = await resign(
      text
        .replace(/"counts": ?\{/, '"counts":{"ghosts":1,')
        .replace(/^-- counts: \{/m, '-- counts: {"ghosts":1,')
        .replace(/\n-- Restore with[^\n]*/, (m) => `${m}\nINSERT INTO "ghosts" ("id") VALUES (1);`),
    );
    const backup = await parseBackup(edited, { secrets: BACKUP_SECRETS });
    expect(() =>
      restoreStatements(
        { tables: [], fts: [], ftsRebuild: [], triggers: [], columns: {}, counts: {} },
        backup,
      ),
    ).toThrow(/no table/);
  });
});
