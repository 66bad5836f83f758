// The search's editor-kept synonyms, its words, the products a synonym change indexes again, and the searches
// that found nothing.
import { sql } from "drizzle-orm";
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";

/**
 * Words a shopper may type for another (migration 0024): chè ↔ trà, lạp xưởng ↔ lạp sườn, tea ↔ trà… A row works
 * both ways; the search adds the other side of every row whose side the query names (not a chain of rows: bún and
 * miến are different noodles even if both are "vermicelli" somewhere). `term` and `synonym` as the editor wrote
 * them; the keys folded (src/platform/lib/fold.ts), as the search compares them.
 */
export const searchSynonyms = sqliteTable(
  "search_synonyms",
  {
    id: integer("id").primaryKey(),
    term: text("term").notNull(),
    synonym: text("synonym").notNull(),
    termKey: text("term_key").notNull(),
    synonymKey: text("synonym_key").notNull(),
    createdAt: text("created_at").notNull().default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`),
  },
  (t) => [
    uniqueIndex("search_synonyms_pair_uq").on(t.termKey, t.synonymKey),
    index("search_synonyms_synonym_idx").on(t.synonymKey),
  ],
);

/**
 * The words shoppers' searches are matched against (names, kinds, producers, places, recognitions and the
 * synonyms' words; not descriptions), folded as the index folds them: the vocabulary a typo is corrected against
 * (src/catalogue/products/search.queries.ts). Kept by the search index's triggers (migration 0024), which fold the
 * text with the index's own tokenizer; a word no product holds any longer stays, and the search skips it.
 */
export const searchWords = sqliteTable(
  "search_words",
  {
    word: text("word").primaryKey(),
    length: integer("length").notNull(),
  },
  (t) => [index("search_words_length_idx").on(t.length, t.word)],
);

/** Products a synonym's change indexes again: a scratch list the synonyms' triggers fill and empty (migration 0024). */
export const searchReindex = sqliteTable("search_reindex", {
  id: integer("id").primaryKey(),
});

/**
 * Searches that found nothing or little, counted per folded query per day (migration 0024): what the catalogue
 * lacks or names otherwise. No address, no cookie, no person — the words and a count. `zero`: how many of `n` found
 * nothing at all.
 */
export const searchMisses = sqliteTable(
  "search_misses",
  {
    day: text("day").notNull(),
    query: text("query").notNull(),
    n: integer("n").notNull().default(0),
    zero: integer("zero").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.day, t.query] })],
);
