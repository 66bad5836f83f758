import { sql } from "drizzle-orm";
import { index, integer, primaryKey, real, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { type FieldProvenance, PROVENANCE, QUALIFIERS } from "../../domain/provenance.ts";
import {
  CHANGE_ENTITIES,
  CHANGE_OPS,
  CHANNEL_KINDS,
  CNNT_LEVELS,
  FUNDS,
  LEGAL_TYPES,
  LISTING_STATUSES,
  PRODUCT_GROUPS,
  SCHEMES,
} from "../../domain/vocabulary.ts";

/** Source URLs for a record, kept as a JSON array of strings. */
const sources = () => text("sources", { mode: "json" }).$type<string[]>().notNull().default(sql`'[]'`);

/** Names of fields whose values are illustrative (sample) or inferred rather than verified. */
const sampleFields = () =>
  text("sample_fields", { mode: "json" }).$type<string[]>().notNull().default(sql`'[]'`);

/** How the record itself is known (src/domain/provenance.ts): sourced, inferred or illustrative. */
const provenance = () => text("provenance", { enum: PROVENANCE }).notNull().default("sourced");

/** Fields known less well than their record, e.g. `{"price_vnd":"illustrative","year":"inferred"}`. */
const fieldProvenance = () =>
  text("field_provenance", { mode: "json" }).$type<FieldProvenance>().notNull().default(sql`'{}'`);

/** Whether a producer's commune and street are as before or after the 1 July 2025 reform (null: not known). */
export const ADDRESS_ERAS = ["before_2025_reform", "after_2025_reform"] as const;

const timestamps = {
  createdAt: text("created_at").notNull().default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`),
  updatedAt: text("updated_at").notNull().default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`),
};

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

export const channels = sqliteTable(
  "channels",
  {
    id: integer("id").primaryKey(),
    slug: text("slug").notNull(),
    name: text("name").notNull(),
    kind: text("kind", { enum: CHANNEL_KINDS }).notNull(),
    website: text("website"),
    descriptionVi: text("description_vi").notNull().default(""),
    descriptionEn: text("description_en").notNull().default(""),
    sources: sources(),
    sample: integer("sample", { mode: "boolean" }).notNull().default(false),
    provenance: provenance(),
    fieldProvenance: fieldProvenance(),
    ...timestamps,
  },
  (t) => [uniqueIndex("channels_slug_uq").on(t.slug)],
);

export type Store = { name: string; city: string; province: string };

