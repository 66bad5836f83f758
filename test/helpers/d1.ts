// An independent witness of what the Worker does with D1: the Worker gets an env whose DB binding counts every
// round trip (each statement execution and each batch) and records the session constraints it asks for. It does
// not trust the Worker's own `x-d1-round-trips` header, which the code under test writes itself.
import { env } from "cloudflare:workers";
import worker from "../../src/index.ts";

const EXECUTORS = new Set(["first", "all", "run", "raw"]);

export interface Witness {
  /** D1 round trips since the witness was made (or last reset). */
  trips(): number;
  /** The constraint of every `withSession` call, in order ("first-primary", a bookmark, ...). */
  sessions: string[];
  /** Calls the Worker with this env, as a client would. */
  fetch(path: string, init?: RequestInit): Promise<Response>;
  reset(): void;
}

/** An env whose D1 counts round trips and records sessions; `fetch` calls the Worker with it. */
export function witness(): Witness {
  let trips = 0;
  const sessions: string[] = [];
  const statement = (s: D1PreparedStatement): D1PreparedStatement =>
    new Proxy(s, {
      get(t, p) {
        const v = Reflect.get(t, p, t);
        if (p === "bind") return (...a: unknown[]) => statement(t.bind(...a));
        if (typeof p === "string" && EXECUTORS.has(p))
          return (...a: unknown[]) => {
            trips++;
            return (v as (...x: unknown[]) => unknown).apply(t, a);
          };
        return typeof v === "function" ? v.bind(t) : v;
      },
    });
  // The real statement behind each proxy: D1's batch() refuses objects it did not make.
  const real = new WeakMap<object, D1PreparedStatement>();
  const database = (db: D1Database | D1DatabaseSession) => ({
    prepare: (q: string) => {
      const s = db.prepare(q);
      const p = statement(s);
      real.set(p, s);
      return p;
    },
    batch: (stmts: D1PreparedStatement[]) => {
      trips++;
      return db.batch(stmts.map((s) => real.get(s) ?? s));
    },
    exec: (q: string) => {
      trips++;
      return (db as D1Database).exec(q);
    },
    getBookmark: () => (db as D1DatabaseSession).getBookmark?.() ?? null,
    withSession: (constraint?: string) => {
      sessions.push(String(constraint));
      return database((db as D1Database).withSession(constraint as D1SessionConstraint));
    },
  });
  const DB = database(env.DB);
  const counted = { ...env, DB } as unknown as typeof env;
  const ctx = { waitUntil() {}, passThroughOnException() {}, props: {} } as unknown as ExecutionContext;
  return {
    trips: () => trips,
    sessions,
    fetch: async (path, init) => {
      const res = await worker.fetch(new Request(`http://localhost${path}`, init), counted, ctx);
      // Consume the body: a streamed response may still be reading when the handler returns.
      const body = await res.arrayBuffer();
      return new Response(res.status === 304 || res.status === 204 ? null : body, res);
    },
    reset() {
      trips = 0;
      sessions.length = 0;
    },
  };
}

/** Calls the Worker once with a fresh witness; returns the response and the round trips it cost. */
export async function costOf(path: string, init?: RequestInit) {
  const w = witness();
  const res = await w.fetch(path, init);
  return { res, trips: w.trips(), sessions: w.sessions };
}
