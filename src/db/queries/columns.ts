import { type Column, type GetColumnData, type SQL, sql } from "drizzle-orm";

/**
 * Columns of a joined table, each selected under its own alias (`prefix__column`, so it meets no real column such as `channel_id`). D1 returns batch rows as
 * objects keyed by column name, so the `id`, `slug` or `sample` of two joined tables collapse into one key and
 * drizzle's batch mapping then reads every later value from the wrong column. Unique aliases keep them apart;
 * each value is still decoded by its column (JSON, booleans).
 *
 * @example db.select({ ...getTableColumns(listings), channel: aliased("channel", getTableColumns(channels)) })
 */
export function aliased<T extends Record<string, Column>>(
  prefix: string,
  columns: T,
): { [K in keyof T]: SQL.Aliased<GetColumnData<T[K]>> } {
  return Object.fromEntries(
    Object.entries(columns).map(([key, column]) => [
      key,
      sql`${column}`.mapWith(column).as(`${prefix}__${column.name}`),
    ]),
  ) as { [K in keyof T]: SQL.Aliased<GetColumnData<T[K]>> };
}
