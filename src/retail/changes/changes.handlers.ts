import { BadCursor } from "../../domain/errors.ts";
import { keysetPage } from "../../platform/db/pagination.ts";
import type { AppRouteHandler } from "../../platform/http/create-app.ts";
import { invalidParams, Problem } from "../../platform/http/problem.ts";
import { type CursorKeys, cursorKeys, decodeCursor, ROTATED_KEY_REASON } from "../../platform/lib/cursor.ts";
import { changesAfter } from "./changes.queries.ts";
import type { ListRoute } from "./changes.routes.ts";

const SCOPE = "changes-v1";

/**
 * `since`, the former name of `cursor`, is deprecated (RFC 9745 `Deprecation`) since `cursor` replaced it on
 * 2026-12-01, and goes away no earlier than its `Sunset` (RFC 8594); docs/changelog.md says the same.
 */
export const SINCE_DEPRECATION = {
  deprecation: `@${Date.UTC(2026, 11, 1) / 1000}`,
  sunset: new Date(Date.UTC(2027, 5, 30)).toUTCString(),
} as const;

/**
 * The `seq` and catalogue epoch a cursor names (none: from the beginning, in whatever epoch the database is); a
 * bad cursor is a 400 naming the parameter it came in (`name`: `cursor`, or its former name `since`). Cursors
 * issued before epochs existed hold only the `seq`: epoch 0.
 */
async function sinceSeq(
  secret: CursorKeys,
  since: string | undefined,
  name: string,
): Promise<{ after: number; epoch: number | null }> {
  if (!since) return { after: 0, epoch: null };
  let key: unknown[];
  try {
    key = await decodeCursor(secret, since, SCOPE);
  } catch (e) {
    // The client may have named the cursor by its former name, `since`: the problem names what it sent.
    if (!(e instanceof BadCursor)) throw e;
    const reason = e.reason;
    // Signed before a rotation of CURSOR_SECRET whose overlap has ended: the mirror starts again, as after a restore.
    if (reason === ROTATED_KEY_REASON) throw feedReset(ROTATED_DETAIL);
    throw invalidParams([{ name, reason }]);
  }
  const [after, epoch = 0] = key.map(Number);
  const count = (n: number | undefined) => Number.isSafeInteger(n) && (n ?? -1) >= 0;
  if (key.length > 2 || !count(after) || !count(epoch)) {
    throw invalidParams([{ name, reason: "invalid cursor" }]);
  }
  return { after: after ?? 0, epoch };
}

/**
 * The database was restored since the cursor was issued (its epoch changed): the sequence numbers after it may
 * name other changes than the client would expect, or none, so the client starts again from the beginning. The
 * same answer for a cursor signed by a key no longer held (a rotation of CURSOR_SECRET after its overlap).
 */
const feedReset = (
  detail = "The catalogue was restored from a backup after this cursor was issued. Read the feed again from the beginning (without `cursor`) and replace your copy.",
) => new Problem(410, { type: "feed-reset", detail });

const ROTATED_DETAIL =
  "This cursor was signed with a key the server no longer holds (its cursor secret was rotated). Read the feed again from the beginning (without `cursor`) and replace your copy.";

/**
 * A page of the change feed after `cursor` (opaque, signed; none = from the beginning), in `seq` order.
 * `next_cursor` is always set: pass it back to continue, now or later (polling).
 */
export const list: AppRouteHandler<ListRoute> = async (c) => {
  const { cursor, since, limit, include, expand, lang } = c.req.valid("query");
  if (cursor !== undefined && since !== undefined)
    throw invalidParams([{ name: "since", reason: "give `cursor` or its former name `since`, not both" }]);
  const secret = cursorKeys(c.env);
  const { after, epoch: cursorEpoch } = await sinceSeq(
    secret,
    cursor ?? since,
    since === undefined ? "cursor" : "since",
  );
  const { changes, epoch } = await changesAfter(
    c.get("d1"),
    after,
    limit,
    include === "illustrative",
    expand === "record" ? { lang } : null,
  );
  if (cursorEpoch !== null && cursorEpoch !== epoch) throw feedReset();
  const { items, hasMore, nextCursor } = await keysetPage(changes, limit, {
    secret,
    scope: SCOPE,
    keyOf: (r) => [r.seq, epoch],
    emptyKey: [after, epoch],
  });
  c.header("cache-control", "no-cache");
  if (since !== undefined) {
    c.header("deprecation", SINCE_DEPRECATION.deprecation);
    c.header("sunset", SINCE_DEPRECATION.sunset);
  }
  return c.json({ data: items, page: { limit, has_more: hasMore, next_cursor: nextCursor ?? "" } }, 200);
};
