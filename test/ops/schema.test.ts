// The drizzle schema is the truth for migrations (issue 21): `drizzle-kit generate` diffs schema.ts against its last
// snapshot, so a schema.ts that says something other than what the migrations built makes the next generated
// migration wrong (it once re-created tables that existed). This test reads the database the real migrations
// built and compares every table, column (type, not-null, default, primary key), index and foreign key with what
// drizzle's table definitions declare. FTS5 tables and triggers live only in SQL migrations (drizzle has no model for
// them) and are left out; docs/architecture.md, "Migrations", says how to add a migration.
import { env } from "cloudflare:workers";
import { is, SQL } from "drizzle-orm";
import { getTableConfig, SQLiteSyncDialect, SQLiteTable } from "drizzle-orm/sqlite-core";
import { describe, expect, it } from "vitest";
import drizzleConfig from "../../drizzle.config.ts?raw";
import * as schema from "../../src/platform/db/schema.ts";
import * as derived from "../../src/platform/db/schema-derived.ts";

/** The files imported below: drizzle-kit must read the same ones (drizzle.config.ts), or it generates from others. */
const SCHEMA_FILES = ["src/platform/db/schema/*.ts", "src/platform/db/schema-derived.ts"];
const areas = import.meta.glob("../../src/platform/db/schema/*.ts", { eager: true }) as Record<
  string,
  object
>;

const db = env.DB;
const dialect = new SQLiteSyncDialect();

const tablesOf = (values: unknown[]) => values.filter((v): v is SQLiteTable => is(v, SQLiteTable));
const drizzleTables = tablesOf([
  ...Object.values(areas).flatMap((m) => Object.values(m)),
  ...Object.values(derived),
]);

interface ColumnShape {
  name: string;
  type: string;
  notNull: boolean;
  default: string | null;
  /** 1-based position in the primary key, 0 when not part of it. */
  pk: number;
  autoincrement: boolean;
}
interface IndexShape {
  name: string;
  unique: boolean;
  columns: string[];
  where: string | null;
}
interface ForeignKeyShape {
  columns: string[];
  table: string;
  to: string[];
  onUpdate: string;
  onDelete: string;
}
interface TableShape {
  columns: ColumnShape[];
  indexes: IndexShape[];
  foreignKeys: ForeignKeyShape[];
}

/**
 * SQL text compared without identifier quotes, spacing or keyword case: `"tier_rank" DESC` and `` `tier_rank` desc ``
 * are one; string literals are kept as written (`'%Y'` and `'%y'` differ).
 */
