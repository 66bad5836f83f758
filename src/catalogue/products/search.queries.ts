import { type SQL, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import { products, searchWords } from "../../platform/db/schema.ts";
import { searchTokens } from "../../platform/lib/fold.ts";

/** The known words, read twice by the typo tier: `k` to ask whether a word is known, `v` for words close to it. */
const k = alias(searchWords, "k");
const v = alias(searchWords, "v");

/**
 * How a shopper's words become a search. Synonyms are in the index already (its `alias` column: the other side of
 * every synonym a product's names or kind name hold, migration 0024), so the words as typed are the query:
 *
 * 1. The words, folded (`searchTokens`), each quoted (user text is never FTS5 syntax).
 * 2. Tier 0: every word must match in the columns a shopper means — names, kind, synonyms, producer, place,
 *    recognitions — ranked by bm25() with names weighted most, then kind and synonyms, producer, place and
 *    recognitions. Only when it finds nothing, the last word as the start of a word ("mien do" finds miến dong
 *    while typing; "tra" finds the teas, not "traditional" cakes beside them).
 * 3. Tier 1, typos, only when tier 0 finds nothing: a word of 4 letters or more (3, beside other words) that no
 *    product's searched columns hold (`search_words`, nor, for the last word, start) also matches the words within
 *    one edit of it (two from 8 letters): Levenshtein distance, checked exactly in SQL from the common prefix and
 *    suffix, two neighbouring letters swapped counting as one. Of several words one at least must match as typed.
 * 4. Tier 2, descriptions: only when the others find nothing, the same words in the descriptions too.
 *
 * `m` (id, rank, tier, and with `include` the illustrative flag `ill`) is what the page and the counts read;
 * `sq_fx.hint` the query with each typo replaced by its best correction ("Did you mean …"). The statement's text
 * depends only on whether a word may be a typo: the words are bound.
 */
export interface SearchPlan {
  /** The folded words searched. */
  tokens: string[];
  /** CTEs ending with `m`, to put after WITH (and before other CTEs reading `m`). */
  ctes: SQL;
  /** Whether some word may be a typo (tier 1 and `sq_hint` exist). */
  typos: boolean;
}

/** Columns a shopper's words are matched in (descriptions only as a fallback). */
const PRIMARY = "{name kind alias producer place award}";
/** bm25 weights of name, kind, alias (synonyms of the names and kind: as good as a name), producer, place, award, description. */
const WEIGHTS = sql.raw("10.0, 6.0, 10.0, 4.0, 2.0, 2.0, 1.0");
/**
 * Corrections tried per word, best first: fewest edits, then one that keeps the first letter (a shopper seldom
 * mistypes it: "mien dng" means dong, not ong), then the word most products hold.
 */
const MAX_FIXES = 6;
/** Longest word corrected (longer ones are names or noise). */
export const MAX_TYPO_LENGTH = 24;

const quote = (t: string) => `"${t.replaceAll('"', '""')}"`;

/** Edits a word may have: none under 4 letters (3 when other words anchor it), one, two from 8 letters. */
export function editsAllowed(word: string, words: number): number {
  if (!/^[a-z]+$/.test(word) || word.length > MAX_TYPO_LENGTH) return 0;
  if (word.length >= 8) return 2;
  if (word.length >= 4 || (word.length === 3 && words > 1)) return 1;
  return 0;
}

/** Positions 1 … MAX_TYPO_LENGTH + 2, to count a common prefix or suffix by (a constant of the statement). */
const POSITIONS = JSON.stringify(Array.from({ length: MAX_TYPO_LENGTH + 2 }, (_, k) => k + 1));
/** Most words of one query corrected (a query of twelve unknown words is noise, not twelve typos). */
const MAX_TYPO_WORDS = 4;

/**
 * The Levenshtein distance between the typed word `t` and the vocabulary word `w` of a row holding `p` (their
 * common prefix's length) and `a`, `b` (the lengths of what differs between them once the common prefix and suffix
 * are taken off), exact up to 2 (larger distances read 9), except that two neighbouring letters swapped count as
 * one. The middles' first letters differ, and so do their last: the distance is max(a, b) when that is at most 2;
 * else 2 exactly when one edit at the front and one at the back (substitute, delete or insert each) leave equal
 * middles; else more.
 */
function distanceSql(): string {
  const ends = [
    [1, 1],
    [1, 0],
    [0, 1],
  ] as const;
  const two = ends
    .flatMap(([fq, fw]) =>
      ends.map(
        ([bq, bw]) =>
          `(a - ${fq + bq} = b - ${fw + bw} AND a - ${fq + bq} >= 0 AND substr(t, p + ${1 + fq}, a - ${fq + bq}) = substr(w, p + ${1 + fw}, b - ${fw + bw}))`,
      ),
    )
    .join(" OR ");
  const swap = `a = 2 AND b = 2 AND substr(t, p + 1, 1) = substr(w, p + 2, 1) AND substr(t, p + 2, 1) = substr(w, p + 1, 1)`;
  return `CASE WHEN ${swap} THEN 1 WHEN max(a, b) <= 2 THEN max(a, b) WHEN d >= 2 AND (${two}) THEN 2 ELSE 9 END`;
}

/**
 * The typo tier's CTEs, ending with `sq_fx`: one row, `x` the MATCH expression with each unknown word OR its
 * corrections (null when none was found), `hint` the query with each unknown word replaced by its best correction.
 * Each CTE is read once, by the next (SQLite copies a WITH table's definition into every place that reads it, and
 * plans every copy: a chain read in several places took 100–500 ms to plan).
 */
const typoCtes = (toks: string) => sql`sq_u(i, t, d, n) AS MATERIALIZED (SELECT i, t, d, length(t) FROM (
        SELECT value ->> 'i' AS i, value ->> 't' AS t, value ->> 'd' AS d, value ->> 'last' AS last FROM json_each(${toks})) q
      WHERE d > 0 AND NOT EXISTS (SELECT 1 FROM ${searchWords} ${k} WHERE ${k.word} = q.t)
        AND NOT (last AND EXISTS (SELECT 1 FROM ${searchWords} ${k} WHERE ${k.word} > q.t AND ${k.word} < q.t || '{'))
      ORDER BY i LIMIT ${sql.raw(String(MAX_TYPO_WORDS))}),
    sq_n(i, t, d, n, w, wn, p, sr) AS MATERIALIZED (SELECT u.i, u.t, u.d, u.n, ${v.word}, ${v.length},
        (SELECT count(*) FROM json_each('${sql.raw(POSITIONS)}') j WHERE substr(${v.word}, 1, j.value) = substr(u.t, 1, j.value)),
        (SELECT count(*) FROM json_each('${sql.raw(POSITIONS)}') j WHERE substr(${v.word}, -j.value) = substr(u.t, -j.value))
      FROM sq_u u JOIN ${searchWords} ${v} ON ${v.length} BETWEEN u.n - u.d AND u.n + u.d AND ${v.word} <> u.t),
    sq_d(i, w, dist, p) AS MATERIALIZED (SELECT i, w, dist, p FROM (SELECT i, w, d, p, ${sql.raw(distanceSql())} AS dist FROM (
        SELECT i, t, d, w, p, n - p - min(sr, min(n, wn) - p) AS a, wn - p - min(sr, min(n, wn) - p) AS b FROM sq_n))
      WHERE dist <= d),
    sq_b(i, alts, best) AS MATERIALIZED (SELECT i, group_concat('"' || w || '"', ' OR '), max(CASE WHEN r = 1 THEN w END) FROM (
        SELECT i, w, row_number() OVER (PARTITION BY i ORDER BY dist, p = 0, docs DESC, w) AS r FROM (
          SELECT i, w, dist, p, (SELECT coalesce(sum(fv.doc), 0) FROM products_fts_vocab fv WHERE fv.term = w AND fv.col <> 'description') AS docs
          FROM sq_d) WHERE docs > 0)
      WHERE r <= ${sql.raw(String(MAX_FIXES))} GROUP BY i),
    sq_fx(x, hint) AS MATERIALIZED (SELECT
        CASE WHEN count(b.i) > 0 AND (count(b.i) < count(*) OR count(*) = 1)
          THEN '${sql.raw(PRIMARY)} : (' || group_concat(CASE WHEN b.i IS NULL THEN t.p ELSE '(' || t.p || ' OR ' || b.alts || ')' END, ' AND ') || ')' END,
        CASE WHEN count(b.i) > 0 THEN group_concat(coalesce(b.best, t.t), ' ') END
      FROM (SELECT value ->> 'i' AS i, value ->> 't' AS t, value ->> 'p' AS p FROM json_each(${toks}) ORDER BY 1) t
        LEFT JOIN sq_b b ON b.i = t.i)`;

/**
 * The search for what a shopper typed, or null when nothing searchable is left (only punctuation or emoji).
 * `include`: illustrative products are matched too (and flagged `ill`); otherwise only real ones.
 */
export function searchPlan(input: string, include: boolean): SearchPlan | null {
  const tokens = searchTokens(input);
  if (tokens.length === 0) return null;
  const n = tokens.length;
  const last = n - 1;
  // Each word as typed (`x`) and, for the last, as the start of a word (`p`; "mien do" while typing).
  const toks = tokens.map((t, i) => ({
    i,
    t,
    x: quote(t),
    p: i === last ? `${quote(t)}*` : quote(t),
    d: editsAllowed(t, n),
    last: i === last ? 1 : 0,
  }));
  const typos = toks.some((w) => w.d > 0);
  const exact = `${PRIMARY} : (${toks.map((w) => w.x).join(" AND ")})`;
  const prefix = `${PRIMARY} : (${toks.map((w) => w.p).join(" AND ")})`;
  const anywhere = `(${toks.map((w) => w.p).join(" AND ")})`;

  const real = sql`SELECT ${products.id} FROM ${products} WHERE (${products.provenance} = 'illustrative') = 0`;
  // `+rowid`: a condition FTS5 must not take as a rowid lookup (it would then run the MATCH once per real product:
  // 1,080 products and a word all of them hold, 0.7 s instead of 5 ms).
  const listed = include ? sql`` : sql` AND +rowid IN (${real})`;
  const found = (expr: SQL) =>
    sql`EXISTS (SELECT 1 FROM products_fts WHERE products_fts MATCH ${expr}${listed})`;
  // A tier reads its MATCH expression from a one-row table that is empty when the tier does not apply (the tiers
  // before it found something): then FTS5 is not asked.
  const tier = (offset: number, t: number, expr: SQL, bonus: SQL = sql``) =>
    sql`SELECT rowid AS id, ${sql.raw(String(offset))} + bm25(products_fts, ${WEIGHTS})${bonus} AS rank, ${sql.raw(String(t))} AS tier FROM (${expr}) AS e CROSS JOIN products_fts WHERE products_fts MATCH e.x${listed}`;
  const json = JSON.stringify(toks);
  // Within tier 0, products that a synonym names by the words as one phrase come first, then those whose names hold
  // it ("sticky rice": gạo nếp, which a synonym names so, before khẩu sli, a "sticky-rice and peanut candy").
  const phrase = (column: string) =>
    sql`(rowid IN (SELECT rowid FROM products_fts WHERE products_fts MATCH ${`${column} : "${tokens.join(" ")}"`}))`;
  const tiers = [
    tier(0, 0, sql`SELECT ${exact} AS x`, sql` - 100 * ${phrase("alias")} - 50 * ${phrase("name")}`),
    tier(500, 0, sql`SELECT ${prefix} AS x WHERE NOT ${found(sql`${exact}`)}`),
    ...(typos
      ? [tier(1000, 1, sql`SELECT x FROM sq_fx WHERE x IS NOT NULL AND NOT ${found(sql`${prefix}`)}`)]
      : []),
    // Descriptions are searched when the words as typed find nothing; their matches are kept only when the typo
    // tier found nothing either (`m` below: asking sq_fx here too would double the statement's planning).
    tier(2000, 2, sql`SELECT ${anywhere} AS x WHERE NOT ${found(sql`${prefix}`)}`),
  ];
  const ill = include ? sql`, h.id NOT IN (${real}) AS ill` : sql``;
  const m = sql`m AS MATERIALIZED (SELECT h.id, h.rank, h.tier${ill} FROM (
      SELECT *, min(tier) OVER () AS first FROM (${sql.join(tiers, sql` UNION ALL `)})) h WHERE h.tier < 2 OR h.first = 2)`;
  return {
    tokens,
    typos,
    ctes: typos
      ? sql`${typoCtes(json)},
    ${m}`
      : m,
  };
}

/**
 * A search's outcome beside its page: how many products each tier found (`exact`: names, kinds, producers, places,
 * recognitions; `typo`: only through a correction; `description`: only in descriptions) and the corrected query
 * when some word looked like a typo (`hint`), as one row of SQL.
 */
export const searchOutcomeSql = (plan: SearchPlan) =>
  sql`SELECT coalesce(sum(m.tier = 0), 0) AS exact, coalesce(sum(m.tier = 1), 0) AS typo, coalesce(sum(m.tier = 2), 0) AS description, ${plan.typos ? sql`(SELECT sq_fx.hint FROM sq_fx)` : sql`NULL`} AS hint FROM m`;
