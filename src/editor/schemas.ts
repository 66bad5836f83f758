/**
 * What editors write: products, producers and recognitions in the API's snake_case shape. The same schemas check
 * the admin API's bodies, the CSV import's rows and the editor pages' forms, so a value refused in one is refused
 * in all. Provenance that applies only when a record goes public is checked by {@link publishProblems}.
 */
import { z } from "@hono/zod-openapi";
import { gtinProblem } from "../domain/gtin.ts";
import { PROVENANCE, type Provenance, weakest } from "../domain/provenance.ts";
import { CNNT_LEVELS, LEGAL_TYPES, PRODUCT_GROUPS, SCHEMES, SLUG_PATTERN } from "../domain/vocabulary.ts";

const BIDI_OR_SURROGATE =
  /[\u202a-\u202e\u2066-\u2069]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const PLAIN = "must not contain bidirectional controls or lone surrogates";
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
const sourceUrl = z
  .url({ protocol: /^https?$/, hostname: z.regexes.domain, error: "must be an http:// or https:// URL" })
  .max(2000);

const sources = z.array(sourceUrl).max(20).default([]).openapi({
  description:
    "Where each fact comes from, as its publisher serves it (http or https). At least one https source is required to publish.",
});
const sampleFields = z
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
const recordProvenance = z.enum(PROVENANCE).optional().openapi({
  description:
    "How the record is known: `sourced` (a cited source states it), `inferred` (reasoned from sources, not stated) or `illustrative` (made up to show what the catalogue can hold). Wins over `sample` when both are given; left out, it follows `sample`.",
});
/** Fields known less well than their record, by the public API's field names. */
const fieldProvenance = z
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
const producerStatedOn = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "must be a date (YYYY-MM-DD)")
  .nullable()
  .optional()
  .openapi({ description: "When the producer itself stated this record's values (its proposal), if it did" });

export const Packaging = z
  .object({
    label: text(120),
    label_en: optionalText(120).openapi({
      description: "The pack's name in English (English pages show it; null: they show `label`)",
      example: "500 g pack",
    }),
    net_weight_g: z.number().int().min(0).max(1_000_000).nullable().default(null),
    price_vnd: z.number().int().min(0).max(1_000_000_000).nullable().default(null),
    sample: z.boolean().default(false).openapi({ description: "The price is illustrative" }),
    gtin: z
      .string()
      .nullable()
      .default(null)
      .superRefine((v, ctx) => {
        const problem = v === null ? null : gtinProblem(v);
        if (problem) ctx.addIssue({ code: "custom", message: problem });
      })
      .openapi({
        description:
          "The pack's GTIN (EAN-13, UPC-A, GTIN-8 or GTIN-14 digits, GS1 check digit verified), only as a producer or chain states it; null until then",
        example: "8930000000012",
      }),
  })
  .strict();

/** Every field of a product an editor sets (the slug is its key and never changes). */
export const productFields = {
  producer: slugSchema.openapi({ description: "The producer's slug" }),
  name_vi: text(200),
  name_en: text(200),
  description_vi: longText(5000),
  description_en: longText(5000),
  product_group: z.enum(PRODUCT_GROUPS),
  category_vi: text(120),
  category_en: text(120),
  packaging: z.array(Packaging).max(20).default([]),
  sources,
  sample: z.boolean().default(false).openapi({ description: "The whole record is an illustrative example" }),
  sample_fields: sampleFields,
  provenance: recordProvenance,
  field_provenance: fieldProvenance,
  image: z
    .string()
    .regex(
      /^\/(img\/products\/[\w-]+\.svg|anh\/[a-z0-9/._-]+)$/,
      "must be one of our illustrations or an uploaded photo",
    )
    .nullable()
    .default(null)
    .openapi({
      description: "An uploaded photo (/anh/…, see uploadProductPhoto) or one of our illustrations",
    }),
  image_alt_vi: optionalText(300),
  image_alt_en: optionalText(300),
  producer_stated_on: producerStatedOn,
};
/** A photo of a record (a product's, a producer's) says in both languages what it shows: its alt texts. */
function photoNeedsAlt(
  p: { image_alt_vi?: string | null; image_alt_en?: string | null },
  ctx: { addIssue: (issue: { code: "custom"; path: string[]; message: string }) => void },
) {
  if (!p.image_alt_vi)
    ctx.addIssue({
      code: "custom",
      path: ["image_alt_vi"],
      message: "a photo needs its alt text in Vietnamese",
    });
  if (!p.image_alt_en)
    ctx.addIssue({
      code: "custom",
      path: ["image_alt_en"],
      message: "a photo needs its alt text in English",
    });
}

export const ProductRecord = z
  .object({ slug: slugSchema, ...productFields })
  .strict()
  .superRefine((p, ctx) => {
    // A photo says something about the product (our illustrations say nothing of it).
    if (p.image?.startsWith("/anh/")) photoNeedsAlt(p, ctx);
  })
  .openapi("EditorProduct");
