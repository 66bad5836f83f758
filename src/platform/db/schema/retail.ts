// What retailers read and write: channels and their listings, API keys and the idempotent answers of their POSTs,
// the change feed, and webhook endpoints with their deliveries and fan-out mark.
import { sql } from "drizzle-orm";
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { CHANGE_ENTITIES, CHANGE_OPS, CHANNEL_KINDS, LISTING_STATUSES } from "../../../domain/vocabulary.ts";
import { products } from "./catalogue.ts";
import { fieldProvenance, provenance, sources, timestamps } from "./columns.ts";

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
    /** 1: each delivery carries the entity's current record (`expand: "record"`, as `GET /changes?expand=record`). */
    expandRecord: integer("expand_record").notNull().default(0),
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
