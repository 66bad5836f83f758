import { and, asc, desc, eq, gt, lt, or, type SQL, sql } from "drizzle-orm";
import type { Lang } from "../../domain/vocabulary.ts";
import type { Db } from "../../platform/db/client.ts";
import { realOnly } from "../../platform/db/mappers.ts";
import { keysetPage, type PageInput } from "../../platform/db/pagination.ts";
import { recognitionItemOut, recognitionItems } from "../../platform/db/recognition-item.ts";
import { products, recognitions } from "../../platform/db/schema.ts";
import { type CursorKeys, decodeCursor } from "../../platform/lib/cursor.ts";

/**
 * One recognition as the list shows it, or null. One round trip. Unless `include` is set, an illustrative
 * recognition (or one of an illustrative product) is answered as `"illustrative"`, not returned.
 */
export async function getRecognition(db: Db, id: number, lang: Lang, include: boolean) {
  const [rows] = await db.batch([recognitionItems(db).where(eq(recognitions.id, id))]);
  const row = rows[0];
  if (!row) return null;
  const illustrative = row.provenance === "illustrative" || row.productProvenance === "illustrative";
  return !include && illustrative ? ("illustrative" as const) : recognitionItemOut(row, lang, include);
}

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
    recognitionItems(db)
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
    data: items.map((r) => recognitionItemOut(r, input.lang, input.include)),
    page: { limit: input.limit, total: total[0]?.n ?? 0, has_more: hasMore, next_cursor: nextCursor },
  };
}
