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
  d1.prepare("SELECT id, term, synonym, created_at FROM search_synonyms ORDER BY term_key, synonym_key");

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
  return d1
    .prepare(
      `SELECT (${KIND_CLASH}) AS clash,
         EXISTS (SELECT 1 FROM search_synonyms WHERE (term_key = ?3 AND synonym_key = ?4) OR (term_key = ?4 AND synonym_key = ?3)) AS taken
       FROM (SELECT ?1, ?2)`,
    )
    .bind(term, synonym, synonymKey(term), synonymKey(synonym));
}

/**
 * Adds a synonym as written (keys folded), unless taken or clashing meanwhile (the same conditions as
 * {@link synonymCheckStatement}); RETURNING the row (none when refused).
 */
export function insertSynonymStatement(d1: CountedD1, term: string, synonym: string) {
  return d1
    .prepare(
      `INSERT INTO search_synonyms (term, synonym, term_key, synonym_key)
       SELECT ?1, ?2, ?3, ?4
       WHERE NOT EXISTS (SELECT 1 FROM search_synonyms WHERE (term_key = ?3 AND synonym_key = ?4) OR (term_key = ?4 AND synonym_key = ?3))
         AND NOT (${KIND_CLASH})
       RETURNING id, term, synonym, created_at`,
    )
    .bind(term.trim(), synonym.trim(), synonymKey(term), synonymKey(synonym));
}

/** Whether ?3 and ?4 are each a name of a kind (kinds.search_names) and no kind has both: two different products. */
const KIND_CLASH = `EXISTS (SELECT 1 FROM kinds k1, json_each(k1.search_names) n1 WHERE n1.value = ?3)
  AND EXISTS (SELECT 1 FROM kinds k2, json_each(k2.search_names) n2 WHERE n2.value = ?4)
  AND NOT EXISTS (SELECT 1 FROM kinds k3 WHERE EXISTS (SELECT 1 FROM json_each(k3.search_names) WHERE value = ?3)
    AND EXISTS (SELECT 1 FROM json_each(k3.search_names) WHERE value = ?4))`;
