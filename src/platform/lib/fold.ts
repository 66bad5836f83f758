/**
 * Folds Vietnamese text for accent-insensitive matching: NFD, combining marks stripped, đ/Đ → d, lowercase,
 * whitespace collapsed. "Hòa", "Hoà" and "hoa" all fold to "hoa"; "Miến dong" folds to "mien dong".
 *
 * @example fold("Lạp sườn Tâm Hòa") // "lap suon tam hoa"
 */
export function fold(text: string): string {
  return text
    .normalize("NFD")
    .replace(/\p{M}+/gu, "")
    .replace(/[đĐ]/g, "d")
    .toLowerCase()
    .replace(/\s+/g, " ")
    .trim();
}

/** Longest search text accepted, in characters; longer input is a 400, not a slow query. */
export const MAX_QUERY_LENGTH = 200;
/** At most this many words of a query are used. */
export const MAX_QUERY_TOKENS = 12;

/**
 * FTS5's operator words. A shopper who types them ("mien AND dong") means the other words, and every word must
 * match anyway, so they are dropped rather than required as words of the text (where "and" would find nothing).
 */
const FTS5_OPERATORS = new Set(["and", "or", "not", "near"]);

/**
 * Turns what a shopper typed into a safe FTS5 MATCH expression. User text is never FTS5 syntax: it is folded,
 * split into letter/digit runs, FTS5's operator words dropped, and every token is double-quoted (so `*`, `-`, `:`,
 * `(` are data).
 * The last token matches as a prefix so "mien do" finds "miến dong" while typing. Returns null when nothing
 * searchable is left (only punctuation or emoji).
 *
 * @example toFtsQuery('mien "dong') // '"mien" "dong"*'
 */
export function toFtsQuery(input: string): string | null {
  const tokens = fold(input)
    .split(/[^\p{L}\p{N}]+/u)
    .filter((t) => t !== "" && !FTS5_OPERATORS.has(t))
    .slice(0, MAX_QUERY_TOKENS);
  if (tokens.length === 0) return null;
  return tokens.map((t, i) => `"${t.replaceAll('"', '""')}"${i === tokens.length - 1 ? "*" : ""}`).join(" ");
}

/** Slug of a district name, for filters: "Nguyên Bình" → "nguyen-binh". */
export const districtSlug = (name: string) =>
  fold(name)
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");

/** The fields the search index sees for a product: folded producer name, category and descriptions. */
export function searchTextOf(p: {
  producerName: string;
  categoryVi: string;
  categoryEn: string;
  descriptionVi: string;
  descriptionEn: string;
}): string {
  return fold([p.producerName, p.categoryVi, p.categoryEn, p.descriptionVi, p.descriptionEn].join(" "));
}

/**
 * Folds a name or a query for matching product kinds (src/catalogue/kinds/kinds.queries.ts): accents off, anything but letters
 * and digits one space.
 *
 * @example kindKey("Chè giảo cổ lam") // "che giao co lam"
 */
export const kindKey = (text: string) =>
  fold(text)
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
