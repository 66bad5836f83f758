import type { Context, MiddlewareHandler } from "hono";
import { countedD1, createDb } from "../db/client.ts";
import type { AppEnv } from "../env.ts";
import { invalidParams, problemResponse } from "./problem.ts";

/** Header a client sends back to read its own writes under D1 read replication. */
export const BOOKMARK_HEADER = "x-d1-bookmark";
export const ROUND_TRIPS_HEADER = "x-d1-round-trips";

/** What D1 bookmarks look like (`getBookmark()`): four groups of hex digits. Anything else never reaches D1. */
const BOOKMARK_FORMAT = /^[0-9a-f]{8}-[0-9a-f]{8}-[0-9a-f]{8}-[0-9a-f]{32}$/;

const badBookmark = (reason: string) =>
  invalidParams([{ name: BOOKMARK_HEADER, reason }], `Invalid '${BOOKMARK_HEADER}' header: ${reason}`);

/**
 * Opens a D1 session for the request — writes start at the primary; reads may use replicas, at least as new as
 * the client's bookmark if it sends one — counts its round trips and reports them in a response header.
 *
 * The bookmark is per client, so it never sits on a response a shared cache may keep: a read that sends one
 * (read-your-writes) is answered `private, no-store` with the session's new bookmark, as is every write; a read
 * without one gets no bookmark, and `Vary: x-d1-bookmark` so that a cache never answers a bookmarked request from
 * the shared copy. A bookmark of the wrong shape is a 400 before D1 is asked; one of the right shape that D1
 * refuses (not one it issued) is a 400 too, not a 500.
 */
export function d1Session(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const bookmark = c.req.header(BOOKMARK_HEADER);
    if (bookmark !== undefined && !BOOKMARK_FORMAT.test(bookmark)) {
      throw badBookmark("must be a bookmark returned by this API (four groups of hex digits), or left out");
    }
    // Writes start at the primary; reads may use a replica, at least as new as the client's bookmark.
    const write = !["GET", "HEAD", "OPTIONS"].includes(c.req.method);
    const session = c.env.DB.withSession(write ? "first-primary" : (bookmark ?? "first-unconstrained"));
    const d1 = countedD1(session);
    c.set("d1", d1);
    await next();
    if (bookmark && c.error && /bookmark/i.test(c.error.message)) {
      c.res = problemResponse(
        c,
        badBookmark("D1 did not accept it; leave it out or send one this API returned"),
      );
    }
    c.header(ROUND_TRIPS_HEADER, String(d1.roundTrips));
    if (!write) c.header("vary", BOOKMARK_HEADER, { append: true });
    const nextBookmark = d1.bookmark();
    if ((write || bookmark) && nextBookmark) {
      c.header(BOOKMARK_HEADER, nextBookmark);
      c.header("cache-control", "private, no-store");
    }
  };
}

/** The drizzle handle for this request's D1 session. */
export const dbOf = (c: Context<AppEnv>) => createDb(c.get("d1"));
