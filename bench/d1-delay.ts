import type { Env } from "../src/platform/env.ts";

const EXECUTORS = new Set(["first", "all", "run", "raw"]);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

// A batch hands D1 the real statements: the proxies are unwrapped through this map.
const real = new WeakMap<object, D1PreparedStatement>();

/** A prepared statement whose executions wait `ms` first, as a round trip to a distant database would. */
function delayedStatement(stmt: D1PreparedStatement, ms: number): D1PreparedStatement {
  const proxy = new Proxy(stmt, {
    get(target, prop) {
      if (prop === "bind") return (...values: unknown[]) => delayedStatement(target.bind(...values), ms);
      const value = Reflect.get(target, prop, target);
      if (typeof prop === "string" && EXECUTORS.has(prop) && typeof value === "function")
        return async (...args: unknown[]) => {
          await sleep(ms);
          return value.apply(target, args);
        };
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
  real.set(proxy, stmt);
  return proxy;
}

function delayedSession<T extends D1Database | D1DatabaseSession>(db: T, ms: number): T {
  return new Proxy(db, {
    get(target, prop) {
      const value = Reflect.get(target, prop, target);
      if (prop === "prepare") return (query: string) => delayedStatement(target.prepare(query), ms);
      if (prop === "batch")
        return async (statements: D1PreparedStatement[]) => {
          await sleep(ms);
          return target.batch(statements.map((s) => real.get(s) ?? s));
        };
      if (prop === "withSession")
        return (constraint?: string) => delayedSession((target as D1Database).withSession(constraint), ms);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}

/**
 * Benchmarks only (bench/worker.ts): with `DEV_MODE=1` and `D1_DELAY_MS=n`, the bindings with a `DB` whose every
 * round trip (a statement execution or a batch, through `DB` or its sessions) first waits n ms, to measure what a
 * distant primary or replica costs (`npm run bench` runs 0, 20 and 80); the bindings unchanged otherwise. A bound
 * statement's `bind()` keeps the delay, so statements built before a batch are still unwrapped for D1.
 *
 * @example return worker.fetch(request, withD1Delay(env), ctx);
 */
export function withD1Delay(env: Env): Env {
  const ms = Number(env.D1_DELAY_MS);
  return env.DEV_MODE === "1" && Number.isFinite(ms) && ms > 0
    ? { ...env, DB: delayedSession(env.DB, ms) }
    : env;
}
