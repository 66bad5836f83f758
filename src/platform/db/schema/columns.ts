// Column builders the tables share: sources, sample fields, provenance (record and field) and the timestamps.
import { sql } from "drizzle-orm";
import { text } from "drizzle-orm/sqlite-core";
import { type FieldProvenance, PROVENANCE } from "../../../domain/provenance.ts";

/** Source URLs for a record, kept as a JSON array of strings. */
export const sources = () => text("sources", { mode: "json" }).$type<string[]>().notNull().default(sql`'[]'`);

/** Names of fields whose values are illustrative (sample) or inferred rather than verified. */
export const sampleFields = () =>
  text("sample_fields", { mode: "json" }).$type<string[]>().notNull().default(sql`'[]'`);

/** How the record itself is known (src/domain/provenance.ts): sourced, inferred or illustrative. */
export const provenance = () => text("provenance", { enum: PROVENANCE }).notNull().default("sourced");

/** Fields known less well than their record, e.g. `{"price_vnd":"illustrative","year":"inferred"}`. */
export const fieldProvenance = () =>
  text("field_provenance", { mode: "json" }).$type<FieldProvenance>().notNull().default(sql`'{}'`);

/** When the row was made and last changed (ISO 8601 UTC, milliseconds), set by SQLite. */
export const timestamps = {
  createdAt: text("created_at").notNull().default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`),
  updatedAt: text("updated_at").notNull().default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`),
};
