// The fields every editor record is made of: plain text (no bidirectional controls), slugs, https and cited URLs,
// sources, years, "not stated", and how a record and its fields are known (provenance).
import { z } from "@hono/zod-openapi";
import { PROVENANCE } from "../../domain/provenance.ts";
import { SLUG_PATTERN } from "../../domain/vocabulary.ts";

export const BIDI_OR_SURROGATE =
  /[\u202a-\u202e\u2066-\u2069]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
export const PLAIN = "must not contain bidirectional controls or lone surrogates";
/** Required single-line text (trimmed, no bidi controls). */
export const text = (max: number) =>
  z
    .string()
    .trim()
    .min(1, "is required")
    .max(max)
    .refine((v) => !BIDI_OR_SURROGATE.test(v), PLAIN);
/** Optional text: empty becomes null. */
export const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .refine((v) => !BIDI_OR_SURROGATE.test(v), PLAIN)
    .nullable()
    .default(null)
    .transform((v) => (v === "" ? null : v));
/** Long text that may be empty. */
export const longText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .refine((v) => !BIDI_OR_SURROGATE.test(v), PLAIN)
    .default("");

/** Slugs that are paths of the editor pages (`/quan-tri/san-pham/moi` is the new-product form). */
export const RESERVED_SLUGS = new Set(["moi", "new"]);
export const slugSchema = z
  .string()
  .max(120)
  .regex(SLUG_PATTERN, "must be a slug (lowercase letters, digits, hyphens)")
  .refine((s) => !RESERVED_SLUGS.has(s), "is reserved (a path of the editor pages)");

/** An https URL (a source must be checkable by anyone, over a connection that cannot be altered). */
export const httpsUrl = z
  .url({ protocol: /^https$/, hostname: z.regexes.domain, error: "must be an https:// URL" })
  .max(2000);

/**
 * A cited page as its publisher serves it. Some exist only over http (the provincial TV station's article that
 * HTX Tâm Hòa's record cites): a citation is not rewritten to a URL that does not exist, and a record citing one
 * must stay editable. Publishing still needs one https source (publishBlockers).
 */
export const sourceUrl = z
  .url({ protocol: /^https?$/, hostname: z.regexes.domain, error: "must be an http:// or https:// URL" })
  .max(2000);

export const sources = z.array(sourceUrl).max(20).default([]).openapi({
  description:
    "Where each fact comes from, as its publisher serves it (http or https). At least one https source is required to publish.",
});
export const sampleFields = z
  .array(z.string().regex(/^[A-Za-z_]{1,40}$/))
  .max(30)
  .default([])
  .openapi({
    description: "Fields whose values are illustrative or inferred, not sourced (shown as such everywhere)",
  });
export const year = z.number().int().min(1900).max(2100);

/** What an editor writes for a recognition's stars or year when the source does not state them. */
export const NOT_STATED = "not_stated";
/** Spellings of {@link NOT_STATED} a spreadsheet or a form may hold. */
export const NOT_STATED_WORDS = /^(not[ _-]?stated|unknown|chưa rõ|chưa công bố|không rõ|\?)$/i;

/** How a whole record is known (src/domain/provenance.ts); when left out it follows the release-1 `sample` flag. */
export const recordProvenance = z.enum(PROVENANCE).optional().openapi({
  description:
    "How the record is known: `sourced` (a cited source states it), `inferred` (reasoned from sources, not stated) or `illustrative` (made up to show what the catalogue can hold). Wins over `sample` when both are given; left out, it follows `sample`.",
});
/** Fields known less well than their record, by the public API's field names. */
export const fieldProvenance = z
  .record(z.string().regex(/^[A-Za-z_.]{1,40}$/), z.enum(["inferred", "illustrative"]))
  .refine((o) => Object.keys(o).length <= 30, "names at most 30 fields")
  .optional()
  .openapi({
    description:
      'Fields whose values are `inferred` or `illustrative` rather than sourced, e.g. `{"packaging":"illustrative","district":"inferred"}`. Wins over `sample_fields` when both are given; left out, every field in `sample_fields` is illustrative.',
  });

/**
 * The date a producer's own account stated a record's values (its proposal, which an editor published): shown as
 * "sourced: the producer, <date>". Optional without a default, so a record that does not name it (a CSV row, an
 * editor's form) keeps the stored one; `null` clears it.
 */
export const producerStatedOn = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "must be a date (YYYY-MM-DD)")
  .nullable()
  .optional()
  .openapi({ description: "When the producer itself stated this record's values (its proposal), if it did" });
