// Failed searches (issue 26): counted per folded query per day by the queue consumer, listed for editors.
import type { CountedD1 } from "../env.ts";

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

/**
 * Counts failed searches: one upsert per (day, query) with the batch's count, and the counts older than
 * MISS_WINDOW_DAYS removed — one D1 batch, run by the queue consumer after the shoppers' responses.
 */
export function recordMissStatements(d1: CountedD1, misses: SearchMiss[], today: string) {
  const counts = new Map<string, { day: string; query: string; n: number; zero: number }>();
  for (const m of misses) {
    if (!m.query || !/^\d{4}-\d{2}-\d{2}$/.test(m.day)) continue;
    const key = `${m.day} ${m.query}`;
    const c = counts.get(key) ?? { day: m.day, query: m.query.slice(0, 200), n: 0, zero: 0 };
    c.n++;
    if (m.zero) c.zero++;
    counts.set(key, c);
  }
  return [
    ...[...counts.values()].map((c) =>
      d1
        .prepare(
          `INSERT INTO search_misses (day, query, n, zero) VALUES (?1, ?2, ?3, ?4)
           ON CONFLICT (day, query) DO UPDATE SET n = n + excluded.n, zero = zero + excluded.zero`,
        )
        .bind(c.day, c.query, c.n, c.zero),
    ),
    d1.prepare("DELETE FROM search_misses WHERE day < date(?1, ?2)").bind(today, `-${MISS_WINDOW_DAYS} days`),
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
  return d1
    .prepare(
      `SELECT query, sum(n) AS searches, sum(zero) AS found_nothing, max(day) AS last_day FROM search_misses
       WHERE day >= date(?1, ?2) GROUP BY query HAVING sum(n) >= ?3 ORDER BY searches DESC, query LIMIT ?4`,
    )
    .bind(today, `-${MISS_WINDOW_DAYS} days`, MISS_THRESHOLD, limit);
}

/** Today's UTC day, YYYY-MM-DD. */
export const utcDay = (now = new Date()) => now.toISOString().slice(0, 10);
