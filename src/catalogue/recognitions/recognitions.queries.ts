import { and, asc, desc, eq, getTableColumns, gt, lt, or, type SQL, sql } from "drizzle-orm";
import { type Lang, pick } from "../../domain/vocabulary.ts";
import type { Db } from "../../platform/db/client.ts";
import { realOnly, recognitionOut } from "../../platform/db/mappers.ts";
import { keysetPage, type PageInput } from "../../platform/db/pagination.ts";
import { producers, products, recognitions } from "../../platform/db/schema.ts";
import { type CursorKeys, decodeCursor } from "../../platform/http/cursor.ts";

/** Recognitions filtered by scheme, level and year; newest first, keyset-paginated. */
export async function listRecognitions(
  db: Db,
  secret: CursorKeys,
  input: PageInput & { scheme?: string; level?: string; year?: number; lang: Lang; include?: boolean },
) {
  const scope = `recognitions|${input.scheme ?? ""}|${input.level ?? ""}|${input.year ?? ""}|${input.include ? "all" : "real"}`;
  const after = input.cursor ? await decodeCursor(secret, input.cursor, scope, 2) : null;
  const yearKey = sql<number>`coalesce(${recognitions.year}, 0)`;
  const conds: (SQL | undefined)[] = [
    input.scheme ? eq(recognitions.scheme, input.scheme as never) : undefined,
    input.level ? eq(recognitions.level, input.level as never) : undefined,
    input.year ? eq(recognitions.year, input.year) : undefined,
    // Illustrative recognitions, and those of illustrative products, only when asked for.
    realOnly(input.include, recognitions.provenance),
    realOnly(input.include, products.provenance),
  ];
  const filtered = and(...conds);
  if (after) {
    const [y, id] = after as [number, number];
    conds.push(or(lt(yearKey, y), and(eq(yearKey, y), gt(recognitions.id, id))));
  }
  const [rows, total] = await db.batch([
    db
      .select({
        ...getTableColumns(recognitions),
        productSlug: sql<string>`${products.slug}`.as("p_slug"),
        productVi: sql<string>`${products.nameVi}`.as("p_name_vi"),
        productEn: sql<string>`${products.nameEn}`.as("p_name_en"),
        producerSlug: sql<string>`${producers.slug}`.as("pr_slug"),
        producerName: sql<string>`${producers.name}`.as("pr_name"),
      })
      .from(recognitions)
      .innerJoin(products, eq(products.id, recognitions.productId))
      .innerJoin(producers, eq(producers.id, products.producerId))
      .where(and(...conds))
      .orderBy(desc(yearKey), asc(recognitions.id))
      .limit(input.limit + 1),
    db
      .select({ n: sql<number>`count(*)` })
      .from(recognitions)
      .innerJoin(products, eq(products.id, recognitions.productId))
      .where(filtered),
  ]);
  const { items, hasMore, nextCursor } = await keysetPage(rows, input.limit, {
    secret,
    scope,
    keyOf: (r) => [r.year ?? 0, r.id],
  });
  return {
    data: items.map((r) => ({
      ...recognitionOut(
        r,
        input.lang,
        { slug: r.productSlug, name: pick(input.lang, r.productVi, r.productEn) },
        input.include,
      ),
      producer: { slug: r.producerSlug, name: r.producerName },
    })),
    page: { limit: input.limit, total: total[0]?.n ?? 0, has_more: hasMore, next_cursor: nextCursor },
  };
}
