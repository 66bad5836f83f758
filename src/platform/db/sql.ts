// Writing SQL with drizzle's `sql` on the schema's tables (docs/architecture.md, "Writing a statement"): pure, no
// Workers types, so the seed builder and the Node scripts that import statements (scripts/keys.ts) can use it too,
// toStatement included (the one `prepare`). The db client (client.ts) re-exports it beside what runs statements.
import { type Column, getTableColumns, getTableName, type Query, SQL, sql, type Table } from "drizzle-orm";
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
 * What makes a D1 statement (its type `S`): the request's counted D1, a D1 database or a session. Said
 * structurally, so that scripts/keys.ts, which Node runs without the Workers types, can import the statements.
 */
export interface Prepares<S> {
  prepare(query: string): { bind(...values: unknown[]): S };
}

/**
 * A drizzle `sql` template as a D1 prepared statement (bound), ready for `d1.batch([...])` or `.all()`.
 *
 * @example await toStatement(d1, sql`SELECT ${changes.seq} FROM ${changes} WHERE ${changes.seq} > ${after}`).all()
 */
export function toStatement<S>(d1: Prepares<S>, query: SQL | Query): S {
  const { sql: text, params } = query instanceof SQL ? compile(query) : query;
  return d1.prepare(text).bind(...params);
}

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

/**
 * A fragment without parameters, rendered once when its module loads and read per request as the same text. The
 * names still come from the schema (a renamed column fails to compile), but are not rendered again on every
 * request: drizzle takes ~1.5 µs a column, and the product list names about a hundred (scripts/bench-sql.ts).
 */
export function frozen(fragment: SQL): SQL {
  const { sql: text, params } = compile(fragment);
  if (params.length) throw new Error(`frozen() takes a fragment without parameters: ${text}`);
  return sql.raw(text);
}

/** Every column of a table (or of an alias of one) as a {@link frozen} fragment: `"p"."tier_rank"`. */
export function frozenColumns<T extends Table>(table: T): { [K in keyof T["_"]["columns"]]: SQL } {
  return Object.fromEntries(
    Object.entries(getTableColumns(table)).map(([key, column]) => [key, frozen(sql`${column}`)]),
  ) as { [K in keyof T["_"]["columns"]]: SQL };
}