export type ProductRecord = z.infer<typeof ProductRecord>;
export const ProductPatch = z.object(productFields).partial().strict().openapi("EditorProductPatch");

export const producerFields = {
  name: text(200),
  legal_type: z.enum(LEGAL_TYPES),
  street: optionalText(200),
  commune: optionalText(120),
  district: optionalText(120),
  founded_year: year.nullable().default(null),
  representative: optionalText(200),
  description_vi: longText(5000),
  description_en: longText(5000),
  sources,
  sample: z.boolean().default(false),
  sample_fields: sampleFields,
  provenance: recordProvenance,
  field_provenance: fieldProvenance,
};
/**
 * A producer's photo. Optional and without a default: a record that does not name it (a CSV row, a form without
 * the photo) leaves the stored photo as it is; `null` removes it.
 */
const producerPhoto = {
  image: z
    .string()
    .regex(/^\/anh\/[a-z0-9/._-]+$/, "must be an uploaded photo")
    .nullable()
    .optional()
    .openapi({ description: "An uploaded photo (/anh/…, see uploadProducerPhoto)" }),
  image_alt_vi: z.string().trim().max(300).nullable().optional(),
  image_alt_en: z.string().trim().max(300).nullable().optional(),
};
/** What the producer chose to publish about itself (its own proposal); optional and kept like the photo. */
const producerOwn = {
  public_contact: z
    .string()
    .trim()
    .max(300)
    .refine((v) => !BIDI_OR_SURROGATE.test(v), PLAIN)
    .nullable()
    .optional()
    .openapi({ description: "The contact (phone, email, address) the producer chose to publish" }),
  producer_stated_on: producerStatedOn,
};
export const ProducerRecord = z
  .object({ slug: slugSchema, ...producerFields, ...producerPhoto, ...producerOwn })
  .strict()
  .superRefine((p, ctx) => {
    if (p.image) photoNeedsAlt(p, ctx);
  })
  .openapi("EditorProducer");
export type ProducerRecord = z.infer<typeof ProducerRecord>;
export const ProducerPatch = z.object(producerFields).partial().strict().openapi("EditorProducerPatch");

const recognitionShape = {
  product: slugSchema.openapi({ description: "The product's slug" }),
  scheme: z.enum(SCHEMES),
  level: z.enum(CNNT_LEVELS).nullable().default(null).openapi({ description: "CNNT-TB level (scheme cnnt)" }),
  stars: z
    .union([z.number().int().min(3).max(5), z.literal(NOT_STATED)])
    .nullable()
    .default(null)
    .openapi({
      description:
        "OCOP stars, 3 to 5 (scheme ocop), or `not_stated` when the source names the product as OCOP without its stars; null for other schemes",
    }),
  year: z
    .union([year, z.literal(NOT_STATED)])
    .nullable()
    .default(null)
    .openapi({ description: "Year of the decision, or `not_stated` when the source does not give it" }),
  title_vi: text(300),
  title_en: text(300),
  decision_number: optionalText(120),
  issuer: optionalText(300).openapi({
    description:
      "Who issued the decision, or `not_stated` when the source does not say and it cannot be told (an OCOP rating of unknown year: districts certify 3-star products from 2023, the province before)",
  }),
  source_url: httpsUrl,
  verified: z
    .boolean()
    .default(false)
    .openapi({ description: "Checked against the decision (publishers only)" }),
  sample: z.boolean().default(false),
  provenance: recordProvenance,
  field_provenance: fieldProvenance,
  note_vi: optionalText(1000),
  note_en: optionalText(1000),
};

/**
 * A recognition is a claim about a decision, so it needs what identifies the decision: its scheme, the level
 * (CNNT-TB) or stars (OCOP), the year, the issuer and a source; the decision number when known. Sources often
 * name a product as OCOP without its stars, or a recognition without its year: the editor then says so
 * (`not_stated`), which the catalogue shows as "not stated" — an empty value is refused, so an unknown is always
 * a decision, never a forgotten field, and never a guessed star count.
 */
function recognitionRules(
  r: { scheme: string; level: unknown; stars: unknown; year: unknown; issuer: unknown },
  ctx: z.RefinementCtx,
) {
  if (r.scheme === "cnnt" && r.level == null)
    ctx.addIssue({ code: "custom", path: ["level"], message: "a CNNT-TB recognition needs its level" });
  if (r.scheme === "ocop" && r.stars == null)
    ctx.addIssue({
      code: "custom",
      path: ["stars"],
      message: "an OCOP recognition needs its stars (3–5), or not_stated when the source does not give them",
    });
  if (r.scheme !== "cnnt" && r.level != null)
    ctx.addIssue({ code: "custom", path: ["level"], message: "only CNNT-TB recognitions have a level" });
  if (r.scheme !== "ocop" && r.stars != null)
    ctx.addIssue({ code: "custom", path: ["stars"], message: "only OCOP recognitions have stars" });
  if (r.year == null)
    ctx.addIssue({
      code: "custom",
      path: ["year"],
      message: "is required (the year of the decision, or not_stated when the source does not give it)",
    });
  if (r.issuer == null)
    ctx.addIssue({ code: "custom", path: ["issuer"], message: "is required (who issued the decision)" });
}
export const RecognitionInput = z
  .object(recognitionShape)
  .strict()
  .superRefine(recognitionRules)
  .openapi("EditorRecognitionInput");