export const listings = sqliteTable(
  "listings",
  {
    id: integer("id").primaryKey(),
    productId: integer("product_id")
      .notNull()
      .references(() => products.id, { onDelete: "cascade" }),
    channelId: integer("channel_id")
      .notNull()
      .references(() => channels.id, { onDelete: "cascade" }),
    status: text("status", { enum: LISTING_STATUSES }).notNull(),
    priceVnd: integer("price_vnd"),
    channelSku: text("channel_sku"),
    url: text("url"),
    stores: text("stores", { mode: "json" }).$type<Store[]>().notNull().default(sql`'[]'`),
    note: text("note"),
    lastVerified: text("last_verified"),
    sourceUrl: text("source_url"),
    sample: integer("sample", { mode: "boolean" }).notNull().default(false),
    provenance: provenance(),
    fieldProvenance: fieldProvenance(),
    /** Incremented on every write; the listing's ETag is derived from it. */
    version: integer("version").notNull().default(1),
    /** Id of the API key that made the last write (null for seeded data). */
    updatedBy: integer("updated_by"),
    ...timestamps,
  },
  (t) => [
    uniqueIndex("listings_channel_product_uq").on(t.channelId, t.productId),
    index("listings_product_idx").on(t.productId, t.channelId),
    // The channel facet over a search's or producer's products, from index entries (migration 0016).
    index("listings_product_channel_provenance_idx").on(t.productId, t.channelId, t.provenance),
  ],
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
 * API keys of retail channels. The key itself is shown once when created; only its SHA-256 (hex) and a short
 * visible prefix (to find the row and to tell keys apart in `key:list`) are stored.
 */
export const apiKeys = sqliteTable(
  "api_keys",
  {
    id: integer("id").primaryKey(),
    channelId: integer("channel_id")
      .notNull()
      .references(() => channels.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    prefix: text("prefix").notNull(),
    hash: text("hash").notNull(),
    createdAt: text("created_at").notNull().default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`),
    revokedAt: text("revoked_at"),
    lastUsedAt: text("last_used_at"),
    /** What the key may do, space-separated (KEY_SCOPES): `listings`, `webhooks`, or `read` (nothing keyed). */
    scopes: text("scopes").notNull().default("listings webhooks"),
    /** After this instant the key is refused like a revoked one (null: it does not expire). */
    expiresAt: text("expires_at"),
  },
  (t) => [uniqueIndex("api_keys_prefix_uq").on(t.prefix), index("api_keys_channel_idx").on(t.channelId)],
);

/**
 * The stored answer to a POST sent with an `Idempotency-Key` (migration 0022): per API key, until `expires_at`.
 * `request_hash` is the SHA-256 of method, path and body: the same key with another request is a 422.
 */
export const idempotentAnswers = sqliteTable(
  "idempotent_answers",
  {
    apiKeyId: integer("api_key_id")
      .notNull()
      .references(() => apiKeys.id, { onDelete: "cascade" }),
    idempotencyKey: text("idempotency_key").notNull(),
    requestHash: text("request_hash").notNull(),
    status: integer("status").notNull(),
    body: text("body").notNull(),
    createdAt: text("created_at").notNull().default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`),
    expiresAt: text("expires_at").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.apiKeyId, t.idempotencyKey] }),
    index("idempotent_answers_expiry_idx").on(t.expiresAt),
  ],
);

/**
 * The change feed: one row per insert, update or delete of a product, producer, recognition or listing, written
 * by triggers (migration 0003) so no write path can forget it. `seq` only grows (AUTOINCREMENT never reuses).
 */
export const changes = sqliteTable(
  "changes",
  {
    seq: integer("seq").primaryKey({ autoIncrement: true }),
    entity: text("entity", { enum: CHANGE_ENTITIES }).notNull(),
    /** Slug (product, producer), id (recognition) or `channel/product` slugs (listing). */
    entityKey: text("entity_key").notNull(),
    op: text("op", { enum: CHANGE_OPS }).notNull(),
    changedAt: text("changed_at").notNull().default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`),
    /** The API key that made the change (null for operator and seed writes). */
    keyId: integer("key_id"),
  },
  (t) => [index("changes_entity_idx").on(t.entity, t.entityKey)],
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

// Editors (issue 12, migration 0011_editors). Read and written only by the editor routes, never by public ones.
export const EDITOR_ROLES = ["editor", "publisher", "producer"] as const;
export const AUDIT_VIA = ["page", "api", "import", "cli"] as const;

/** Editor accounts: `editor` changes drafts; `publisher` also publishes, deletes and manages tokens. */
export const editors = sqliteTable(
  "editors",
  {
    id: integer("id").primaryKey(),
    /** Lowercased. */
    email: text("email").notNull(),
    name: text("name"),
    role: text("role", { enum: EDITOR_ROLES }).notNull(),
    /** `pbkdf2-sha256$<iterations>$<salt b64>$<hash b64>` (src/editor/password.ts). */
    passwordHash: text("password_hash"),
    createdAt: text("created_at").notNull().default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`),
    disabledAt: text("disabled_at"),
    /** A `producer` account's own producer record (migration 0021); null for editors and publishers. */
    producerId: integer("producer_id"),
    /** 1 while the password is one someone else chose (an invitation's): the next sign-in must change it. */
    mustChangePassword: integer("must_change_password").notNull().default(0),
  },
  (t) => [uniqueIndex("editors_email_uq").on(t.email)],
);

