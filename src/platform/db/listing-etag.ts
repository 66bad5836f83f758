// A listing's ETag, apart from the listing queries (src/retail/listings/listings.queries.ts) so that the editors' app, loaded on
// demand in a chunk of its own (src/index.ts), does not carry the retailers' listing writes with it.

/** An ISO timestamp's digits (a listing's `created_at` in its ETag). */
export const digits = (iso: string) => iso.replace(/\D/g, "");

/**
 * The strong ETag of a listing version: a new one for every change, for a listing deleted and re-made, and after
 * a restore (the epoch; left out while it is 0, so tags issued before epochs existed still match).
 */
export const listingEtag = (l: { id: number; version: number; created_at: string; epoch: number }) =>
  `"l${l.id}v${l.version}c${digits(l.created_at)}${l.epoch ? `e${l.epoch}` : ""}"`;
