// Buyers' enquiries (issue 24, migration 0021_enquiries). Read only by the back office; never by a public route.
import { sql } from "drizzle-orm";
import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";

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