/** Server-side sessions: the cookie holds a random token, the table only its SHA-256. */
export const editorSessions = sqliteTable(
  "editor_sessions",
  {
    idHash: text("id_hash").primaryKey(),
    editorId: integer("editor_id")
      .notNull()
      .references(() => editors.id, { onDelete: "cascade" }),
    createdAt: text("created_at").notNull().default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`),
    expiresAt: text("expires_at").notNull(),
    revokedAt: text("revoked_at"),
    address: text("address"),
  },
  (t) => [index("editor_sessions_editor_idx").on(t.editorId)],
);

/** Editor API tokens (`cnnted_…`), shown once; only prefix and SHA-256 are stored. */
export const editorTokens = sqliteTable(
  "editor_tokens",
  {
    id: integer("id").primaryKey(),
    editorId: integer("editor_id")
      .notNull()
      .references(() => editors.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    prefix: text("prefix").notNull(),
    hash: text("hash").notNull(),
    createdAt: text("created_at").notNull().default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`),
    revokedAt: text("revoked_at"),
    lastUsedAt: text("last_used_at"),
  },
  (t) => [uniqueIndex("editor_tokens_prefix_uq").on(t.prefix)],
);

/** Failed sign-ins, counted per account (SHA-256 of the email) and per address for rate limiting. */
export const loginAttempts = sqliteTable(
  "login_attempts",
  {
    id: integer("id").primaryKey(),
    account: text("account").notNull(),
    address: text("address").notNull(),
    at: text("at").notNull().default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`),
  },
  (t) => [
    index("login_attempts_account_idx").on(t.account, t.at),
    index("login_attempts_address_idx").on(t.address, t.at),
  ],
);

/** Unpublished work: a whole product, producer or recognition as JSON, applied to the catalogue on publish. */
export const editorDrafts = sqliteTable(
  "editor_drafts",
  {
    entity: text("entity", { enum: ["product", "producer", "recognition"] }).notNull(),
    /** Slug (product, producer) or id (recognition). */
    key: text("key").notNull(),
    /** The product a recognition draft belongs to (published with it). */
    productSlug: text("product_slug"),
    payload: text("payload", { mode: "json" }).notNull(),
    version: integer("version").notNull().default(1),
    updatedBy: integer("updated_by"),
    createdAt: text("created_at").notNull().default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`),
    updatedAt: text("updated_at").notNull().default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`),
  },
  (t) => [primaryKey({ columns: [t.entity, t.key] }), index("editor_drafts_product_idx").on(t.productSlug)],
);

/** Who changed what, when and from where: field-level before/after of every editor write. */
export const auditEvents = sqliteTable(
  "audit_events",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    at: text("at").notNull().default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`),
    editorId: integer("editor_id"),
    editorEmail: text("editor_email").notNull(),
    via: text("via", { enum: AUDIT_VIA }).notNull(),
    entity: text("entity").notNull(),
    entityKey: text("entity_key").notNull(),
    action: text("action").notNull(),
    changes: text("changes", { mode: "json" })
      .$type<{ field: string; before: unknown; after: unknown }[]>()
      .notNull()
      .default(sql`'[]'`),
    address: text("address"),
  },
  (t) => [index("audit_events_entity_idx").on(t.entity, t.entityKey, t.id)],
);

/**
 * A channel's webhook endpoint (issue 13): an https URL that receives the change feed's entries of the chosen
 * entity kinds, signed with `secret` (Standard Webhooks). After a rotation the previous secret signs too until
 * `previous_secret_expires_at`. `after_seq`: the feed's last entry when the endpoint was made (it gets later ones).
 */
