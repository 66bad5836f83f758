// The plain tables' write statements: the guard that aborts a batch when the row moved since it was read, the
// insert and the update of a record's columns (references become id lookups), and the existence checks of the
// records it references.
import type { Query as Statement } from "drizzle-orm";
import { compile, NOW as NOW_SQL } from "../../platform/db/client.ts";
import { EDITOR_ID_FLOOR, type SqlValue } from "../records/statements.ts";
import { type PlainState, TABLE } from "./tables.queries.ts";
import type { PlainEntity } from "./tables.schemas.ts";

const NOW = compile(NOW_SQL).sql;

/** Aborts its batch unless the row is still as it was read (see store.ts `guard`: json() of 'stale' raises). */
export const plainGuard = (entity: PlainEntity, s: PlainState): Statement => ({
  sql: `SELECT json(CASE WHEN (SELECT updated_at FROM ${TABLE[entity]} WHERE id = ?) IS ? THEN '1' ELSE 'stale' END)`,
  params: [s.id, s.stamp],
});

/** Column values of a record, as SQL expressions with their parameters (references become id lookups). */
function columns(entity: PlainEntity, r: Record<string, unknown>): [string, string, SqlValue[]][] {
  const v = (name: string, value: unknown): [string, string, SqlValue[]] => [
    name,
    "?",
    [value === undefined ? null : (value as SqlValue)],
  ];
  const sample = v("sample", r.provenance === "illustrative" ? 1 : 0);
  switch (entity) {
    case "channel":
      return [
        v("slug", r.slug),
        v("name", r.name),
        v("kind", r.kind),
        v("website", r.website),
        v("description_vi", r.description_vi),
        v("description_en", r.description_en),
        v("sources", JSON.stringify(r.sources ?? [])),
        sample,
        v("provenance", r.provenance),
      ];
    case "listing":
      return [
        ["channel_id", "(SELECT id FROM channels WHERE slug = ?)", [r.channel as string]],
        ["product_id", "(SELECT id FROM products WHERE slug = ?)", [r.product as string]],
        v("status", r.status),
        v("price_vnd", r.price_vnd),
        v("channel_sku", r.channel_sku),
        v("url", r.url),
        v("stores", JSON.stringify(r.stores ?? [])),
        v("note", r.note),
        v("last_verified", r.last_verified),
        v("source_url", r.source_url),
        sample,
        v("provenance", r.provenance),
        // An editor's write is not a retailer key's: the change feed names no key for it.
        ["updated_by", "NULL", []],
      ];
    case "support_project":
      return [
        ["producer_id", "(SELECT id FROM producers WHERE slug = ?)", [(r.producer as string | null) ?? null]],
        v("year", r.year),
        v("fund", r.fund),
        v("amount_vnd", r.amount_vnd),
        v("title_vi", r.title_vi),
        v("title_en", r.title_en),
        v("kind", r.kind),
        v("source_url", r.source_url),
        sample,
        v("provenance", r.provenance),
      ];
    case "programme_figure":
      return [
        v("key", r.key),
        v("group_key", r.group_key),
        v("label_vi", r.label_vi),
        v("label_en", r.label_en),
        v("value", r.value),
        v("unit", r.unit),
        v("fund", r.fund),
        v("period", r.period),
        v("qualifier", r.qualifier),
        v("source_url", r.source_url),
        v("provenance", r.provenance),
      ];
  }
}

export function insertStatement(entity: PlainEntity, r: Record<string, unknown>): Statement {
  const cols = columns(entity, r);
  const table = TABLE[entity];
  return {
    sql: `INSERT INTO ${table} (id, ${cols.map(([n]) => n).join(", ")}, updated_at)
      VALUES ((SELECT max(${EDITOR_ID_FLOOR}, coalesce(max(id), 0) + 1) FROM ${table}), ${cols.map(([, e]) => e).join(", ")}, ${NOW})
      RETURNING id`,
    params: cols.flatMap(([, , p]) => p),
  };
}

export function updateStatement(entity: PlainEntity, id: number, r: Record<string, unknown>): Statement {
  const cols = columns(entity, r);
  const version = entity === "listing" ? ", version = version + 1" : "";
  return {
    sql: `UPDATE ${TABLE[entity]} SET ${cols.map(([n, e]) => `${n} = ${e}`).join(", ")}${version}, updated_at = ${NOW} WHERE id = ?`,
    params: [...cols.flatMap(([, , p]) => p), id],
  };
}

/** The key a record is found by (what its path names). */
export function keyOf(entity: PlainEntity, r: Record<string, unknown>, id?: number): string {
  if (entity === "channel") return String(r.slug);
  if (entity === "programme_figure") return String(r.key);
  if (entity === "listing") return `${r.channel}/${r.product}`;
  return String(id ?? "");
}

/** References a record makes to others, as existence checks (name of the field, SQL, parameter). */
export function references(entity: PlainEntity, r: Record<string, unknown>): [string, string, SqlValue][] {
  if (entity === "listing")
    return [
      ["channel", "SELECT 1 FROM channels WHERE slug = ?", r.channel as string],
      ["product", "SELECT 1 FROM products WHERE slug = ?", r.product as string],
    ];
  if (entity === "support_project" && r.producer)
    return [["producer", "SELECT 1 FROM producers WHERE slug = ?", r.producer as string]];
  return [];
}
