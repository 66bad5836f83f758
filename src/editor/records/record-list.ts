// What the record pages list: every product or producer with its status (published, changed, a draft only), and
// the producer slugs a product form offers. Each is one D1 batch of the live rows and the drafts.
import { sql } from "drizzle-orm";
import { toStatement } from "../../platform/db/client.ts";
import { editorDrafts as d, producers, products } from "../../platform/db/schema.ts";
import type { CountedD1 } from "../../platform/env.ts";
import { fold } from "../../platform/lib/fold.ts";

/** Producer slugs (published and drafts), for the product form's select. */
export async function producerSlugs(d1: CountedD1): Promise<string[]> {
  const [live, drafts] = await d1.batch<{ slug: string }>([
    toStatement(d1, sql`SELECT ${producers.slug} FROM ${producers} ORDER BY ${producers.slug}`),
    toStatement(d1, sql`SELECT ${d.key} AS slug FROM ${d} WHERE ${d.entity} = 'producer' ORDER BY ${d.key}`),
  ]);
  return [...new Set([...(live?.results ?? []), ...(drafts?.results ?? [])].map((r) => r.slug))].sort();
}

export interface RecordRow {
  slug: string;
  name: string;
  status: "draft" | "published" | "changed";
}

/** Every record of a kind with its status (published rows and drafts), filtered by folded name and status. */
export async function listRecords(
  d1: CountedD1,
  kind: "product" | "producer",
  q: string,
  status: string,
): Promise<RecordRow[]> {
  // The live rows' name column, and the same field in a draft's record (the record's own field name).
  const live =
    kind === "product"
      ? sql`SELECT ${products.slug}, ${products.nameVi} AS name FROM ${products} ORDER BY ${products.sortVi}`
      : sql`SELECT ${producers.slug}, ${producers.name} AS name FROM ${producers} ORDER BY ${producers.name}`;
  const path = kind === "product" ? "$.name_vi" : "$.name";
  const [liveRows, drafts] = await d1.batch<Record<string, string>>([
    toStatement(d1, live),
    toStatement(
      d1,
      sql`SELECT ${d.key} AS slug, json_extract(${d.payload}, ${path}) AS name FROM ${d} WHERE ${d.entity} = ${kind}`,
    ),
  ]);
  const draftBySlug = new Map((drafts?.results ?? []).map((r) => [String(r.slug), String(r.name)]));
  const rows: RecordRow[] = (liveRows?.results ?? []).map((r) => ({
    slug: String(r.slug),
    name: String(draftBySlug.get(String(r.slug)) ?? r.name),
    status: draftBySlug.has(String(r.slug)) ? "changed" : "published",
  }));
  const liveSlugs = new Set(rows.map((r) => r.slug));
  for (const [slug, n] of draftBySlug)
    if (!liveSlugs.has(slug)) rows.unshift({ slug, name: String(n), status: "draft" });
  const needle = fold(q);
  return rows.filter(
    (r) =>
      (!needle || fold(r.name).includes(needle) || r.slug.includes(needle)) &&
      (!status || r.status === status),
  );
}
