// The orders of the product list and their keysets: which columns a sort compares, in which direction, and the
// condition that selects the rows after a cursor (so a deep page starts near its cursor).
import { type SQL, sql } from "drizzle-orm";
import type { Sort } from "../../domain/vocabulary.ts";
import type { ListRow as Row } from "./list-item.ts";
import { p } from "./list-tables.ts";

export interface SortSpec {
  /** Columns of the keyset, in order, with direction. */
  keys: { expr: SQL; desc: boolean; pick: (r: Row) => string | number | null }[];
}

export function sortSpec(sort: Sort, sortCol: SQL, realFirst: boolean): SortSpec {
  const spec = sortKeys(sort, sortCol);
  if (!realFirst) return spec;
  // Shoppers see real products first: illustrative ones follow, in the same order among themselves.
  const illustrative = {
    expr: sql`(${p.provenance} = 'illustrative')`,
    desc: false,
    pick: (r: Row) => r.illustrative,
  };
  return { keys: [illustrative, ...spec.keys] };
}

function sortKeys(sort: Sort, sortCol: SQL): SortSpec {
  const id = (desc: boolean) => ({ expr: sql`${p.id}`, desc, pick: (r: Row) => r.id });
  const name = (desc: boolean) => ({ expr: sortCol, desc, pick: (r: Row) => r.sort_key });
  switch (sort) {
    case "relevance":
      return { keys: [{ expr: sql`s.rank`, desc: false, pick: (r) => r.rank }, name(false), id(false)] };
    case "name":
      return { keys: [name(false), id(false)] };
    case "-name":
      return { keys: [name(true), id(true)] };
    case "newest":
      return { keys: [{ expr: sql`${p.createdAt}`, desc: true, pick: (r) => r.created_at }, id(true)] };
    default:
      // The strongest recognition first (products.recognition_rank, migration 0024: OCOP stars count, a stated
      // recent rating before one of unknown year).
      return {
        keys: [
          { expr: sql`${p.recognitionRank}`, desc: true, pick: (r) => r.recognition_rank },
          name(false),
          id(false),
        ],
      };
  }
}

/**
 * Rows after a cursor: `(a, b, c) > (x, y, z)` with per-column direction. Keys are grouped into runs of one
 * direction, each compared as a row value (`(sort_vi, id) > (?, ?)`), which SQLite answers with an index range;
 * a leading run also bounds the scan (`tier_rank <= ?`), so a deep page starts near its cursor instead of at the top.
 */
export function keysetAfter(spec: SortSpec, values: (string | number | null)[]): SQL {
  const runs: { exprs: SQL[]; vals: (string | number | null)[]; desc: boolean }[] = [];
  spec.keys.forEach((k, i) => {
    const last = runs.at(-1);
    if (last && last.desc === k.desc) {
      last.exprs.push(k.expr);
      last.vals.push(values[i] ?? null);
    } else runs.push({ exprs: [k.expr], vals: [values[i] ?? null], desc: k.desc });
  });
  const tuple = (xs: SQL[]) => (xs.length === 1 ? (xs[0] ?? sql`NULL`) : sql`(${sql.join(xs, sql`, `)})`);
  const clause = (i: number): SQL => {
    const run = runs[i];
    if (!run) return sql`0`;
    const col = tuple(run.exprs);
    const val = tuple(run.vals.map((v) => sql`${v}`));
    const after = run.desc ? sql`${col} < ${val}` : sql`${col} > ${val}`;
    if (i === runs.length - 1) return after;
    const bound = run.desc ? sql`${col} <= ${val}` : sql`${col} >= ${val}`;
    return sql`(${bound} AND (${after} OR (${col} = ${val} AND ${clause(i + 1)})))`;
  };
  return clause(0);
}
