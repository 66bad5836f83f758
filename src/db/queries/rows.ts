import { getTableColumns, type SQL, sql, type Table } from "drizzle-orm";

/** Parses a JSON column, falling back when it is empty or malformed. */
export function parseJson<T>(text: string | null | undefined, fallback: T): T {
  if (!text) return fallback;
  try {
    return JSON.parse(text) as T;
  } catch {
    return fallback;
  }
}

const TIER_BY_RANK = [null, "district", "provincial", "regional", "national"] as const;

/** The CNNT-TB tier name of a rank (0 = none). */
export const tierOf = (rank: number) => TIER_BY_RANK[rank] ?? null;

/**
 * A table's columns selected under prefixed aliases. D1 batches return rows as objects keyed by column name,
 * so two joined tables with a same-named column (id, slug, sample…) would overwrite each other; aliasing every
 * joined column keeps them apart while drizzle still decodes JSON and boolean columns.
 */
export function aliased<T extends Table>(table: T, prefix: string) {
  const cols = getTableColumns(table);
  return Object.fromEntries(
    Object.entries(cols).map(([key, col]) => [key, sql`${col}`.mapWith(col).as(`${prefix}_${col.name}`)]),
  ) as { [K in keyof typeof cols]: SQL.Aliased<(typeof cols)[K]["_"]["data"]> };
}
