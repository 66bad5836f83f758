import { asc, eq, getTableColumns, sql } from "drizzle-orm";
import type { Lang } from "../../domain.ts";
import { asProvenance } from "../../provenance.ts";
import type { Db } from "../client.ts";
import { aliased, aliasedCard, channelOut, listingOut, productCardOut, realOnly } from "../mappers.ts";
import { channels, listings, products } from "../schema.ts";

// A listing is illustrative when it is, or when its product is.
const ILLUSTRATIVE_LISTING = `(l.provenance = 'illustrative' OR EXISTS (SELECT 1 FROM products p WHERE p.id = l.product_id AND p.provenance = 'illustrative'))`;

/**
 * All retail channels with how many products each lists, and how many of those listings are illustrative.
 * Without `include`, illustrative listings are not counted (`illustrative_listing_count` is then 0).
 */
export async function listChannels(db: Db, lang: Lang, include = true) {
  // A batch (of one) so that the catalogue version for the ETag rides in the same round trip (countedD1).
  const [rows] = await db.batch([
    db
      .select({
        ...getTableColumns(channels),
        listingCount: sql<number>`(SELECT count(*) FROM listings l WHERE l.channel_id = "channels"."id"${sql.raw(include ? "" : ` AND NOT ${ILLUSTRATIVE_LISTING}`)})`,
        illustrativeCount: sql<number>`(SELECT count(*) FROM listings l WHERE l.channel_id = "channels"."id" AND ${sql.raw(include ? ILLUSTRATIVE_LISTING : "0")})`,
      })
      .from(channels)
      .where(realOnly(include, channels.provenance))
      .orderBy(asc(channels.id)),
  ]);
  return rows.map((c) => ({
    ...channelOut(c, lang, include),
    listing_count: c.listingCount,
    illustrative_listing_count: c.illustrativeCount,
  }));
}

/**
 * One channel and every listing it has, with the listed products; real listings first. Without `include`,
 * illustrative listings (and listings of illustrative products) are left out.
 */
export async function getChannel(db: Db, slug: string, lang: Lang, include = true) {
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
