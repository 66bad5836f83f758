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
 * Turns what a shopper typed into a safe FTS5 MATCH expression. User text is never FTS5 syntax: it is folded,
 * split into letter/digit runs, and every token is double-quoted (so `*`, `-`, `:`, `(`, AND/OR/NEAR are data).
 * The last token matches as a prefix so "mien do" finds "miến dong" while typing. Returns null when nothing
 * searchable is left (only punctuation or emoji).
 *
 * @example toFtsQuery('mien "dong') // '"mien" "dong"*'
 */
export function toFtsQuery(input: string): string | null {
  const tokens = fold(input)
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean)
    .slice(0, MAX_QUERY_TOKENS);
  if (tokens.length === 0) return null;
  return tokens.map((t, i) => `"${t.replaceAll('"', '""')}"${i === tokens.length - 1 ? "*" : ""}`).join(" ");
}