export const RecognitionRecord = z
  .object({ id: z.number().int(), ...recognitionShape })
  .strict()
  .superRefine(recognitionRules)
  .openapi("EditorRecognition");
export type RecognitionRecord = z.infer<typeof RecognitionRecord>;
export const RecognitionPatch = z
  .object(recognitionShape)
  .partial()
  .strict()
  .openapi("EditorRecognitionPatch");

/** Reasons a record may not go public yet (empty when it may). */
export function publishProblems(
  entity: "product" | "producer",
  r: { sources: string[] },
): { name: string; reason: string }[] {
  return r.sources.some((s) => s.startsWith("https://"))
    ? []
    : [{ name: "sources", reason: `a ${entity} needs at least one https source before it is published` }];
}

/** Editor field names to the names `field_provenance` uses (the public API's: one `description` for both languages). */
const PROVENANCE_FIELD: Record<string, string> = {
  description_vi: "description",
  description_en: "description",
  name_vi: "name",
  name_en: "name",
  category_vi: "category",
  category_en: "category",
  title_vi: "title",
  title_en: "title",
  note_vi: "note",
  note_en: "note",
};
export const provenanceField = (f: string) => PROVENANCE_FIELD[f] ?? f;

type Marks = {
  sample: boolean;
  sample_fields?: string[];
  provenance?: Provenance | undefined;
  field_provenance?: Record<string, "inferred" | "illustrative"> | undefined;
  packaging?: { sample: boolean }[];
};
export type Settled<T> = T & {
  provenance: Provenance;
  field_provenance: Record<string, "inferred" | "illustrative">;
};

/**
 * Makes a record's provenance whole and consistent: `provenance`/`field_provenance` (issue 10's states) when
 * given, else derived from the release-1 flags (`sample` = illustrative record, `sample_fields` = illustrative
 * fields); an illustrative pack makes `packaging` illustrative. The
 * release-1 flags are then rewritten from the result, so old readers and migration 0012's bridge agree with it.
 *
 * @example settleProvenance({ sample: false, sample_fields: ["description_vi"] })
 * // { sample: false, sample_fields: ["description"], provenance: "sourced", field_provenance: { description: "illustrative" } }
 */
export function settleProvenance<T extends Marks>(r: T): Settled<T> {
  const record: Provenance = r.provenance ?? (r.sample ? "illustrative" : "sourced");
  const given: Record<string, Provenance> = {};
  const add = (f: string, st: Provenance) => {
    const k = provenanceField(f);
    given[k] = weakest(given[k], st);
  };
  if (r.field_provenance) for (const [f, st] of Object.entries(r.field_provenance)) add(f, st);
  else for (const f of r.sample_fields ?? []) add(f, "illustrative");
  if (r.packaging?.some((p) => p.sample)) add("packaging", "illustrative");
  // Kept even when the record is as weak (an illustrative record's inferred field stays inferred when an editor
  // makes the record real again); outputs take the weaker of the two.
  const fields = Object.fromEntries(Object.entries(given).filter(([, st]) => st !== "sourced")) as Record<
    string,
    "inferred" | "illustrative"
  >;
  return {
    ...r,
    sample: record === "illustrative",
    ...("sample_fields" in r || r.sample_fields ? { sample_fields: Object.keys(fields) } : {}),
    provenance: record,
    field_provenance: fields,
  };
}

/**
 * A patch that sets only the release-1 flags (the editor pages' "illustrative" box, an old script) changes the
 * provenance they stand for: the record's state follows `sample` (an inferred record stays inferred unless made
 * illustrative), and each field in `sample_fields` keeps its current state or becomes illustrative.
 */
export function applyLegacyFlags(current: Record<string, unknown>, patch: Record<string, unknown>) {
  const merged: Record<string, unknown> = { ...current, ...patch };
  if ("sample" in patch && !("provenance" in patch)) {
    const was = current.provenance as Provenance | undefined;
    merged.provenance = patch.sample ? "illustrative" : was === "inferred" ? "inferred" : "sourced";
  }
  if ("sample_fields" in patch && !("field_provenance" in patch)) {
    const was = (current.field_provenance ?? {}) as Record<string, "inferred" | "illustrative">;
    merged.field_provenance = Object.fromEntries(
      ((patch.sample_fields as string[]) ?? []).map((f) => [
        provenanceField(f),
        was[provenanceField(f)] ?? "illustrative",
      ]),
    );
  }
  return merged;
}
