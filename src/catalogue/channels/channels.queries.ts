import { and, asc, eq, getTableColumns, gt, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import { asProvenance, type IncludeAsked, includeFor } from "../../domain/provenance.ts";
import type { Lang } from "../../domain/vocabulary.ts";
import { type Db, qualified } from "../../platform/db/client.ts";
import {
  aliased,
  aliasedCard,
  channelOut,
  listingOut,
  productCardOut,
  realOnly,
} from "../../platform/db/mappers.ts";
import { keysetPage, type PageInput } from "../../platform/db/pagination.ts";
import { channels, listings, products } from "../../platform/db/schema.ts";
import { type CursorKeys, decodeCursor } from "../../platform/lib/cursor.ts";

const l = alias(listings, "l");
const p = alias(products, "p");
// A listing is illustrative when it is, or when its product is.
const ILLUSTRATIVE_LISTING = sql`(${qualified(l.provenance)} = 'illustrative' OR EXISTS (SELECT 1 FROM ${products} ${p} WHERE ${qualified(p.id)} = ${qualified(l.productId)} AND ${qualified(p.provenance)} = 'illustrative'))`;

/**
 * Retail channels in the order they joined the catalogue (keyset-paginated), with how many products each lists and
 * how many of those listings are illustrative. Without `include`, illustrative listings are not counted
 * (`illustrative_listing_count` is then 0).
 */
export async function listChannels(
  db: Db,
  secret: CursorKeys,
  input: PageInput & { lang: Lang; include: boolean },
) {
  const { include } = input;
  // `include` selects rows (illustrative channels), so a cursor belongs to one choice of it.
  const scope = `channels|${include ? "all" : "real"}`;
  const after = input.cursor ? await decodeCursor(secret, input.cursor, scope, 1) : null;
  const [rows, total] = await db.batch([
    db
      .select({
        ...getTableColumns(channels),
        listingCount: sql<number>`(SELECT count(*) FROM ${listings} ${l} WHERE ${qualified(l.channelId)} = ${qualified(channels.id)}${include ? sql`` : sql` AND NOT ${ILLUSTRATIVE_LISTING}`})`,
        illustrativeCount: sql<number>`(SELECT count(*) FROM ${listings} ${l} WHERE ${qualified(l.channelId)} = ${qualified(channels.id)} AND ${include ? ILLUSTRATIVE_LISTING : sql`0`})`,
      })
      .from(channels)
      .where(
        and(realOnly(include, channels.provenance), after ? gt(channels.id, Number(after[0])) : undefined),
      )
      .orderBy(asc(channels.id))
      .limit(input.limit + 1),
    db.select({ n: sql<number>`count(*)` }).from(channels).where(realOnly(include, channels.provenance)),
  ]);
  const { items, hasMore, nextCursor } = await keysetPage(rows, input.limit, {
    secret,
    scope,
    keyOf: (c) => [c.id],
  });
  return {
    data: items.map((c) => ({
      ...channelOut(c, input.lang, include),
      listing_count: c.listingCount,
      illustrative_listing_count: c.illustrativeCount,
    })),
    page: { limit: input.limit, total: total[0]?.n ?? 0, has_more: hasMore, next_cursor: nextCursor },
  };
}

/**
 * One channel and every listing it has, with the listed products; real listings first. Without `include`,
 * illustrative listings (and listings of illustrative products) are left out ({@link IncludeAsked}).
 */
export async function getChannel(db: Db, slug: string, lang: Lang, asked: IncludeAsked = true) {
  const [found, rows] = await db.batch([
    db.select().from(channels).where(eq(channels.slug, slug)),
    db
      .select({
        listing: getTableColumns(listings),
        channel: aliased(channels, "ch"),
        product: aliasedCard,
      })
      .from(listings)
      .innerJoin(channels, eq(channels.id, listings.channelId))
      .innerJoin(products, eq(products.id, listings.productId))
      .where(eq(channels.slug, slug))
      .orderBy(
        sql`(${listings.provenance} = 'illustrative' OR ${products.provenance} = 'illustrative')`,
        asc(products.sortVi),
      ),
  ]);
  const c = found[0];
  if (!c) return null;
  const include = includeFor(asked, c.provenance);
  if (!include && c.provenance === "illustrative") return "illustrative" as const;
  const out = rows.map((r) => ({
    ...listingOut(
      { ...r.listing, channel: r.channel },
      undefined,
      include,
      asProvenance(r.product.provenance),
    ),
    product: productCardOut(r.product, lang, include),
  }));
  return {
    ...channelOut(c, lang, include),
    listings: include ? out : out.filter((l) => l.provenance.record !== "illustrative"),
  };
}
