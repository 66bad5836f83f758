import { asc, eq, getTableColumns, sql } from "drizzle-orm";
import type { Lang } from "../../domain.ts";
import type { Db } from "../client.ts";
import { aliased, aliasedCard, channelOut, listingOut, productCardOut } from "../mappers.ts";
import { channels, listings, products } from "../schema.ts";

/** All retail channels with how many products each lists. */
export async function listChannels(db: Db, lang: Lang) {
  // A batch (of one) so that the catalogue version for the ETag rides in the same round trip (countedD1).
  const [rows] = await db.batch([
    db
      .select({
        ...getTableColumns(channels),
        listingCount: sql<number>`(SELECT count(*) FROM listings l WHERE l.channel_id = "channels"."id")`,
      })
      .from(channels)
      .orderBy(asc(channels.id)),
  ]);
  return rows.map((c) => ({ ...channelOut(c, lang), listing_count: c.listingCount }));
}

/** One channel and every listing it has, with the listed products. */
export async function getChannel(db: Db, slug: string, lang: Lang) {
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
      .orderBy(asc(products.sortVi)),
  ]);
  const c = found[0];
  if (!c) return null;
  return {
    ...channelOut(c, lang),
    listings: rows.map((r) => ({
      ...listingOut({ ...r.listing, channel: r.channel }),
      product: productCardOut(r.product, lang),
    })),
  };
}
