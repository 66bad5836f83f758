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
 * Fewer products than this found by a search's words as typed: it offers its correction ("Did you mean …") and
 * counts as a failed search for editors.
 */
export const FEW_RESULTS = 3;

/**
 * FTS5's operator words. A shopper who types them ("mien AND dong") means the other words, and every word must
 * match anyway, so they are dropped rather than required as words of the text (where "and" would find nothing).
 */
const FTS5_OPERATORS = new Set(["and", "or", "not", "near"]);

/**
 * The words of what a shopper typed, as the index holds them: folded, split into letter/digit runs, FTS5's operator
 * words dropped, at most MAX_QUERY_TOKENS.
 *
 * @example searchTokens("Miến-dong AND Tân Việt") // ["mien", "dong", "tan", "viet"]
 */
export function searchTokens(input: string): string[] {
  return fold(input)
    .split(/[^\p{L}\p{N}]+/u)
    .filter((t) => t !== "" && !FTS5_OPERATORS.has(t))
    .slice(0, MAX_QUERY_TOKENS);
}

/** Slug of a district name, for filters: "Nguyên Bình" → "nguyen-binh". */
export const districtSlug = (name: string) =>
  fold(name)
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");

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