export const webhookEndpoints = sqliteTable(
  "webhook_endpoints",
  {
    id: text("id").primaryKey(),
    channelId: integer("channel_id")
      .notNull()
      .references(() => channels.id, { onDelete: "cascade" }),
    url: text("url").notNull(),
    events: text("events", { mode: "json" })
      .$type<(typeof CHANGE_ENTITIES)[number][]>()
      .notNull()
      .default(sql`'["product","producer","recognition","listing"]'`),
    includeIllustrative: integer("include_illustrative").notNull().default(0),
    secret: text("secret").notNull(),
    previousSecret: text("previous_secret"),
    previousSecretExpiresAt: text("previous_secret_expires_at"),
    afterSeq: integer("after_seq").notNull().default(0),
    createdBy: integer("created_by"),
    createdAt: text("created_at").notNull().default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`),
    updatedAt: text("updated_at").notNull().default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`),
  },
  (t) => [index("webhook_endpoints_channel_idx").on(t.channelId, t.createdAt, t.id)],
);

/**
 * One change-feed entry for one endpoint: `body` is the signed payload (the same bytes on every attempt), `status`
 * pending → delivered, or dead once the queue gave up (its dead-letter consumer).
 */
export const webhookDeliveries = sqliteTable(
  "webhook_deliveries",
  {
    id: text("id").primaryKey(),
    endpointId: text("endpoint_id")
      .notNull()
      .references(() => webhookEndpoints.id, { onDelete: "cascade" }),
    seq: integer("seq").notNull(),
    entity: text("entity", { enum: CHANGE_ENTITIES }).notNull(),
    entityKey: text("entity_key").notNull(),
    body: text("body").notNull(),
    status: text("status", { enum: ["pending", "delivered", "dead"] })
      .notNull()
      .default("pending"),
    attempts: integer("attempts").notNull().default(0),
    responseStatus: integer("response_status"),
    latencyMs: integer("latency_ms"),
    error: text("error"),
    /** When the queue should next attempt it: the sweep re-enqueues pending deliveries long past it. */
    nextAttemptAt: text("next_attempt_at").notNull().default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`),
    createdAt: text("created_at").notNull().default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`),
    updatedAt: text("updated_at").notNull().default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`),
  },
  (t) => [
    uniqueIndex("webhook_deliveries_endpoint_seq_uq").on(t.endpointId, t.seq),
    index("webhook_deliveries_record_idx").on(t.endpointId, t.entity, t.entityKey, t.seq),
    index("webhook_deliveries_stale_idx").on(t.status, t.nextAttemptAt),
  ],
);

/** One row (id 1): the change feed's last entry the webhook fan-out has turned into deliveries. */
export const webhookFanout = sqliteTable("webhook_fanout", {
  id: integer("id").primaryKey(),
  lastSeq: integer("last_seq").notNull().default(0),
});

// Buyers' enquiries (issue 24, migration 0021_enquiries). Read only by the back office; never by a public route.
export const ENQUIRY_KINDS = ["self", "wholesale", "chain", "export", "other"] as const;
export const ENQUIRY_STATUSES = ["new", "forwarded", "answered", "closed", "spam"] as const;

/**
 * An enquiry about a real product, a producer, or a product kind no producer of which is recorded (then it goes to
 * the centre alone: no producer_id): its contact fields are erased by the retention sweep.
 */
export const enquiries = sqliteTable(
  "enquiries",
  {
    id: integer("id").primaryKey(),
    /** Random public reference (the API's id); row ids are never shown. */
    ref: text("ref").notNull(),
    /** SHA-256 of the form token, subject and contact: a resubmitted form is stored once. */
    dedupeKey: text("dedupe_key").notNull(),
    productId: integer("product_id"),
    /** The producer asked; null for an enquiry about a product kind, which the centre answers. */
    producerId: integer("producer_id"),
    /** The product kind asked about (kinds.id), when no product or producer is. */
    productKindId: integer("product_kind_id"),
    kind: text("kind", { enum: ENQUIRY_KINDS }).notNull(),
    quantity: text("quantity"),
    message: text("message"),
    name: text("name"),
    email: text("email"),
    phone: text("phone"),
    organisation: text("organisation"),
    consentVersion: text("consent_version").notNull(),
    lang: text("lang").notNull(),
    via: text("via").notNull(),
    channelId: integer("channel_id"),
    /** HMAC of the sender's address bucket, for the daily per-address limit; erased with the contact. */
    addressKey: text("address_key"),
    status: text("status", { enum: ENQUIRY_STATUSES }).notNull().default("new"),
    createdAt: text("created_at").notNull().default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`),
    statusAt: text("status_at").notNull().default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`),
    erasedAt: text("erased_at"),
  },
  (t) => [
    uniqueIndex("enquiries_ref_uq").on(t.ref),
    uniqueIndex("enquiries_dedupe_uq").on(t.dedupeKey),
    index("enquiries_producer_idx").on(t.producerId, t.createdAt),
    index("enquiries_address_idx").on(t.addressKey, t.createdAt),
    index("enquiries_status_idx").on(t.status, t.createdAt),
  ],
);

/** Emails sent about an enquiry, one per event and recipient, so a retried queue message sends none twice. */
export const enquiryNotices = sqliteTable(
  "enquiry_notices",
  {
    id: integer("id").primaryKey(),
    enquiryId: integer("enquiry_id")
      .notNull()
      .references(() => enquiries.id, { onDelete: "cascade" }),
    event: text("event").notNull(),
    recipient: text("recipient").notNull(),
    sentAt: text("sent_at").notNull().default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`),
    messageId: text("message_id"),
  },
  (t) => [uniqueIndex("enquiry_notices_uq").on(t.enquiryId, t.event, t.recipient)],
);

