// Writing SQL with drizzle's `sql` on the schema's tables (docs/architecture.md, "Writing a statement"): pure, no
// Workers types, so the seed builder and the Node scripts that import statements can use it too. The db client
// (client.ts) re-exports it beside what runs statements.
import { type Column, getTableName, type Query, type SQL, sql } from "drizzle-orm";
import { SQLiteAsyncDialect } from "drizzle-orm/sqlite-core";

const dialect = new SQLiteAsyncDialect();

/**
 * Compiles a drizzle `sql` template to its text and bound parameters — the one way raw SQL is written here:
 * values are always `${}` parameters, never spliced text, and a fragment used twice binds its values twice itself.
 *
 * @example compile(sql`SELECT slug FROM products WHERE id = ${id}`) // { sql: "… id = ?", params: [id] }
 */
export const compile = (query: SQL): Query => dialect.sqlToQuery(query);

/**
 * A column's own name, unqualified, for the places SQL takes no table prefix (an INSERT's column list, an UPDATE's
 * SET targets, `excluded.<column>`). Elsewhere write the column itself (`${editors.email}` renders
 * `"editors"."email"`), so a renamed column is a compile error in every statement that names it.
 */
export const bare = (column: Column) => sql.identifier(column.name);
/**
 * A column always with its table (or alias) — `"p"."producer_id"` — for a correlated subquery inside a drizzle
 * builder query over one table: there drizzle writes every column bare, so `${p.producerId} = ${producers.id}`
 * would compare the subquery's own columns.
 */
export const qualified = (column: Column) =>
  sql`${sql.identifier(getTableName(column.table))}.${sql.identifier(column.name)}`;
/** Columns' own names, comma-separated: an INSERT's column list. */
export const bareList = (...columns: Column[]) => sql.join(columns.map(bare), sql`, `);
/** `column = value` with the column's own name, as an UPDATE's SET (or an upsert's DO UPDATE SET) writes it. */
export const assign = (column: Column, value: unknown) => sql`${bare(column)} = ${value}`;
/** The time now, written as the schema's defaults write it (ISO 8601 with milliseconds, UTC). */
export const NOW = sql.raw("strftime('%Y-%m-%dT%H:%M:%fZ','now')");
