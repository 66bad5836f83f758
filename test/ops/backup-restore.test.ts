// A backup restored into a fresh database gives back identical rows and a working search index.
import { applyD1Migrations } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { listProducts } from "../../src/catalogue/products/products.queries.ts";
import {
  checkSearchIndexes,
  countRows,
  createBackup,
  migrationsAhead,
  parseBackup,
  type Query,
  readSchema,
  restoreStatements,
} from "../../src/platform/db/backup.ts";
import { countedD1 } from "../../src/platform/db/client.ts";
import { BACKUP_SECRETS } from "./backup-key.ts";

const queryOf =
  (db: D1Database): Query =>
  async (sqls) =>
    (await db.batch<Record<string, unknown>>(sqls.map((s) => db.prepare(s)))).map((r) => r.results);

/**
 * Every table that holds rows, listed by the test itself from sqlite_master (not by the code under test): all but
 * SQLite's and D1's internals and the FTS5 index (rebuilt from its content table on restore, checked separately).
 */
async function dataTables(db: D1Database): Promise<string[]> {
  const { results } = await db
    .prepare(
      "SELECT name FROM sqlite_master WHERE type = 'table' AND sql NOT LIKE 'CREATE VIRTUAL TABLE%' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' AND name NOT LIKE '\\_cf\\_%' ESCAPE '\\' AND name NOT LIKE 'products\\_fts\\_%' ESCAPE '\\' AND name NOT LIKE 'search\\_fold\\_%' ESCAPE '\\' ORDER BY name",
    )
    .all<{ name: string }>();
  return results.map((r) => r.name);
}

/** Every row of every real table, in rowid order: what "identical data" means. */
async function dump(db: D1Database, tables: string[]) {
  const out: Record<string, unknown[]> = {};
  for (const t of tables) out[t] = (await db.prepare(`SELECT * FROM "${t}" ORDER BY rowid`).all()).results;
  return out;
}

async function search(db: D1Database, q: string) {
  const r = await listProducts(countedD1(db), env.CURSOR_SECRET, { q, limit: 100, lang: "vi" });
  return { slugs: r.data.map((p) => p.slug), total: r.page.total, facets: r.facets };
}

/** Values a restore must carry exactly: quotes, statement separators, line breaks, NUL, emoji, big numbers. */
async function addAwkwardRows() {
  const awkward = [
    "it's; DROP TABLE products; --",
    "line one\nline two\r\nline three",
    "nul\u0000inside",
    "emoji 😀 and RTL \u202e override",
    "'); DELETE FROM listings; --",
    "X'00' and CAST(1 AS TEXT)",
  ];
  await env.DB.batch([
    env.DB.prepare("UPDATE products SET description_en = ? WHERE slug = 'mien-dong-tan-viet-a'").bind(
      awkward.join(" | "),
    ),
    env.DB.prepare(
      "UPDATE listings SET note = ?, price_vnd = ? WHERE id = (SELECT min(id) FROM listings)",
    ).bind(awkward[1] ?? "", 9007199254740991),
    env.DB.prepare(
      "UPDATE programme_figures SET value = ? WHERE id = (SELECT min(id) FROM programme_figures)",
    ).bind(4360000000.25),
    env.DB.prepare("UPDATE producers SET representative = ? WHERE slug = 'htx-tam-hoa'").bind(
      awkward[2] ?? "",
    ),
  ]);
}

/** The tables whose rows a restore reproduces exactly (the version counter only moves forward: see below). */
const data = (tables: string[]) => tables.filter((t) => t !== "catalogue_version");

/** The restored database's version and epoch are ahead of the source's: no ETag or feed cursor carries over. */
async function expectCountersAhead(restored: D1Database, source: D1Database) {
  const read = (db: D1Database) =>
    db
      .prepare("SELECT version, epoch FROM catalogue_version WHERE id = 1")
      .first<{ version: number; epoch: number }>();
  const [a, b] = [await read(restored), await read(source)];
  expect(a?.version).toBeGreaterThan(b?.version ?? 0);
  expect(a?.epoch).toBeGreaterThan(b?.epoch ?? 0);
}

