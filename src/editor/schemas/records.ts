// The records editors write — a product (with its packs), a producer (with its photo and what it publishes of
// itself), a recognition (with the rules that make it a claim about a decision) — and the patches of each.
import { z } from "@hono/zod-openapi";
import { gtinProblem } from "../../domain/gtin.ts";
import { CNNT_LEVELS, LEGAL_TYPES, PRODUCT_GROUPS, SCHEMES } from "../../domain/vocabulary.ts";
import {
  BIDI_OR_SURROGATE,
  fieldProvenance,
  httpsUrl,
  longText,
  NOT_STATED,
  optionalText,
  PLAIN,
  producerStatedOn,
  recordProvenance,
  sampleFields,
  slugSchema,
  sources,
  text,
  year,
} from "./fields.ts";

/** One pack of a product: its label, net weight, price (illustrative or not) and GTIN when stated. */
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
