import { keysetPage } from "../../db/pagination.ts";
import { changesAfter } from "../../db/queries/changes.ts";
import type { AppRouteHandler } from "../../http/create-app.ts";
import { decodeCursor } from "../../http/cursor.ts";
import { invalidParams, Problem } from "../../http/problem.ts";
import type { ListRoute } from "./changes.routes.ts";

const SCOPE = "changes-v1";

/** The `seq` a `since` cursor names (0 without one); a bad cursor is a 400 naming `since`. */
async function sinceSeq(secret: string, since: string | undefined): Promise<number> {
  if (!since) return 0;
  let after: number;
  try {
    after = Number((await decodeCursor(secret, since, SCOPE))[0]);
  } catch (e) {
    // The cursor helper names `cursor`; here the parameter is `since`.
    if (!(e instanceof Problem)) throw e;
    throw invalidParams([{ name: "since", reason: e.body.invalid_params?.[0]?.reason ?? "invalid cursor" }]);
  }
  if (!Number.isSafeInteger(after) || after < 0)
    throw invalidParams([{ name: "since", reason: "invalid cursor" }]);
  return after;
}

/**
 * A page of the change feed after `since` (an opaque signed cursor; none = from the beginning), in `seq` order.
 * `next_cursor` is always set: pass it back to continue, now or later (polling).
 */
export const list: AppRouteHandler<ListRoute> = async (c) => {
  const { since, limit } = c.req.valid("query");
  const secret = c.env.CURSOR_SECRET;
  const after = await sinceSeq(secret, since);
  const rows = await changesAfter(c.get("d1"), after, limit);
  const { items, hasMore, nextCursor } = await keysetPage(rows, limit, {
    secret,
    scope: SCOPE,
    keyOf: (r) => [r.seq],
    emptyKey: [after],
  });
  c.header("cache-control", "no-cache");
  return c.json({ data: items, page: { limit, has_more: hasMore, next_cursor: nextCursor ?? "" } }, 200);
};
