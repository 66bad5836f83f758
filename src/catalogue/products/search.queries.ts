import { type SQL, sql } from "drizzle-orm";
import { searchTokens } from "../../platform/lib/fold.ts";

/**
 * How a shopper's words become a search, in SQL, so that the synonyms and the vocabulary (data in D1) shape the
 * query in the same round trip that runs it:
 *
 * 1. The words, folded (`searchTokens`), each quoted (user text is never FTS5 syntax).
 * 2. Synonyms (`search_synonyms`, both ways, one step: never a chain): every run of up to four words the table
 *    names is matched as itself OR each synonym ("lap xuong" → lạp sườn; "che" → trà). Overlapping runs: the longer
 *    (then the earlier) one wins.
 * 3. Tier 0: every word must match in the columns a shopper means — names, kind, producer, place, recognitions —
 *    ranked by bm25() with names weighted most, then kind, producer, place and recognitions.
 * 4. Tier 1, typos: a word of 4 letters or more (3, beside other words) that is no word of the index (nor, for the
 *    last, the start of one) also matches the index's words within one edit (two from 8 letters): Levenshtein
 *    distance, checked exactly in SQL from the common prefix and suffix ({@link distanceSql}). Of several words one
 *    at least must match as typed. Ranked below tier 0.
 *    Tier 0.5 (`mp`), only when tier 0 finds nothing: the last word as the start of a word ("mien do" finds miến
 *    dong while typing; "tra" finds the teas, not "traditional" cakes beside them).
 * 5. Tier 2, descriptions: only when the others find nothing, the same words in the descriptions too.
 *
 * `m` (id, rank, and with `include` the illustrative flag `ill`) is what the page and the counts read; `sq_hint`
 * the query with each typo replaced by its best correction ("Did you mean …"), `m0`/`mp`/`m1`/`m2` the tiers.
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
const PRIMARY = "{name kind producer place award}";
/** bm25 weights of name, kind, producer, place, award, description. */
const WEIGHTS = sql.raw("10.0, 6.0, 4.0, 2.0, 2.0, 1.0");
/** Longest run of words a synonym may name. */
const MAX_SPAN = 4;
/** Corrections tried per word, best first (fewest edits, then the word most products hold). */
const MAX_FIXES = 6;
/** Longest word corrected (longer ones are names or noise; the check's SQL grows with the length). */
const MAX_TYPO_LENGTH = 24;

/**
 * SELECTs as one UNION ALL, nested in groups: D1 refuses a compound SELECT of more than 5 terms (SQLite's
 * SQLITE_LIMIT_COMPOUND_SELECT, lowered), and a query may have 12 words that each may be a typo.
 */
function unionAll(selects: SQL[]): SQL {
  if (selects.length <= 5) return sql.join(selects, sql` UNION ALL `);
  const groups = Array.from({ length: Math.ceil(selects.length / 5) }, (_, g) =>
    selects.slice(g * 5, g * 5 + 5),
  );
  return unionAll(groups.map((g) => sql`SELECT * FROM (${sql.join(g, sql` UNION ALL `)})`));
}

const quote = (t: string) => `"${t.replaceAll('"', '""')}"`;

/** Edits a word may have: none under 4 letters (3 when other words anchor it), one, two from 8 letters. */
export function editsAllowed(word: string, words: number): number {
  if (!/^[a-z]+$/.test(word) || word.length > MAX_TYPO_LENGTH) return 0;
  if (word.length >= 8) return 2;
  if (word.length >= 4 || (word.length === 3 && words > 1)) return 1;
  return 0;
}

/**
 * The Levenshtein distance between `t` (a word of the query, [a-z]+, inlined: it is checked above) and the column
 * `term`, as SQL, exact up to 2 (larger distances read 9), except that two neighbouring letters swapped count as one. With p the common prefix and s the common suffix (not
 * overlapping it), the distance is that of the middles q' (length a) and w' (b), whose first and last letters
 * differ: max(a, b) when that is at most 2; else 2 exactly when one edit at the front and one at the back
 * (substitute, delete or insert each) leave equal middles; else more.
 */
