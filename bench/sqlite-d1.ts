// The app's query functions run against a local D1's SQLite file directly (node:sqlite), each statement timed and
// its plan taken: to see where the time of one request goes, statement by statement.
import { DatabaseSync, type SQLInputValue } from "node:sqlite";
import type { CountedD1 } from "../src/platform/env.ts";

export interface StatementTiming {
  sql: string;
  params: SQLInputValue[];
  ms: number;
  rows: number;
}

/** A CountedD1 over a SQLite file that records every statement a batch runs, with its time. */
export function sqliteD1(file: string) {
  const db = new DatabaseSync(file, { readOnly: true });
  let log: StatementTiming[] = [];
  const run = (sql: string, params: SQLInputValue[]) => {
    const t0 = performance.now();
    const rows = db.prepare(sql).all(...params) as Record<string, unknown>[];
    log.push({ sql, params, ms: performance.now() - t0, rows: rows.length });
    return rows;
  };
  interface Stmt {
    sql: string;
    params: SQLInputValue[];
  }
  const statement = (sql: string, params: SQLInputValue[] = []): Stmt & D1PreparedStatement =>
    ({
      sql,
      params,
      bind: (...values: unknown[]) => statement(sql, values as SQLInputValue[]),
      all: async () => ({ results: run(sql, params), success: true, meta: {} }),
      first: async () => run(sql, params)[0] ?? null,
      raw: async () => run(sql, params).map((r) => Object.values(r)),
      run: async () => ({ results: run(sql, params), success: true, meta: {} }),
    }) as unknown as Stmt & D1PreparedStatement;
  const d1: CountedD1 = {
    prepare: (sql) => statement(sql),
    batch: async <T>(stmts: D1PreparedStatement[]) =>
      stmts.map((s) => {
        const { sql, params } = s as unknown as Stmt;
        return { results: run(sql, params) as T[], success: true, meta: {} } as unknown as D1Result<T>;
      }),
    roundTrips: 0,
    catalogueVersion: null,
    catalogueEpoch: null,
    bookmark: () => null,
  };
  return {
    d1,
    /** Statements run since the last call, with their times. */
    take(): StatementTiming[] {
      const out = log;
      log = [];
      return out;
    },
    /** Rows of a statement, directly (not timed). */
    rows: (sql: string, params: SQLInputValue[] = []) =>
      db.prepare(sql).all(...params) as Record<string, unknown>[],
    /** SQLite's plan for a statement, one line per step. */
    plan(sql: string, params: SQLInputValue[]): string[] {
      const rows = db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[];
      return rows.map((r) => r.detail);
    },
    close: () => db.close(),
  };
}

/** Inlines bound values into a statement (for `wrangler d1 execute --command`). */
export function inlineParams(sql: string, params: SQLInputValue[]): string {
  let i = 0;
  return sql.replace(/\?/g, () => {
    const v = params[i++];
    if (v === null || v === undefined) return "NULL";
    if (typeof v === "number" || typeof v === "bigint") return String(v);
    return `'${String(v).replaceAll("'", "''")}'`;
  });
}
