import { sql } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import { bareList, toStatement } from "../../platform/db/client.ts";
import { kinds, searchSynonyms as s } from "../../platform/db/schema.ts";
import type { CountedD1 } from "../../platform/env.ts";
import { searchTokens } from "../../platform/lib/fold.ts";

/** Longest synonym side, in characters. */
export const MAX_SYNONYM_LENGTH = 60;

export interface SynonymRow {
  id: number;
  term: string;
  synonym: string;
  created_at: string;
}

export const listSynonymsStatement = (d1: CountedD1) =>
  toStatement(
    d1,
    sql`SELECT ${s.id}, ${s.term}, ${s.synonym}, ${s.createdAt} FROM ${s} ORDER BY ${s.termKey}, ${s.synonymKey}`,
  );

/** A synonym's key as the search compares it: folded words, one space apart ("Lạp  Xưởng" → "lap xuong"). */
export const synonymKey = (text: string) => searchTokens(text).join(" ");

/** Why a synonym cannot be added, in the field's words; null when it can. */
export function synonymProblem(term: string, synonym: string): { name: string; reason: string } | null {
  for (const [name, v] of [
    ["term", term],
    ["synonym", synonym],
  ] as const) {
    if (v.trim().length > MAX_SYNONYM_LENGTH)
      return { name, reason: `at most ${MAX_SYNONYM_LENGTH} characters` };
    if (synonymKey(v) === "") return { name, reason: "holds no letter or digit" };
  }
  if (synonymKey(term) === synonymKey(synonym))
    return { name: "synonym", reason: "is the same word as the term once accents are set aside" };
  return null;
}

/**
 * Whether a synonym may be added: `clash` when the two sides name two different product kinds (a synonym never
 * merges distinct products: bún and miến), `taken` when the pair exists either way round.
 */
export function synonymCheckStatement(d1: CountedD1, term: string, synonym: string) {
  const [a, b] = [synonymKey(term), synonymKey(synonym)];
  return toStatement(
    d1,
    sql`SELECT (${kindClash(a, b)}) AS clash, EXISTS (${pairOf(a, b)}) AS taken FROM (SELECT ${term}, ${synonym})`,
  );
}

/**
 * Adds a synonym as written (keys folded), unless taken or clashing meanwhile (the same conditions as
 * {@link synonymCheckStatement}); RETURNING the row (none when refused).
 */
export function insertSynonymStatement(d1: CountedD1, term: string, synonym: string) {
  const [a, b] = [synonymKey(term), synonymKey(synonym)];
  return toStatement(
    d1,
    sql`INSERT INTO ${s} (${bareList(s.term, s.synonym, s.termKey, s.synonymKey)})
       SELECT ${term.trim()}, ${synonym.trim()}, ${a}, ${b}
       WHERE NOT EXISTS (${pairOf(a, b)}) AND NOT (${kindClash(a, b)})
       RETURNING ${bareList(s.id, s.term, s.synonym, s.createdAt)}`,
  );
}

/** The synonym row of the pair of keys, either way round. */
const pairOf = (a: string, b: string) =>
  sql`SELECT 1 FROM ${s} WHERE (${s.termKey} = ${a} AND ${s.synonymKey} = ${b}) OR (${s.termKey} = ${b} AND ${s.synonymKey} = ${a})`;

const [k1, k2, k3] = [alias(kinds, "k1"), alias(kinds, "k2"), alias(kinds, "k3")];

/** Whether keys `a` and `b` are each a name of a kind (kinds.search_names) and no kind has both: two different products. */
const kindClash = (
  a: string,
  b: string,
) => sql`EXISTS (SELECT 1 FROM ${kinds} ${k1}, json_each(${k1.searchNames}) n1 WHERE n1.value = ${a})
  AND EXISTS (SELECT 1 FROM ${kinds} ${k2}, json_each(${k2.searchNames}) n2 WHERE n2.value = ${b})
  AND NOT EXISTS (SELECT 1 FROM ${kinds} ${k3} WHERE EXISTS (SELECT 1 FROM json_each(${k3.searchNames}) WHERE value = ${a})
    AND EXISTS (SELECT 1 FROM json_each(${k3.searchNames}) WHERE value = ${b}))`;
