import type { Context, MiddlewareHandler } from "hono";
import { countedD1, createDb } from "../db/client.ts";
import type { AppEnv } from "../env.ts";

/** Header a client sends back to read its own writes under D1 read replication. */
export const BOOKMARK_HEADER = "x-d1-bookmark";
export const ROUND_TRIPS_HEADER = "x-d1-round-trips";

/**
 * Opens a D1 session for the request — writes start at the primary; reads may use replicas, at least as new as
 * the client's bookmark if it sends one — counts its round trips and reports them, with the session's bookmark,
 * in response headers.
 */
export function d1Session(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const bookmark = c.req.header(BOOKMARK_HEADER);
    const valid = bookmark && bookmark.length < 200 && /^[\w-]+$/.test(bookmark);
    // Writes start at the primary; reads may use a replica, at least as new as the client's bookmark.
    const write = !["GET", "HEAD", "OPTIONS"].includes(c.req.method);
    const session = c.env.DB.withSession(write ? "first-primary" : valid ? bookmark : "first-unconstrained");
    const d1 = countedD1(session);
    c.set("d1", d1);
    await next();
    c.header(ROUND_TRIPS_HEADER, String(d1.roundTrips));
    const next_bookmark = d1.bookmark();
    if (next_bookmark) c.header(BOOKMARK_HEADER, next_bookmark);
  };
}

/** The drizzle handle for this request's D1 session. */
export const dbOf = (c: Context<AppEnv>) => createDb(c.get("d1"));
