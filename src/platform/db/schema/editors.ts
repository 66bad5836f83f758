// Editors (issue 12, migration 0011_editors). Read and written only by the editor routes, never by public ones.
import { sql } from "drizzle-orm";
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";

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
