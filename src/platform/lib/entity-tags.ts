/**
 * Entity-tag conditions (RFC 9110 §13.1), written once for every conditional request the Worker answers:
 * the catalogue's and the response cache's `If-None-Match` (weak comparison), the listings' and the editors'
 * `If-Match` (strong comparison: a weak tag never matches, §13.1.1). What `*` means is the caller's policy
 * (a listing write accepts it, an editor write refuses it), so it is reported, not decided, here.
 */

/** One entity tag of a header list: `weak` for a `W/` tag, `opaque` with its quotes (`"abc"`). */
export type EntityTag = { weak: boolean; opaque: string };

/** A parsed `If-Match` / `If-None-Match` list: whether it holds `*`, and its tags (malformed members skipped). */
export function parseEntityTags(header: string): { star: boolean; tags: EntityTag[] } {
  const members = header.split(",").map((m) => m.trim());
  const tags: EntityTag[] = [];
  for (const m of members) {
    const found = /^(W\/)?("[\x21\x23-\x7e\x80-\uffff]*")$/.exec(m);
    if (found?.[2]) tags.push({ weak: found[1] !== undefined, opaque: found[2] });
  }
  return { star: members.includes("*"), tags };
}

const opaqueOf = (tag: string) => tag.replace(/^W\//, "");

/** Weak comparison (§13.1.2), as `If-None-Match` asks: `*` or any tag whose opaque part equals the current one's. */
export function noneMatchHits(header: string, current: string): boolean {
  const { star, tags } = parseEntityTags(header);
  return star || tags.some((t) => t.opaque === opaqueOf(current));
}

/** The strong tags of an `If-Match` list (weak ones can never match, §13.1.1), opaque parts with quotes. */
export const strongTags = (header: string): string[] =>
  parseEntityTags(header)
    .tags.filter((t) => !t.weak)
    .map((t) => t.opaque);

/** Strong comparison (§13.1.1), as `If-Match` asks: a strong tag in the list equals the current (strong) tag. */
export const matchHits = (header: string, current: string): boolean =>
  !current.startsWith("W/") && strongTags(header).includes(current);