/**
 * Words a shopper may type for another (migration 0024): chè ↔ trà, lạp xưởng ↔ lạp sườn, tea ↔ trà… A row works
 * both ways; the search adds the other side of every row whose side the query names (not a chain of rows: bún and
 * miến are different noodles even if both are "vermicelli" somewhere). `term` and `synonym` as the editor wrote
 * them; the keys folded (src/platform/lib/fold.ts), as the search compares them.
 */
export const searchSynonyms = sqliteTable(
  "search_synonyms",
  {
    id: integer("id").primaryKey(),
    term: text("term").notNull(),
    synonym: text("synonym").notNull(),
    termKey: text("term_key").notNull(),
    synonymKey: text("synonym_key").notNull(),
    createdAt: text("created_at").notNull().default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`),
  },
  (t) => [
    uniqueIndex("search_synonyms_pair_uq").on(t.termKey, t.synonymKey),
    index("search_synonyms_synonym_idx").on(t.synonymKey),
  ],
);

/**
 * The words shoppers' searches are matched against (names, kinds, producers, places, recognitions and the
 * synonyms' words; not descriptions), folded as the index folds them: the vocabulary a typo is corrected against
 * (src/catalogue/products/search.queries.ts). Kept by the search index's triggers (migration 0024), which fold the
 * text with the index's own tokenizer; a word no product holds any longer stays, and the search skips it.
 */
export const searchWords = sqliteTable(
  "search_words",
  {
    word: text("word").primaryKey(),
    length: integer("length").notNull(),
  },
  (t) => [index("search_words_length_idx").on(t.length, t.word)],
);

/** Products a synonym's change indexes again: a scratch list the synonyms' triggers fill and empty (migration 0024). */
export const searchReindex = sqliteTable("search_reindex", {
  id: integer("id").primaryKey(),
});

/**
 * Searches that found nothing or little, counted per folded query per day (migration 0024): what the catalogue
 * lacks or names otherwise. No address, no cookie, no person — the words and a count. `zero`: how many of `n` found
 * nothing at all.
 */
export const searchMisses = sqliteTable(
  "search_misses",
  {
    day: text("day").notNull(),
    query: text("query").notNull(),
    n: integer("n").notNull().default(0),
    zero: integer("zero").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.day, t.query] })],
);
