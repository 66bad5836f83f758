// Failed searches (issue 26): counted per folded query per day by the queue consumer, listed for editors.
import { sql } from "drizzle-orm";
import type { CountedD1 } from "../env.ts";
import { assign, bare, bareList, toStatement } from "./client.ts";
import { searchMisses } from "./schema.ts";

/** Searches of a query (over MISS_WINDOW_DAYS) before editors see it: a one-off typed name never shows. */
export const MISS_THRESHOLD = 3;
/** Days of failed searches editors see; older counts are deleted. */
export const MISS_WINDOW_DAYS = 90;

/** One search that found nothing or few (a queue message; no address, no cookie, no person: words and a day). */
export interface SearchMiss {
  /** UTC day, YYYY-MM-DD. */
  day: string;
  /** The words searched, folded (SearchInfo.words). */
  query: string;
  /** It found nothing at all. */
  zero: boolean;
}

const m = searchMisses;
/** The first day counted in the window that ends `today`. */
const windowStart = (today: string) => sql`date(${today}, ${`-${MISS_WINDOW_DAYS} days`})`;
/** `column = column + excluded.column`: an upsert adds the batch's count to the day's. */
const added = (column: typeof m.n | typeof m.zero) =>
  assign(column, sql`${column} + excluded.${bare(column)}`);

/**
 * Counts failed searches: one upsert per (day, query) with the batch's count, and the counts older than
 * MISS_WINDOW_DAYS removed — one D1 batch, run by the queue consumer after the shoppers' responses.
 */
export function recordMissStatements(d1: CountedD1, misses: SearchMiss[], today: string) {
  const counts = new Map<string, { day: string; query: string; n: number; zero: number }>();
  for (const miss of misses) {
    if (!miss.query || !/^\d{4}-\d{2}-\d{2}$/.test(miss.day)) continue;
    const key = `${miss.day} ${miss.query}`;
    const c = counts.get(key) ?? { day: miss.day, query: miss.query.slice(0, 200), n: 0, zero: 0 };
    c.n++;
    if (miss.zero) c.zero++;
    counts.set(key, c);
  }
  return [
    ...[...counts.values()].map((c) =>
      toStatement(
        d1,
        sql`INSERT INTO ${m} (${bareList(m.day, m.query, m.n, m.zero)}) VALUES (${c.day}, ${c.query}, ${c.n}, ${c.zero})
ON CONFLICT (${bareList(m.day, m.query)}) DO UPDATE SET ${added(m.n)}, ${added(m.zero)}`,
      ),
    ),
    toStatement(d1, sql`DELETE FROM ${m} WHERE ${m.day} < ${windowStart(today)}`),
  ];
}

export interface MissRow {
  query: string;
  searches: number;
  found_nothing: number;
  last_day: string;
}

/** The failed searches editors see: searched at least MISS_THRESHOLD times in the window, most searched first. */
export function listMissesStatement(d1: CountedD1, today: string, limit = 100) {
  return toStatement(
    d1,
    sql`SELECT ${m.query}, sum(${m.n}) AS searches, sum(${m.zero}) AS found_nothing, max(${m.day}) AS last_day FROM ${m}
WHERE ${m.day} >= ${windowStart(today)} GROUP BY ${m.query} HAVING sum(${m.n}) >= ${MISS_THRESHOLD}
ORDER BY searches DESC, ${m.query} LIMIT ${limit}`,
  );
}

/** Today's UTC day, YYYY-MM-DD. */
export const utcDay = (now = new Date()) => now.toISOString().slice(0, 10);
