// What the record pages list: every product or producer with its status (published, changed, a draft only), and
// the producer slugs a product form offers. Each is one D1 batch of the live rows and the drafts.
import type { CountedD1 } from "../../platform/env.ts";
import { fold } from "../../platform/lib/fold.ts";

/** Producer slugs (published and drafts), for the product form's select. */
export async function producerSlugs(d1: CountedD1): Promise<string[]> {
  const [live, drafts] = await d1.batch<{ slug: string }>([
    d1.prepare("SELECT slug FROM producers ORDER BY slug"),
    d1.prepare("SELECT key AS slug FROM editor_drafts WHERE entity = 'producer' ORDER BY key"),
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
  const table = kind === "product" ? "products" : "producers";
  const name = kind === "product" ? "name_vi" : "name";
  const [live, drafts] = await d1.batch<Record<string, string>>([
    d1.prepare(
      `SELECT slug, ${name} AS name FROM ${table} ORDER BY ${kind === "product" ? "sort_vi" : "name"}`,
    ),
    d1
      .prepare(
        `SELECT key AS slug, json_extract(payload, '$.${name}') AS name FROM editor_drafts WHERE entity = ?`,
      )
      .bind(kind),
  ]);
  const draftBySlug = new Map((drafts?.results ?? []).map((r) => [String(r.slug), String(r.name)]));
  const rows: RecordRow[] = (live?.results ?? []).map((r) => ({
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
