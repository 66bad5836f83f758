import { type CursorKeys, type CursorState, encodeCursor } from "../lib/cursor.ts";

/** How a list names its pages: the signing secret, the query's scope, and the keyset key of a row. */
export interface KeysetCursor<R> {
  secret: CursorKeys;
  scope: string;
  keyOf: (row: R) => CursorState["key"];
  /** A key for a page with no rows; set, the page always has a `nextCursor` (polling feeds). */
  emptyKey?: CursorState["key"];
}

/**
 * One page of a keyset list from rows read with `LIMIT limit + 1`: the extra row only says there is more. The
 * next cursor names the last row served (null at the end, unless `emptyKey` asks for one always).
 *
 * @example const { items, nextCursor } = await keysetPage(rows, 20, { secret, scope, keyOf: (r) => [r.slug] })
 */
export async function keysetPage<R>(rows: readonly R[], limit: number, cursor: KeysetCursor<R>) {
  const items = rows.slice(0, limit);
  const hasMore = rows.length > limit;
  const last = items.at(-1);
  const key = last !== undefined ? cursor.keyOf(last) : cursor.emptyKey;
  const always = cursor.emptyKey !== undefined;
  const nextCursor =
    key && (hasMore || always) ? await encodeCursor(cursor.secret, { scope: cursor.scope, key }) : null;
  return { items, hasMore, nextCursor };
}

/** A page request of a keyset list. */
export interface PageInput {
  limit: number;
  cursor?: string;
}