describe("backup and restore", () => {
  it("restores identical data into a fresh database, and search works there", async () => {
    await addAwkwardRows();
    const source = queryOf(env.DB);
    const schema = await readSchema(source);
    expect(schema.tables).toEqual(
      expect.arrayContaining(["producers", "products", "recognitions", "listings"]),
    );
    expect(schema.tables).not.toContain("products_fts");
    expect(schema.tables.indexOf("producers")).toBeLessThan(schema.tables.indexOf("products"));
    expect(schema.fts).toEqual(["products_fts", "search_fold"]);

    // Small pages, so that reading in several rounds is exercised too.
    const text = await createBackup(source, "test", { pageRows: 4, secrets: BACKUP_SECRETS });
    const backup = await parseBackup(text, { secrets: BACKUP_SECRETS });
    const { header, statements } = backup;
    // Every table but live sign-in state (sessions, attempts: left out on purpose, see restore-editors.test.ts).
    const saved = schema.tables.filter((t) => !["editor_sessions", "login_attempts"].includes(t));
    expect(header.counts).toEqual(await countRows(source, saved));
    expect(header.migrations.length).toBe(env.TEST_MIGRATIONS.length);
    // One statement per line: the file can be split without an SQL parser.
    for (const s of statements) expect(`${s.sql};`).toMatch(/^INSERT INTO "\w+" \(.*\) VALUES \(.*\);$/);

    // The restore, as `npm run db:restore` does it: migrations, then the rows with triggers aside, then the index.
    await applyD1Migrations(env.RESTORE_DB, env.TEST_MIGRATIONS);
    const target = queryOf(env.RESTORE_DB);
    const targetSchema = await readSchema(target);
    // A fresh database: no catalogue (its migrations may write bookkeeping rows, which the restore replaces).
    expect((await countRows(target, ["products", "producers", "listings", "changes"])).products).toBe(0);
    await env.RESTORE_DB.batch(restoreStatements(targetSchema, backup).map((s) => env.RESTORE_DB.prepare(s)));

    const tables = await dataTables(env.DB);
    expect(tables).toEqual(expect.arrayContaining(["products", "listings", "changes", "api_keys"]));
    // d1_migrations is what the target's own migrations wrote; every other table comes back identical, but for
    // the version counter, which a restore moves ahead.
    const compared = tables.filter((t) => t !== "d1_migrations");
    expect([...schema.tables].sort()).toEqual(compared);
    expect(Object.keys(header.counts).sort()).toEqual(
      compared.filter((t) => !["editor_sessions", "login_attempts"].includes(t)),
    );
    expect(await dump(env.RESTORE_DB, data(compared))).toEqual(await dump(env.DB, data(compared)));
    await expectCountersAhead(env.RESTORE_DB, env.DB);
    expect((await readSchema(target)).triggers).toEqual(schema.triggers);
    await checkSearchIndexes(target, targetSchema.fts);
    for (const q of ["mien dong", "lap suon", "chieu truc", "Tâm Hòa", "DROP TABLE"]) {
      const [a, b] = [await search(env.DB, q), await search(env.RESTORE_DB, q)];
      expect(b, q).toEqual(a);
    }
    expect((await search(env.RESTORE_DB, "mien dong")).total).toBeGreaterThan(0);

    // Triggers work again after the restore: a new recognition updates the derived tier.
    await env.RESTORE_DB.prepare(
      "INSERT INTO recognitions (product_id, scheme, level, year, title_vi, title_en, source_url) SELECT id, 'cnnt', 'national', 2025, 't', 't', 'https://example.org' FROM products WHERE slug = 'mien-dong-tan-viet-a'",
    ).run();
    const tier = await env.RESTORE_DB.prepare(
      "SELECT tier_rank FROM products WHERE slug = 'mien-dong-tan-viet-a'",
    ).first();
    expect(tier).toEqual({ tier_rank: 4 });
  });

  it("rebuilds the derived facet tables when the backup predates them, exactly as the triggers keep them", async () => {
    const source = queryOf(env.DB);
    const backup = await parseBackup(await createBackup(source, "test", { secrets: BACKUP_SECRETS }), {
      secrets: BACKUP_SECRETS,
    });
    const derived = new Set(["product_facets", "facet_counts"]);
    // The same backup as a release before migration 0009 wrote it: no derived tables.
    const older = {
      ...backup,
      header: {
        ...backup.header,
        counts: Object.fromEntries(Object.entries(backup.header.counts).filter(([t]) => !derived.has(t))),
      },
      statements: backup.statements.filter((s) => !derived.has(s.table)),
    };
    await applyD1Migrations(env.UPGRADE_DB, env.TEST_MIGRATIONS);
    const target = queryOf(env.UPGRADE_DB);
    await env.UPGRADE_DB.batch(
      restoreStatements(await readSchema(target), older).map((s) => env.UPGRADE_DB.prepare(s)),
    );
    const rows = (db: D1Database) =>
      dump(db, ["product_facets"]).then(async (d) => ({
        ...d,
        facet_counts: (
          await db
            .prepare(
              "SELECT * FROM facet_counts WHERE n > 0 ORDER BY tier_rank, product_group, district_slug, schemes, illustrative",
            )
            .all()
        ).results,
      }));
    expect(await rows(env.UPGRADE_DB)).toEqual(await rows(env.DB));
  });

  it("a restore is one atomic batch: a failing one changes nothing; a good one leaves exactly the backup", async () => {
    const backup = await parseBackup(
      await createBackup(queryOf(env.DB), "test", { secrets: BACKUP_SECRETS }),
      { secrets: BACKUP_SECRETS },
    );
    const target = queryOf(env.RESTORE_DB);
    const schema = await readSchema(target);
    // RESTORE_DB holds the previous test's restore plus one extra recognition.
    const before = await dump(env.RESTORE_DB, schema.tables);
    const broken = {
      ...backup,
      statements: [
        ...backup.statements,
        { table: "products", columns: ["id"], rows: 1, sql: 'INSERT INTO "products" ("id") VALUES (1)' },
      ],
    };
    await expect(
      env.RESTORE_DB.batch(restoreStatements(schema, broken).map((s) => env.RESTORE_DB.prepare(s))),
    ).rejects.toThrow(/constraint|NOT NULL|UNIQUE/i);
    expect(await dump(env.RESTORE_DB, schema.tables)).toEqual(before);
    expect((await readSchema(target)).triggers).toEqual(schema.triggers);
    await env.RESTORE_DB.batch(restoreStatements(schema, backup).map((s) => env.RESTORE_DB.prepare(s)));
    expect(await dump(env.RESTORE_DB, data(schema.tables))).toEqual(await dump(env.DB, data(schema.tables)));
    await checkSearchIndexes(target, schema.fts);
    // The target was ahead of the backup (it holds an earlier restore): its counters still only moved forward.
    const version = (rows: unknown[] | undefined) =>
      (rows?.[0] as { version: number } | undefined)?.version ?? 0;
    expect(version(await dump(env.RESTORE_DB, ["catalogue_version"]).then((d) => d.catalogue_version))).toBe(
      version(before.catalogue_version) + 1,
    );
  });

  it("refuses a backup taken at migrations this checkout does not have", async () => {
    const { header } = await parseBackup(
      await createBackup(queryOf(env.DB), "test", { secrets: BACKUP_SECRETS }),
      { secrets: BACKUP_SECRETS },
    );
    const applied = (
      await env.RESTORE_DB.prepare("SELECT name FROM d1_migrations ORDER BY id").all<{ name: string }>()
    ).results.map((r) => r.name);
    expect(applied.length).toBe(env.TEST_MIGRATIONS.length);
    // A backup of this database: nothing ahead.
    expect(header.migrations).toEqual(applied);
    expect(migrationsAhead(header, applied)).toEqual([]);
    // The same backup as a newer release would write it.
    const future = { ...header, migrations: [...header.migrations, "0099_future.sql"] };
    expect(migrationsAhead(future, applied)).toEqual(["0099_future.sql"]);
    // And an older checkout (one migration fewer) refuses today's backup, naming the one it lacks.
    expect(migrationsAhead(header, applied.slice(0, -1))).toEqual(applied.slice(-1));
  });

  it("refuses a file that is not a backup", async () => {
    await expect(
      parseBackup("INSERT INTO products VALUES (1);", { secrets: BACKUP_SECRETS }),
    ).rejects.toThrow(/not a caobang-cnnt-backup/);
  });
});
