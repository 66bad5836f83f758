import type { CountedD1 } from "../env.ts";

const EXECUTORS = new Set(["first", "all", "run", "raw"]);

/**
 * Wraps a D1 session so that every round trip is counted: each statement execution (`first`, `all`, `run`,
 * `raw`) and each `batch` is one. The count is reported per request in the `X-D1-Round-Trips` header and lets
 * tests prove that no request issues a query per row.
 */
export function countedD1(session: D1DatabaseSession | D1Database): CountedD1 {
  let roundTrips = 0;
  const targets = new WeakMap<object, D1PreparedStatement>();
  const wrap = (stmt: D1PreparedStatement): D1PreparedStatement => {
    const proxy = new Proxy(stmt, {
      get(target, prop) {
        if (prop === "bind") return (...values: unknown[]) => wrap(target.bind(...values));
        const value = Reflect.get(target, prop, target);
        if (typeof prop === "string" && EXECUTORS.has(prop) && typeof value === "function") {
          return (...args: unknown[]) => {
            roundTrips++;
            return value.apply(target, args);
          };
        }
        return typeof value === "function" ? value.bind(target) : value;
      },
    });
    targets.set(proxy, stmt);
    return proxy;
  };
  return {
    prepare: (query) => wrap(session.prepare(query)),
    batch: (statements) => {
      roundTrips++;
      return session.batch(statements.map((s) => targets.get(s) ?? s));
    },
    get roundTrips() {
      return roundTrips;
    },
    bookmark: () => ("getBookmark" in session ? session.getBookmark() : null),
  };
}
