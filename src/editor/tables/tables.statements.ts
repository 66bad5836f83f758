// The plain tables' write statements: the guard that aborts a batch when the row moved since it was read, the
// insert and the update of a record's columns (references become id lookups), and the existence checks of the
// records it references.
import { type Column, type SQL, sql } from "drizzle-orm";
import { bare, bareList, NOW } from "../../platform/db/client.ts";
import { channels, listings, producers, products } from "../../platform/db/schema.ts";
import { EDITOR_ID_FLOOR, type SqlValue } from "../records/statements.ts";
import { type PlainState, TABLE } from "./tables.queries.ts";
import type { PlainEntity } from "./tables.schemas.ts";

/** Aborts its batch unless the row is still as it was read (see store.ts `guard`: json() of 'stale' raises). */
export function plainGuard(entity: PlainEntity, s: PlainState): SQL {
  const table = TABLE[entity];
  return sql`SELECT json(CASE WHEN (SELECT ${table.updatedAt} FROM ${table} WHERE ${table.id} = ${s.id}) IS ${s.stamp}
    THEN '1' ELSE 'stale' END)`;
}

/** A product's, channel's or producer's id by its slug (null when none has it). */
const idOf = (table: typeof channels | typeof products | typeof producers, slug: unknown) =>
  sql`(SELECT ${table.id} FROM ${table} WHERE ${table.slug} = ${(slug as string | null | undefined) ?? null})`;

/** Column values of a record, as the schema's columns and SQL values (references become id lookups). */
function columns(entity: PlainEntity, r: Record<string, unknown>): [Column, SQL][] {
  const v = (column: Column, value: unknown): [Column, SQL] => [
    column,
    sql`${value === undefined ? null : (value as SqlValue)}`,
  ];
  const sample = (column: Column): [Column, SQL] => v(column, r.provenance === "illustrative" ? 1 : 0);
  switch (entity) {
    case "channel": {
      const t = TABLE.channel;
      return [
        v(t.slug, r.slug),
        v(t.name, r.name),
        v(t.kind, r.kind),
        v(t.website, r.website),
        v(t.descriptionVi, r.description_vi),
        v(t.descriptionEn, r.description_en),
        v(t.sources, JSON.stringify(r.sources ?? [])),
        sample(t.sample),
        v(t.provenance, r.provenance),
      ];
    }
    case "listing": {
      const t = TABLE.listing;
      return [
        [t.channelId, idOf(channels, r.channel)],
        [t.productId, idOf(products, r.product)],
        v(t.status, r.status),
        v(t.priceVnd, r.price_vnd),
        v(t.channelSku, r.channel_sku),
        v(t.url, r.url),
        v(t.stores, JSON.stringify(r.stores ?? [])),
        v(t.note, r.note),
        v(t.lastVerified, r.last_verified),
        v(t.sourceUrl, r.source_url),
        sample(t.sample),
        v(t.provenance, r.provenance),
        // An editor's write is not a retailer key's: the change feed names no key for it.
        [t.updatedBy, sql`NULL`],
      ];
    }
    case "support_project": {
      const t = TABLE.support_project;
      return [
        [t.producerId, idOf(producers, r.producer)],
        v(t.year, r.year),
        v(t.fund, r.fund),
        v(t.amountVnd, r.amount_vnd),
        v(t.titleVi, r.title_vi),
        v(t.titleEn, r.title_en),
        v(t.kind, r.kind),
        v(t.sourceUrl, r.source_url),
        sample(t.sample),
        v(t.provenance, r.provenance),
      ];
    }
    case "programme_figure": {
      const t = TABLE.programme_figure;
      return [
        v(t.key, r.key),
        v(t.groupKey, r.group_key),
        v(t.labelVi, r.label_vi),
        v(t.labelEn, r.label_en),
        v(t.value, r.value),
        v(t.unit, r.unit),
        v(t.fund, r.fund),
        v(t.period, r.period),
        v(t.qualifier, r.qualifier),
        v(t.sourceUrl, r.source_url),
        v(t.provenance, r.provenance),
      ];
    }
  }
}

export function insertStatement(entity: PlainEntity, r: Record<string, unknown>): SQL {
  const cols = columns(entity, r);
  const table = TABLE[entity];
  return sql`INSERT INTO ${table} (${bareList(table.id, ...cols.map(([c]) => c), table.updatedAt)})
    VALUES ((SELECT max(${EDITOR_ID_FLOOR}, coalesce(max(${table.id}), 0) + 1) FROM ${table}),
      ${sql.join(
        cols.map(([, e]) => e),
        sql`, `,
      )}, ${NOW})
    RETURNING ${bare(table.id)}`;
}

export function updateStatement(entity: PlainEntity, id: number, r: Record<string, unknown>): SQL {
  const table = TABLE[entity];
  const sets = columns(entity, r).map(([c, e]) => sql`${bare(c)} = ${e}`);
  if (entity === "listing") sets.push(sql`${bare(listings.version)} = ${listings.version} + 1`);
  sets.push(sql`${bare(table.updatedAt)} = ${NOW}`);
  return sql`UPDATE ${table} SET ${sql.join(sets, sql`, `)} WHERE ${table.id} = ${id}`;
}

/** The key a record is found by (what its path names). */
export function keyOf(entity: PlainEntity, r: Record<string, unknown>, id?: number): string {
  if (entity === "channel") return String(r.slug);
  if (entity === "programme_figure") return String(r.key);
  if (entity === "listing") return `${r.channel}/${r.product}`;
  return String(id ?? "");
}

/** References a record makes to others, as existence checks (name of the field, the check, the slug it looks for). */
export function references(entity: PlainEntity, r: Record<string, unknown>): [string, SQL, SqlValue][] {
  const exists = (table: typeof channels | typeof products | typeof producers, slug: string) =>
    sql`SELECT 1 FROM ${table} WHERE ${table.slug} = ${slug}`;
  if (entity === "listing")
    return [
      ["channel", exists(channels, r.channel as string), r.channel as string],
      ["product", exists(products, r.product as string), r.product as string],
    ];
  if (entity === "support_project" && r.producer)
    return [["producer", exists(producers, r.producer as string), r.producer as string]];
  return [];
}
