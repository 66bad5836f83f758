import type { MiddlewareHandler } from "hono";
import type { AppEnv } from "../env.ts";

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
 * Development only: with `DEV_MODE=1` and `D1_DELAY_MS=n`, every D1 round trip of the request (a statement
 * execution or a batch, through `DB` or its sessions) first waits n ms, to measure what a distant primary or
 * replica costs (`npm run bench` runs 0, 20 and 80). Does nothing otherwise. A bound statement's `bind()` keeps
 * the delay, so statements built before a batch are still unwrapped for D1. Deployable builds leave it out
 * (scripts/build.ts); `npm run bench` builds with WORKER_DEV_TOOLS=1.
 *
 * @example app.use("*", d1Delay())
 */
export function d1Delay(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const ms = Number(c.env.D1_DELAY_MS);
    if (c.env.DEV_MODE === "1" && Number.isFinite(ms) && ms > 0) {
      c.env = { ...c.env, DB: delayedSession(c.env.DB, ms) };
    }
    await next();
  };
}