export function distanceSql(i: number, t: string, d: number, known = "0"): { ctes: SQL; select: SQL } {
  const L = t.length;
  const prefix = Array.from({ length: L }, (_, k) => `(substr(term, 1, ${k + 1}) = '${t.slice(0, k + 1)}')`);
  const suffix = Array.from({ length: L }, (_, k) => `(substr(term, -${k + 1}) = '${t.slice(L - k - 1)}')`);
  const ends = [
    [1, 1],
    [1, 0],
    [0, 1],
  ] as const;
  const combos = ends.flatMap(([fq, fw]) =>
    ends.map(
      ([bq, bw]) =>
        `(a - ${fq + bq} = b - ${fw + bw} AND a - ${fq + bq} >= 0 AND substr('${t}', p + ${1 + fq}, a - ${fq + bq}) = substr(term, p + ${1 + fw}, b - ${fw + bw}))`,
    ),
  );
  const two = d >= 2 ? `WHEN ${combos.join(" OR ")} THEN 2 ` : "";
  // Two neighbouring letters swapped ("mein" for "mien") count as one edit.
  const swap = `a = 2 AND b = 2 AND substr('${t}', p + 1, 1) = substr(term, p + 2, 1) AND substr('${t}', p + 2, 1) = substr(term, p + 1, 1)`;
  // Each step materialized: flattened, SQLite would copy p and s into every use (a statement that took 11 ms to
  // prepare for a 9-letter word).
  return {
    ctes: sql.raw(`sq_p${i} AS MATERIALIZED (SELECT term, docs, ${prefix.join(" + ")} AS p, ${suffix.join(" + ")} AS sr
        FROM sq_voc WHERE length(term) BETWEEN ${L - d} AND ${L + d} AND term <> '${t}' AND NOT (${known})),
      sq_ab${i} AS MATERIALIZED (SELECT term, docs, p, ${L} - p - min(sr, min(${L}, length(term)) - p) AS a,
        length(term) - p - min(sr, min(${L}, length(term)) - p) AS b FROM sq_p${i})`),
    select: sql.raw(
      `SELECT term, docs, CASE WHEN ${swap} THEN 1 WHEN max(a, b) <= 2 THEN max(a, b) ${two}ELSE 9 END AS dist FROM sq_ab${i}`,
    ),
  };
}

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
  const toks = tokens.map((t, i) => ({ i, t, x: quote(t), p: i === last ? `${quote(t)}*` : quote(t) }));
  const spans = tokens.flatMap((_, s) =>
    Array.from({ length: Math.min(MAX_SPAN, n - s) }, (_, k) => {
      const words = toks.slice(s, s + k + 1);
      return {
        s,
        n: k + 1,
        k: words.map((w) => w.t).join(" "),
        b: words.length === 1 ? words[0]?.x : `(${words.map((w) => w.x).join(" AND ")})`,
        bp: words.length === 1 ? words[0]?.p : `(${words.map((w) => w.p).join(" AND ")})`,
      };
    }),
  );
  const typo = toks.map((w) => ({ ...w, d: editsAllowed(w.t, n) })).filter((w) => w.d > 0);

  const real = sql`SELECT id FROM products WHERE (provenance = 'illustrative') = 0`;
  // `+rowid`: a condition FTS5 must not take as a rowid lookup (it would then run the MATCH once per real product:
  // 1,080 products and a word all of them hold, 0.7 s instead of 5 ms).
  const listed = include ? sql`` : sql` AND +rowid IN (${real})`;
  // A tier reads its MATCH expression from a one-row CTE (none when the tier does not apply: then FTS5 is not asked).
  const tier = (expr: SQL, offset: number, extra: SQL = sql``) =>
    sql`SELECT rowid AS id, ${sql.raw(String(offset))} + bm25(products_fts, ${WEIGHTS}) AS rank FROM (${expr}) AS e CROSS JOIN products_fts WHERE products_fts MATCH e.x${listed}${extra}`;
  const ordered = (col: string) => sql.raw(`(SELECT ${col} AS g FROM sq_grp ORDER BY i)`);

  const base = sql`sq_tok(i, t, x, p) AS (SELECT value ->> 'i', value ->> 't', value ->> 'x', value ->> 'p' FROM json_each(${JSON.stringify(toks)})),
    sq_span(s, n, k, b, bp) AS (SELECT value ->> 's', value ->> 'n', value ->> 'k', value ->> 'b', value ->> 'bp' FROM json_each(${JSON.stringify(spans)})),
    sq_syn(s, n, b, bp, alt) AS MATERIALIZED (
      SELECT sp.s, sp.n, sp.b, sp.bp, y.synonym_key FROM sq_span sp JOIN search_synonyms y ON y.term_key = sp.k
      UNION SELECT sp.s, sp.n, sp.b, sp.bp, y.term_key FROM sq_span sp JOIN search_synonyms y ON y.synonym_key = sp.k),
    sq_pick(s, n, b, bp) AS MATERIALIZED (SELECT DISTINCT s, n, b, bp FROM sq_syn h WHERE NOT EXISTS (SELECT 1 FROM sq_syn o
      WHERE o.s < h.s + h.n AND h.s < o.s + o.n AND (o.n > h.n OR (o.n = h.n AND o.s < h.s)))),
    sq_alt(s, n, a) AS MATERIALIZED (SELECT c.s, c.n, (SELECT group_concat('"' || alt || '"', ' OR ')
        FROM (SELECT DISTINCT alt FROM sq_syn y WHERE y.s = c.s AND y.n = c.n)) FROM sq_pick c),
    sq_grp(i, span, g, gp) AS MATERIALIZED (
      SELECT c.s, 1, '(' || c.b || ' OR ' || a.a || ')', '(' || c.bp || ' OR ' || a.a || ')'
        FROM sq_pick c JOIN sq_alt a ON a.s = c.s AND a.n = c.n
      UNION ALL SELECT t.i, 0, t.x, t.p FROM sq_tok t WHERE NOT EXISTS (SELECT 1 FROM sq_pick c WHERE t.i >= c.s AND t.i < c.s + c.n)),
    sq_ex(x) AS MATERIALIZED (SELECT ${sql.raw(`'${PRIMARY} : (' || group_concat(g, ' AND ') || ')'`)} FROM ${ordered("g")}),
    sq_px(x) AS MATERIALIZED (SELECT ${sql.raw(`'${PRIMARY} : (' || group_concat(g, ' AND ') || ')'`)} FROM ${ordered("gp")}),
    sq_dx(x) AS MATERIALIZED (SELECT '(' || group_concat(g, ' AND ') || ')' FROM ${ordered("gp")}),
    m0 AS MATERIALIZED (${tier(sql`SELECT x FROM sq_ex`, 0)}),
    mp AS MATERIALIZED (${tier(sql`SELECT x FROM sq_px WHERE NOT EXISTS (SELECT 1 FROM m0)`, 500)})`;

  // Typos: the index's words (fts5vocab, read by a term range: digits and descriptions left out) and the synonyms'.
  // Read only when the words as typed match nothing (every word a known one otherwise: nothing to correct).
  const fixes = typo.map((w) => {
    const known =
      w.i === last ? `k.term = '${w.t}' OR (k.term > '${w.t}' AND k.term < '${w.t}{')` : `k.term = '${w.t}'`;
    // A word the index holds (or, last, starts) is no typo: its candidates are not even computed.
    const distance = distanceSql(w.i, w.t, w.d, `EXISTS (SELECT 1 FROM sq_voc k WHERE ${known})`);
    return {
      ctes: distance.ctes,
      select: sql`SELECT ${sql.raw(String(w.i))} AS i, term AS w, dist, docs FROM (${distance.select})
      WHERE dist <= ${sql.raw(String(w.d))}`,
    };
  });
  // Of several words, one at least must match as typed: correcting every word finds noise ("duong phen" → "dong
  // phan" found a mushroom).
  const anchored = n > 1 ? ` AND (SELECT count(DISTINCT i) FROM sq_best) < ${n}` : "";
  const typos = typo.length
    ? sql`,
    sq_voc(term, docs) AS MATERIALIZED (SELECT term, max(docs) FROM (
        SELECT term, sum(doc) AS docs FROM products_fts_vocab
        WHERE term >= 'a' AND term < '{' AND col <> 'description' AND NOT EXISTS (SELECT 1 FROM m0) GROUP BY term
        UNION ALL SELECT w.value, 0 FROM search_synonyms y, json_each('["' || replace(y.term_key || ' ' || y.synonym_key, ' ', '","') || '"]') w
        WHERE NOT EXISTS (SELECT 1 FROM m0))
      GROUP BY term),
    ${sql.join(
      fixes.map((f) => f.ctes),
      sql`, `,
    )},
    sq_fix(i, w, dist, docs) AS MATERIALIZED (${unionAll(fixes.map((f) => f.select))}),
    sq_best(i, w, dist, docs) AS MATERIALIZED (SELECT i, w, dist, docs FROM (
      SELECT *, row_number() OVER (PARTITION BY i ORDER BY dist, docs DESC, w) AS r FROM sq_fix) WHERE r <= ${sql.raw(String(MAX_FIXES))}),
    sq_fx(x) AS MATERIALIZED (SELECT x FROM (SELECT ${sql.raw(`'${PRIMARY} : (' || group_concat(g, ' AND ') || ')'`)} AS x FROM (
        SELECT CASE WHEN gr.span = 0 AND EXISTS (SELECT 1 FROM sq_best b WHERE b.i = gr.i)
          THEN '(' || gr.gp || ' OR ' || (SELECT group_concat(a, ' OR ') FROM (
            SELECT '"' || b.w || '"' AS a FROM sq_best b WHERE b.i = gr.i
            UNION SELECT '"' || y.synonym_key || '"' FROM sq_best b JOIN search_synonyms y ON y.term_key = b.w WHERE b.i = gr.i
            UNION SELECT '"' || y.term_key || '"' FROM sq_best b JOIN search_synonyms y ON y.synonym_key = b.w WHERE b.i = gr.i)) || ')'
          ELSE gr.gp END AS g
        FROM sq_grp gr ORDER BY gr.i)) WHERE EXISTS (SELECT 1 FROM sq_best)${sql.raw(anchored)}),
    sq_hint(x) AS (SELECT group_concat(coalesce((SELECT w FROM sq_best b WHERE b.i = t.i ORDER BY dist, docs DESC, w LIMIT 1), t.t), ' ')
      FROM (SELECT * FROM sq_tok ORDER BY i) t WHERE EXISTS (SELECT 1 FROM sq_best)),
    m1 AS MATERIALIZED (${tier(sql`SELECT x FROM sq_fx`, 1000, sql` AND rowid NOT IN (SELECT id FROM m0 UNION ALL SELECT id FROM mp)`)})`
    : sql``;
  const none = sql.raw(
    typo.length
      ? "NOT EXISTS (SELECT 1 FROM m0) AND NOT EXISTS (SELECT 1 FROM mp) AND NOT EXISTS (SELECT 1 FROM m1)"
      : "NOT EXISTS (SELECT 1 FROM m0) AND NOT EXISTS (SELECT 1 FROM mp)",
  );
  const ill = include ? sql`, id NOT IN (${real}) AS ill` : sql``;
  const tiers = typo.length
    ? sql`SELECT * FROM m0 UNION ALL SELECT * FROM mp UNION ALL SELECT * FROM m1 UNION ALL SELECT * FROM m2`
    : sql`SELECT * FROM m0 UNION ALL SELECT * FROM mp UNION ALL SELECT * FROM m2`;
  const ctes = sql`${base}${typos},
    m2 AS MATERIALIZED (${tier(sql`SELECT x FROM sq_dx WHERE ${none}`, 2000)}),
    m AS MATERIALIZED (SELECT id, rank${ill} FROM (${tiers}))`;
  return { tokens, ctes, typos: typo.length > 0 };
}

/**
 * A search's outcome beside its page: how many products each tier found (`exact`: names, kinds, producers, places,
 * recognitions; `typo`: only through a correction; `description`: only in descriptions) and the corrected query
 * when some word looked like a typo (`hint`), as one row of SQL.
 */
export const searchOutcomeSql = (plan: SearchPlan) =>
  sql.raw(
    `SELECT (SELECT count(*) FROM m0) + (SELECT count(*) FROM mp) AS exact, ${plan.typos ? "(SELECT count(*) FROM m1)" : "0"} AS typo, (SELECT count(*) FROM m2) AS description, ${plan.typos ? "(SELECT x FROM sq_hint)" : "NULL"} AS hint`,
  );
