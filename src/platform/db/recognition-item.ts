import { eq, getTableColumns, sql } from "drizzle-orm";
import { type Lang, pick } from "../../domain/vocabulary.ts";
import type { Db } from "./client.ts";
import { recognitionOut, renewedIn } from "./mappers.ts";
import { producers, products, recognitions } from "./schema.ts";

/**
 * Recognitions with their product's and producer's slug and name: the rows of the recognitions list, of one
 * recognition, and of the change feed's records.
 */
export const recognitionItems = (db: Db) =>
  db
    .select({
      ...getTableColumns(recognitions),
      renewedIn,
      productSlug: sql<string>`${products.slug}`.as("p_slug"),
      productVi: sql<string>`${products.nameVi}`.as("p_name_vi"),
      productEn: sql<string>`${products.nameEn}`.as("p_name_en"),
      productProvenance: sql<string>`${products.provenance}`.as("p_provenance"),
      producerSlug: sql<string>`${producers.slug}`.as("pr_slug"),
      producerName: sql<string>`${producers.name}`.as("pr_name"),
    })
    .from(recognitions)
    .innerJoin(products, eq(products.id, recognitions.productId))
    .innerJoin(producers, eq(producers.id, products.producerId));

export type RecognitionItemRow = Awaited<ReturnType<ReturnType<typeof recognitionItems>["all"]>>[number];

/** One recognition as the list shows it: with its product and producer. */
export function recognitionItemOut(r: RecognitionItemRow, lang: Lang, include: boolean | undefined) {
  const product = { slug: r.productSlug, name: pick(lang, r.productVi, r.productEn) };
  // `product` keeps its place after `id` (recognitionOut puts it there); restated so its type is not optional.
  return {
    ...recognitionOut(r, lang, product, include),
    product,
    producer: { slug: r.producerSlug, name: r.producerName },
  };
}
