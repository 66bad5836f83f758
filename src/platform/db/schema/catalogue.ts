// The catalogue's own tables: producers, products, their recognitions, product kinds, the khuyến công support
// projects and the programme's figures, and the catalogue's version (the ETags' counter).
import { sql } from "drizzle-orm";
import { index, integer, real, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { QUALIFIERS } from "../../../domain/provenance.ts";
import { CNNT_LEVELS, FUNDS, LEGAL_TYPES, PRODUCT_GROUPS, SCHEMES } from "../../../domain/vocabulary.ts";
import { fieldProvenance, provenance, sampleFields, sources, timestamps } from "./columns.ts";

/** Whether a producer's commune and street are as before or after the 1 July 2025 reform (null: not known). */
export const ADDRESS_ERAS = ["before_2025_reform", "after_2025_reform"] as const;

export const producers = sqliteTable(
  "producers",
  {
    id: integer("id").primaryKey(),
    slug: text("slug").notNull(),
    name: text("name").notNull(),
    legalType: text("legal_type", { enum: LEGAL_TYPES }).notNull(),
    street: text("street"),
    commune: text("commune"),
    district: text("district"),
    districtSlug: text("district_slug"),
    province: text("province").notNull().default("Cao Bằng"),
    foundedYear: integer("founded_year"),
    representative: text("representative"),
    descriptionVi: text("description_vi").notNull().default(""),
    descriptionEn: text("description_en").notNull().default(""),
    sources: sources(),
    sample: integer("sample", { mode: "boolean" }).notNull().default(false),
    sampleFields: sampleFields(),
    provenance: provenance(),
    fieldProvenance: fieldProvenance(),
    addressAsOf: text("address_as_of", { enum: ADDRESS_ERAS }),
    /** An uploaded photo (/anh/…, migration 0015) and what it shows, in both languages. */
    image: text("image"),
    imageAltVi: text("image_alt_vi"),
    imageAltEn: text("image_alt_en"),
    /** The contact the producer chose to publish (issue 24: proposed by its account, published by an editor). */
    publicContact: text("public_contact"),
    /** The date the producer itself last stated values of this record (its proposal, published): a source. */
    producerStatedOn: text("producer_stated_on"),
    ...timestamps,
  },
  (t) => [uniqueIndex("producers_slug_uq").on(t.slug), index("producers_district_idx").on(t.districtSlug)],
);

export const products = sqliteTable(
  "products",
  {
    id: integer("id").primaryKey(),
    slug: text("slug").notNull(),
    producerId: integer("producer_id")
      .notNull()
      .references(() => producers.id),
    nameVi: text("name_vi").notNull(),
    nameEn: text("name_en").notNull(),
    descriptionVi: text("description_vi").notNull().default(""),
    descriptionEn: text("description_en").notNull().default(""),
    productGroup: text("product_group", { enum: PRODUCT_GROUPS }).notNull(),
    categoryVi: text("category_vi").notNull(),
    categoryEn: text("category_en").notNull(),
    packaging: text("packaging", { mode: "json" })
      // labelEn: the pack's name in English, when the record has one (English pages show it; else the Vietnamese).
      // `gtin`: the pack's GS1 number as a producer or chain states it (absent or null until then).
      .$type<
        {
          label: string;
          labelEn?: string;
          netWeightG: number | null;
          priceVnd: number | null;
          sample: boolean;
          gtin?: string | null;
        }[]
      >()
      .notNull()
      .default(sql`'[]'`),
    image: text("image"),
    imageAltVi: text("image_alt_vi"),
    imageAltEn: text("image_alt_en"),
    sources: sources(),
    sample: integer("sample", { mode: "boolean" }).notNull().default(false),
    sampleFields: sampleFields(),
    provenance: provenance(),
    fieldProvenance: fieldProvenance(),
    /** Highest CNNT-TB level reached (0 none … 4 national); kept by triggers on recognitions. */
    tierRank: integer("tier_rank").notNull().default(0),
    /** Highest OCOP star rating; kept by triggers on recognitions. */
    ocopStars: integer("ocop_stars").notNull().default(0),
    /**
     * The strongest recognition, for the "highest recognition" order: its grade × 10,000 plus its stated year (0
     * when the year is not stated or only inferred), so among equal grades a recent rating comes first and one of
     * unknown year last. An OCOP rating's grade is lower once it may have lapsed (36 months). Kept by triggers on
     * recognitions and the cron (migration 0024, src/platform/db/recognition-rank.ts; grades in docs/shoppers.md).
     */
    recognitionRank: integer("recognition_rank").notNull().default(0),
    /** Accent-folded name (vi) for sorting. */
    sortVi: text("sort_vi").notNull(),
    sortEn: text("sort_en").notNull(),
    /** The date the producer itself last stated values of this product (its proposal, published): a source. */
    producerStatedOn: text("producer_stated_on"),
    ...timestamps,
  },
  (t) => [
    uniqueIndex("products_slug_uq").on(t.slug),
    index("products_producer_idx").on(t.producerId, t.sortVi, t.id),
    index("products_group_idx").on(t.productGroup, t.sortVi, t.id),
    // The default order (strongest recognition first, then name): a DESC key lets SQLite read it in order.
    index("products_recognition_sort_vi_idx").on(sql`${t.recognitionRank} DESC`, t.sortVi, t.id),
    index("products_recognition_sort_en_idx").on(sql`${t.recognitionRank} DESC`, t.sortEn, t.id),
    // Covering indexes for the tier and group filters and their facet counts (index entries, not rows); they end
    // with provenance because every count leaves illustrative products out or counts them apart.
    index("products_tier_group_idx").on(t.tierRank, t.productGroup, t.producerId, t.provenance),
    index("products_group_tier_idx").on(t.productGroup, t.tierRank, t.producerId, t.provenance),
    // Related products of a category, best first, read as a LIMITed range.
    index("products_category_tier_idx").on(t.categoryVi, sql`${t.tierRank} DESC`, t.sortVi),
    // Facet counts of a search: the matches are looked up by id in this narrow index, not in the (wide) rows.
    index("products_facet_idx").on(t.id, t.tierRank, t.productGroup, t.producerId, t.provenance),
    // Real products first (the shopper's pages, include=illustrative): the order leads with this expression
    // (migration 0016).
    index("products_real_recognition_vi_idx").on(
      sql`(${t.provenance} = 'illustrative')`,
      sql`${t.recognitionRank} DESC`,
      t.sortVi,
      t.id,
    ),
    index("products_real_recognition_en_idx").on(
      sql`(${t.provenance} = 'illustrative')`,
      sql`${t.recognitionRank} DESC`,
      t.sortEn,
      t.id,
    ),
    index("products_real_name_vi_idx").on(sql`(${t.provenance} = 'illustrative')`, t.sortVi, t.id),
    index("products_real_name_en_idx").on(sql`(${t.provenance} = 'illustrative')`, t.sortEn, t.id),
    // The producer facet's counts and illustrative shares, from index entries.
    index("products_producer_provenance_idx").on(t.producerId, t.provenance),
    index("products_sort_vi_idx").on(t.sortVi, t.id),
    index("products_sort_en_idx").on(t.sortEn, t.id),
    index("products_created_idx").on(t.createdAt, t.id),
  ],
);

export const recognitions = sqliteTable(
  "recognitions",
  {
    id: integer("id").primaryKey(),
    productId: integer("product_id")
      .notNull()
      .references(() => products.id, { onDelete: "cascade" }),
    scheme: text("scheme", { enum: SCHEMES }).notNull(),
    level: text("level", { enum: CNNT_LEVELS }),
    stars: integer("stars"),
    year: integer("year"),
    titleVi: text("title_vi").notNull(),
    titleEn: text("title_en").notNull(),
    decisionNumber: text("decision_number"),
    issuer: text("issuer"),
    sourceUrl: text("source_url").notNull(),
    verified: integer("verified", { mode: "boolean" }).notNull().default(false),
    sample: integer("sample", { mode: "boolean" }).notNull().default(false),
    noteVi: text("note_vi"),
    noteEn: text("note_en"),
    provenance: provenance(),
    fieldProvenance: fieldProvenance(),
    ...timestamps,
  },
  (t) => [
    index("recognitions_product_idx").on(t.productId, t.scheme, t.level),
    index("recognitions_scheme_idx").on(t.scheme, t.level, t.year),
    // The scheme facet without other filters: distinct products per scheme from the index alone.
    index("recognitions_scheme_product_idx").on(t.scheme, t.productId),
    index("recognitions_year_idx").on(t.year),
  ],
);

/** A statement about a product kind, in both languages, with the sources that make it. */
export interface KindFact {
  vi: string;
  en: string;
  sources: string[];
}

/**
 * A product kind (migration 0017): miến dong, khẩu sli, chè giảo cổ lam… What the sources say about it (`facts`),
 * the product categories it covers (a product's kind is the one whose `categories` hold its `category_vi`), and its
 * names folded for search. A kind may hold no product.
 */
export const kinds = sqliteTable(
  "kinds",
  {
    id: integer("id").primaryKey(),
    slug: text("slug").notNull(),
    nameVi: text("name_vi").notNull(),
    nameEn: text("name_en").notNull(),
    /** One of the five products the programme article names as the province's representative products. */
    representative: integer("representative", { mode: "boolean" }).notNull().default(false),
    facts: text("facts", { mode: "json" }).$type<KindFact[]>().notNull().default(sql`'[]'`),
    categories: text("categories", { mode: "json" }).$type<string[]>().notNull().default(sql`'[]'`),
    /** Its names (Vietnamese, English, other names the sources use), folded: what the catalogue search matches. */
    searchNames: text("search_names", { mode: "json" }).$type<string[]>().notNull().default(sql`'[]'`),
    sortVi: text("sort_vi").notNull(),
    sources: sources(),
    provenance: provenance(),
    fieldProvenance: fieldProvenance(),
    ...timestamps,
  },
  (t) => [uniqueIndex("kinds_slug_uq").on(t.slug)],
);

export const supportProjects = sqliteTable(
  "support_projects",
  {
    id: integer("id").primaryKey(),
    producerId: integer("producer_id").references(() => producers.id),
    year: integer("year"),
    fund: text("fund", { enum: FUNDS }).notNull(),
    amountVnd: integer("amount_vnd"),
    titleVi: text("title_vi").notNull(),
    titleEn: text("title_en").notNull(),
    kind: text("kind"),
    sourceUrl: text("source_url").notNull(),
    sample: integer("sample", { mode: "boolean" }).notNull().default(false),
    provenance: provenance(),
    fieldProvenance: fieldProvenance(),
    ...timestamps,
  },
  (t) => [index("support_projects_producer_idx").on(t.producerId, t.year)],
);

export const programmeFigures = sqliteTable(
  "programme_figures",
  {
    id: integer("id").primaryKey(),
    key: text("key").notNull(),
    groupKey: text("group_key").notNull(),
    labelVi: text("label_vi").notNull(),
    labelEn: text("label_en").notNull(),
    value: real("value").notNull(),
    unit: text("unit", { enum: ["projects", "vnd", "facilities", "products"] }).notNull(),
    fund: text("fund", { enum: ["national", "local", "total"] }),
    period: text("period").notNull(),
    /** The source's hedge on the value ("hơn" more than, "gần" nearly, "khoảng" about); null when exact. */
    qualifier: text("qualifier", { enum: QUALIFIERS }),
    provenance: provenance(),
    sourceUrl: text("source_url").notNull(),
    ...timestamps,
  },
  (t) => [uniqueIndex("programme_figures_key_uq").on(t.key)],
);

/**
 * One row (id 1) whose `version` is bumped by triggers on every write to a catalogue table (migration
 * catalogue_version_triggers). API ETags derive from it, so a revalidation costs one tiny read, not the query.
 * `epoch` changes on every restore (src/platform/db/backup.ts): ETags and change-feed cursors carry it, so what a client
 * saw before a restore never matches, or continues from, the restored data.
 */
export const catalogueVersion = sqliteTable("catalogue_version", {
  id: integer("id").primaryKey(),
  version: integer("version").notNull().default(0),
  epoch: integer("epoch").notNull().default(0),
});
