import { type Query, sql } from "drizzle-orm";
import { drizzle } from "drizzle-orm/d1";
import type { CountedD1 } from "../env.ts";
import { catalogueVersion } from "./schema.ts";
import { compile, toStatement } from "./sql.ts";

export {
  assign,
  bare,
  bareList,
  compile,
  frozen,
  frozenColumns,
  NOW,
  type Prepares,
  qualified,
  toStatement,
} from "./sql.ts";

const EXECUTORS = new Set(["first", "all", "run", "raw"]);

/**
 * Read at the end of every batch, so a response's ETag comes from the same snapshot as its data. The epoch changes
 * on every restore (src/platform/db/backup.ts): ETags and change-feed cursors carry it. A row of `version`, `epoch`.
 */
export const CATALOGUE_VERSION = sql`SELECT ${catalogueVersion.version}, ${catalogueVersion.epoch} FROM ${catalogueVersion} WHERE ${catalogueVersion.id} = 1`;
/** {@link CATALOGUE_VERSION}'s text, compiled once: every batch appends it. */
const CATALOGUE_VERSION_SQL = compile(CATALOGUE_VERSION).sql;

/**
 * Wraps a D1 session so that every round trip is counted: each statement execution (`first`, `all`, `run`,
 * `raw`) and each `batch` is one. The count is reported per request in the `X-D1-Round-Trips` header and lets
 * tests prove that no request issues a query per row. Each batch also reads the catalogue's data version (one
 * extra statement in the same round trip, removed from the results), kept as `catalogueVersion` and
 * `catalogueEpoch`.
 */
export function countedD1(session: D1DatabaseSession | D1Database): CountedD1 {
  let roundTrips = 0;
  let catalogueVersion: number | null = null;
  let catalogueEpoch: number | null = null;
  const { prepare, unwrap } = aroundStatements(session, (execute) => {
    roundTrips++;
    return execute();
  });
  return {
    prepare,
    batch: async <T>(statements: D1PreparedStatement[]) => {
      roundTrips++;
      const unwrapped = statements.map(unwrap);
      const results = await session.batch<T>([...unwrapped, session.prepare(CATALOGUE_VERSION_SQL)]);
      const version = results.pop()?.results[0] as { version?: number; epoch?: number } | undefined;
      catalogueVersion = version?.version ?? catalogueVersion;
      catalogueEpoch = version?.epoch ?? catalogueEpoch;
      return results;
    },
    get roundTrips() {
      return roundTrips;
    },
    get catalogueVersion() {
      return catalogueVersion;
    },
    get catalogueEpoch() {
      return catalogueEpoch;
    },
    bookmark: () => ("getBookmark" in session ? session.getBookmark() : null),
  };
}

/**
 * Statements of `inner` that call `around` for each execution of their own (`first`, `all`, `run`, `raw`, a bound
 * copy's too), and `unwrap` to give `batch` back the statements they wrap: how a D1 is counted ({@link countedD1})
 * or has a credential checked before its first statement (src/editor/auth/auth.ts, authenticatedD1).
 */
export function aroundStatements(
  inner: { prepare(query: string): D1PreparedStatement },
  around: (execute: () => Promise<unknown>) => Promise<unknown>,
) {
  const targets = new WeakMap<object, D1PreparedStatement>();
  const wrap = (stmt: D1PreparedStatement): D1PreparedStatement => {
    const proxy = new Proxy(stmt, {
      get(target, prop) {
        if (prop === "bind") return (...values: unknown[]) => wrap(target.bind(...values));
        const value = Reflect.get(target, prop, target);
        if (typeof prop === "string" && EXECUTORS.has(prop) && typeof value === "function") {
          return (...args: unknown[]) => around(() => value.apply(target, args));
        }
        return typeof value === "function" ? value.bind(target) : value;
      },
    });
    targets.set(proxy, stmt);
    return proxy;
  };
  return {
    prepare: (query: string) => wrap(inner.prepare(query)),
    unwrap: (s: D1PreparedStatement) => targets.get(s) ?? s,
  };
}

/** A drizzle handle over the request's (counted, session-scoped) D1. */
export function createDb(d1: CountedD1) {
  // D1 sessions expose prepare/batch like D1Database; drizzle has no session type yet. No `schema`: the relational
  // query API (`db.query`) is not used, and drizzle would build its relational config on every request.
  return drizzle(d1 as unknown as D1Database);
}
export type Db = ReturnType<typeof createDb>;

/** What a drizzle query offers once prepared: its SQL and a mapper for a batch result. */
interface Preparable<R> extends PromiseLike<R> {
  prepare(): { getQuery(): Query; mapResult(result: unknown, isFromBatch?: boolean): unknown };
}

/**
 * A drizzle query-builder query as a plain D1 statement plus the mapper drizzle itself would apply to its batch
 * result, for batches that mix built queries with {@link toStatement} ones (the home page).
 */
export function asStatement<R>(d1: CountedD1, query: Preparable<R>) {
  const prepared = query.prepare();
  return {
    statement: toStatement(d1, prepared.getQuery()),
    read: (result: D1Result) => prepared.mapResult(result, true) as R,
  };
}