const norm = (s: string) =>
  s
    .split(/('(?:[^']|'')*')/)
    .map((part, i) =>
      i % 2
        ? part
        : part
            .replace(/[`"]/g, "")
            .replace(/\s+/g, " ")
            .replace(/\s*([(),=<>])\s*/g, "$1")
            .toLowerCase(),
    )
    .join("")
    .trim();

/** Splits `a, (b = 'x'), c DESC` at its top-level commas. */
function splitTopLevel(list: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let quote: string | null = null;
  let start = 0;
  for (let i = 0; i < list.length; i++) {
    const ch = list[i];
    if (quote) {
      if (ch === quote) quote = null;
    } else if (ch === "'" || ch === '"' || ch === "`") quote = ch;
    else if (ch === "(") depth++;
    else if (ch === ")") depth--;
    else if (ch === "," && depth === 0) {
      parts.push(list.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(list.slice(start));
  return parts.map((p) => p.trim());
}

/** How drizzle-kit writes a column's default into a migration (its SQLite serializer's rules). */
function drizzleDefault(value: unknown): string | null {
  if (value === undefined) return null;
  if (is(value, SQL)) return dialect.sqlToQuery(value).sql;
  if (typeof value === "string") return `'${value.replaceAll("'", "''")}'`;
  if (typeof value === "object") return `'${JSON.stringify(value)}'`;
  return String(value);
}

/** A default as SQLite keeps it, compared without the parentheses drizzle-kit puts around an expression. */
const normDefault = (d: string | null) => (d === null ? null : norm(d).replace(/^\((.*)\)$/, "$1"));

const sortIndexes = (xs: IndexShape[]) => xs.sort((a, b) => a.name.localeCompare(b.name));
const sortKeys = (xs: ForeignKeyShape[]) =>
  xs.sort((a, b) => `${a.table}:${a.columns}`.localeCompare(`${b.table}:${b.columns}`));

function declared(table: SQLiteTable): TableShape {
  const config = getTableConfig(table);
  const compositePk = config.primaryKeys[0]?.columns.map((c) => c.name) ?? [];
  const columns = config.columns
    .map((c) => ({
      name: c.name,
      type: c.getSQLType().toLowerCase(),
      notNull: c.notNull,
      default: normDefault(drizzleDefault(c.default)),
      pk: c.primary ? 1 : compositePk.indexOf(c.name) + 1,
      autoincrement: Boolean((c as { autoIncrement?: boolean }).autoIncrement),
    }))
    .sort((a, b) => a.name.localeCompare(b.name));
  const indexes = config.indexes.map((ix) => ({
    name: ix.config.name,
    unique: ix.config.unique,
    columns: ix.config.columns.map((c) => (is(c, SQL) ? norm(dialect.sqlToQuery(c, "indexes").sql) : c.name)),
    where: ix.config.where ? norm(dialect.sqlToQuery(ix.config.where, "indexes").sql) : null,
  }));
  // A UNIQUE constraint's index is named by SQLite (sqlite_autoindex_…), so it is known by its columns.
  for (const u of config.uniqueConstraints) {
    const columns = u.columns.map((c) => c.name);
    indexes.push({
      name: `unique(${columns})`,
      unique: true,
      columns,
      where: null,
    });
  }
  const foreignKeys = config.foreignKeys.map((fk) => {
    const ref = fk.reference();
    return {
      columns: ref.columns.map((c) => c.name),
      table: getTableConfig(ref.foreignTable).name,
      to: ref.foreignColumns.map((c) => c.name),
      onUpdate: fk.onUpdate ?? "no action",
      onDelete: fk.onDelete ?? "no action",
    };
  });
  return { columns, indexes: sortIndexes(indexes), foreignKeys: sortKeys(foreignKeys) };
}

type Row = Record<string, unknown>;
const all = async (query: string, ...params: unknown[]) =>
  (
    await db
      .prepare(query)
      .bind(...params)
      .all<Row>()
  ).results;

async function migrated(name: string, createSql: string): Promise<TableShape> {
  const autoincrement = /`?(\w+)`?\s+integer\s+primary\s+key\s+autoincrement/i.exec(createSql)?.[1];
  const columns = (await all("SELECT * FROM pragma_table_info(?)", name))
    .map((c) => ({
      name: String(c.name),
      type: String(c.type).toLowerCase(),
      notNull: c.notnull === 1,
      default: normDefault(c.dflt_value as string | null),
      pk: Number(c.pk),
      autoincrement: c.name === autoincrement,
    }))
    .sort((a, b) => a.name.localeCompare(b.name));

  const indexes: IndexShape[] = [];
  // Indexes SQLite makes for a primary key (origin "pk") are the primary key, compared with the columns above.
  for (const ix of await all("SELECT * FROM pragma_index_list(?) WHERE origin <> 'pk'", name)) {
    const ixName = String(ix.name);
    const keys = await all("SELECT * FROM pragma_index_xinfo(?) WHERE key = 1 ORDER BY seqno", ixName);
    const sqlText = (await all("SELECT sql FROM sqlite_master WHERE type = 'index' AND name = ?", ixName))[0]
      ?.sql as string | null;
    // The column list and WHERE of `CREATE [UNIQUE] INDEX name ON table (list) [WHERE …]`, for expressions.
    const m = sqlText
      ? /\bON\s+[`"]?\w+[`"]?\s*\(([\s\S]*?)\)\s*(?:WHERE\s+([\s\S]*))?$/i.exec(sqlText)
      : null;
    const written = m?.[1] ? splitTopLevel(m[1]) : [];
    const columns = keys.map((k, i) =>
      Number(k.cid) === -2 ? norm(written[i] ?? "?") : `${k.name}${k.desc === 1 ? " desc" : ""}`,
    );
    indexes.push({
      name: ix.origin === "u" ? `unique(${columns})` : ixName,
      unique: ix.unique === 1,
      columns,
      where: m?.[2] ? norm(m[2]) : null,
    });
  }

  const byId = new Map<number, ForeignKeyShape>();
  for (const fk of await all("SELECT * FROM pragma_foreign_key_list(?) ORDER BY id, seq", name)) {
    const id = Number(fk.id);
    const key = byId.get(id) ?? {
      columns: [],
      table: String(fk.table),
      to: [],
      onUpdate: String(fk.on_update).toLowerCase(),
      onDelete: String(fk.on_delete).toLowerCase(),
    };
    key.columns.push(String(fk.from));
    key.to.push(String(fk.to));
    byId.set(id, key);
  }
  return { columns, indexes: sortIndexes(indexes), foreignKeys: sortKeys([...byId.values()]) };
}

/**
 * Tables the migrations make that drizzle does not model: FTS5 virtual tables (migration 0001) and the shadow
 * tables SQLite keeps for them; SQLite's, D1's and the migration runner's own tables.
 */
async function migratedTables() {
  const rows = await all("SELECT name, sql FROM sqlite_master WHERE type = 'table'");
  const virtual = rows.filter((r) => /^CREATE VIRTUAL TABLE/i.test(String(r.sql))).map((r) => String(r.name));
  const outside = (name: string) =>
    name.startsWith("sqlite_") ||
    name.startsWith("_cf_") ||
    name === "d1_migrations" ||
    virtual.some((v) => name === v || name.startsWith(`${v}_`));
  return {
    virtual,
    tables: new Map(rows.filter((r) => !outside(String(r.name))).map((r) => [String(r.name), String(r.sql)])),
  };
}

describe("schema.ts describes the migrated database", async () => {
  const { virtual, tables } = await migratedTables();

  it("is the schema drizzle-kit generates from", () => {
    const listed = /schema:\s*\[([^\]]*)\]/.exec(drizzleConfig)?.[1] ?? "";
    expect([...listed.matchAll(/"(?:\.\/)?([^"]+)"/g)].map((m) => m[1])).toEqual(SCHEMA_FILES);
    // The Worker's drizzle takes schema.ts, which must re-export every table of the areas drizzle-kit reads.
    const name = (t: SQLiteTable) => getTableConfig(t).name;
    expect(tablesOf(Object.values(schema)).map(name).sort()).toEqual(
      tablesOf(Object.values(areas).flatMap((m) => Object.values(m)))
        .map(name)
        .sort(),
    );
  });

  it("has the same tables (FTS5 virtual tables stay in SQL)", () => {
    expect(drizzleTables.map((t) => getTableConfig(t).name).sort()).toEqual([...tables.keys()].sort());
    expect(virtual).toEqual(["products_fts", "products_fts_vocab", "search_fold", "search_fold_vocab"]);
  });

  it.each(drizzleTables.map((t) => [getTableConfig(t).name, t] as const))(
    "%s: columns, indexes and foreign keys",
    async (name, table) => {
      const createSql = tables.get(name);
      expect(createSql, `${name} exists in the migrated database`).toBeDefined();
      expect(
        await migrated(name, createSql ?? ""),
        "the migrated database (received) against schema.ts (expected)",
      ).toEqual(declared(table));
    },
  );
});
