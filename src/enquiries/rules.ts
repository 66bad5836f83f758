// What an enquiry is allowed to be: its fields, their limits and messages, written once for the API operation and
// the no-JavaScript form (issue 24). No HTTP and no database here.
import { z } from "@hono/zod-openapi";
import { SLUG_MAX, SLUG_PATTERN } from "../domain/vocabulary.ts";
import { ENQUIRY_KINDS, ENQUIRY_STATUSES } from "../platform/db/schema.ts";

export { ENQUIRY_KINDS, ENQUIRY_STATUSES };
export type EnquiryKind = (typeof ENQUIRY_KINDS)[number];
export type EnquiryStatus = (typeof ENQUIRY_STATUSES)[number];

/** The version of the consent text (src/enquiries/strings.ts) an enquirer agreed to; stored with each enquiry. */
export const CONSENT_VERSION = "2026-12-07";

/** Field limits, in characters. */
export const LIMITS = { message: 2000, name: 100, organisation: 200, quantity: 100, email: 254 } as const;
/** The largest enquiry body, form or JSON, in bytes (413 beyond it): every field at its limit fits in 16 KB. */
export const MAX_ENQUIRY_BYTES = 16 * 1024;
/** Enquiries one sender's address may make in 24 hours, and one producer may receive from everyone. */
export const MAX_PER_ADDRESS_PER_DAY = 5;
export const MAX_PER_PRODUCER_PER_DAY = 50;
/** A form sent sooner than this after the page was rendered is a robot's; one older than the other is stale. */
export const MIN_FORM_AGE_MS = 3_000;
export const MAX_FORM_AGE_MS = 24 * 60 * 60 * 1000;

/**
 * What is wrong with a field, as a code: the API and the pages each say it in their words (API: English reasons
 * below; pages: src/enquiries/strings.ts in the page's language).
 */
export type FieldError =
  | "required"
  | "too_long"
  | "bad_email"
  | "bad_phone"
  | "bad_kind"
  | "contact_required"
  | "consent_required"
  | "bad_consent_version"
  | "bad_slug"
  | "subject_required"
  | "unknown_product"
  | "unknown_kind"
  | "unknown_producer"
  | "illustrative"
  | "bad_token";

/** The API's reasons (English), one per code. */
export const API_REASONS: Record<FieldError, string> = {
  required: "is required",
  too_long: "is too long",
  bad_email: "is not an email address",
  bad_phone: "is not a Vietnamese phone number (e.g. 0912 345 678 or +84 912 345 678)",
  bad_kind: `must be one of ${ENQUIRY_KINDS.join(", ")}`,
  contact_required: "give an email address or a Vietnamese phone number",
  consent_required: "must be true: the enquirer agrees to pass the contact to the producer and the centre",
  bad_consent_version: `must be the current consent version (${CONSENT_VERSION})`,
  bad_slug: "must be a slug (lowercase letters, digits, hyphens)",
  subject_required: "give exactly one of 'product', 'producer' or 'product_kind'",
  unknown_product: "no real product with this slug",
  unknown_producer: "no real producer with this slug",
  unknown_kind: "no product kind with this slug (GET /api/v1/kinds lists them)",
  illustrative: "is an illustrative example, not a real record: enquiries go to real producers only",
  bad_token: "must be 16–64 letters, digits, '-' or '_'",
};

/**
 * A Vietnamese phone number in its international form (+84…), or null: a mobile (0 then 3, 5, 7, 8 or 9 and eight
 * digits) or a landline (02 then nine digits), written with 0, 84 or +84 and any spaces, dots, dashes or brackets.
 *
 * @example normalizePhone("0912 345 678") // "+84912345678"
 */
export function normalizePhone(raw: string): string | null {
  const compact = raw.replace(/[\s.\-()]/g, "");
  const m = /^(?:\+84|84|0)(\d+)$/.exec(compact);
  const rest = m?.[1];
  if (!rest) return null;
  if (/^[35789]\d{8}$/.test(rest) || /^2\d{9}$/.test(rest)) return `+84${rest}`;
  return null;
}

/** An email address as a mail server would take it (one @, a dotted domain, no spaces or angle brackets). */
const EMAIL =
  /^[^\s@<>()[\]\\,;:"]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+$/;
export const isEmail = (v: string) => v.length <= LIMITS.email && EMAIL.test(v);

/**
 * Makes the links in an anonymous sender's text inert: no scheme a mail client or browser turns into a link, and
 * no dotted host name it would guess one from (`https://x.example/a` → `hxxps[:]//x[.]example/a`).
 */
export function defuseLinks(text: string): string {
  return text.replace(LINKISH, (url) =>
    url
      .replace(/^(?:http|ftp)/i, (m) => `${m[0]}xx${m.slice(3)}`)
      .replace("://", "[:]//")
      .replaceAll(".", "[.]"),
  );
}
/** A URL with a scheme, a `www.` host, or a dotted host name ending in a top-level domain. */
const LINKISH =
  /\b(?:(?:https?|ftp):\/\/|www\.)[^\s<>"]+|\b[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,24}\b(?:\/[^\s<>"]*)?/gi;

/** Unicode control characters other than newline and tab; they are removed from every text field. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: these are the characters removed
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069]/g;
const clean = (v: string) => v.normalize("NFC").replace(CONTROL, "").replace(/\r\n?/g, "\n").trim();

const text = (max: number) =>
  z
    .string({ error: "required" })
    .transform(clean)
    .pipe(z.string().max(max, { error: "too_long" }));
const optionalText = (max: number) =>
  z
    .string({ error: "required" })
    .max(max * 4, { error: "too_long" })
    .optional()
    .transform((v) => (v === undefined ? undefined : clean(v) || undefined))
    .pipe(z.string().max(max, { error: "too_long" }).optional());
const slug = z
  .string({ error: "bad_slug" })
  .max(SLUG_MAX, { error: "bad_slug" })
  .regex(SLUG_PATTERN, { error: "bad_slug" });

/**
 * An enquiry as the API operation and the form take it. Messages are {@link FieldError} codes; callers say them
 * in their language. `consent` is `true` in JSON and `"yes"` from a form checkbox.
 */
export const EnquiryInput = z
  .object({
    product: slug.optional().openapi({ description: "The product asked about (slug); or give `producer`" }),
    producer: slug
      .optional()
      .openapi({ description: "The producer asked about (slug), when no one product is" }),
    product_kind: slug.optional().openapi({
      description:
        "A product kind asked about (slug, from GET /kinds), when no product or producer is: for a kind no producer of which is recorded, e.g. `che-giao-co-lam`. It goes to the trade-promotion centre alone",
    }),
    kind: z.enum(ENQUIRY_KINDS, { error: "bad_kind" }).openapi({
      description:
        "Who asks and why: `self` (buy for myself), `wholesale`, `chain` (stock in a chain), `export`, `other`",
    }),
    quantity: optionalText(LIMITS.quantity).openapi({
      description: "How much, in the buyer's words (optional)",
    }),
    message: text(LIMITS.message)
      .pipe(z.string().min(1, { error: "required" }))
      .openapi({ description: `The question (at most ${LIMITS.message} characters)` }),
    name: text(LIMITS.name)
      .pipe(z.string().min(1, { error: "required" }))
      .openapi({ description: "The enquirer's name" }),
    email: optionalText(LIMITS.email)
      .refine((v) => v === undefined || isEmail(v), { error: "bad_email" })
      .openapi({ description: "Email address (this or `phone`); never published" }),
    phone: optionalText(40)
      .refine((v) => v === undefined || normalizePhone(v) !== null, { error: "bad_phone" })
      .openapi({ description: "Vietnamese phone number (this or `email`); never published" }),
    organisation: optionalText(LIMITS.organisation).openapi({
      description: "Shop, chain or company (optional)",
    }),
    consent: z
      .union([z.literal(true), z.literal("yes")], { error: "consent_required" })
      .openapi({ description: "Must be `true`: the contact may be passed to the producer and the centre" }),
    consent_version: z
      .literal(CONSENT_VERSION, { error: "bad_consent_version" })
      .optional()
      .openapi({ description: "The consent text's version the enquirer saw (optional; the current one)" }),
    token: z
      .string({ error: "bad_token" })
      .regex(/^[\w-]{16,64}$/, { error: "bad_token" })
      .optional()
      .openapi({
        description:
          "Idempotency token: the same token with the same subject and contact stores one enquiry, however often it is sent",
      }),
    lang: z.enum(["vi", "en"]).optional().openapi({ description: "The enquirer's language (default vi)" }),
  })
  .superRefine((v, ctx) => {
    if ([v.product, v.producer, v.product_kind].filter((s) => s !== undefined).length !== 1)
      ctx.addIssue({ code: "custom", path: ["product"], message: "subject_required" });
    if (v.email === undefined && v.phone === undefined)
      ctx.addIssue({ code: "custom", path: ["email"], message: "contact_required" });
  })
  .openapi("EnquiryInput");
export type EnquiryInput = z.output<typeof EnquiryInput>;

/** The field an issue names (`product`, `email`…), and its code; unknown codes (zod's own) become `required`. */
export function fieldErrors(issues: readonly { path: PropertyKey[]; message: string }[]) {
  const codes = new Set<string>(Object.keys(API_REASONS));
  const out = new Map<string, FieldError>();
  for (const i of issues) {
    const field = String(i.path[0] ?? "(body)");
    if (!out.has(field)) out.set(field, (codes.has(i.message) ? i.message : "required") as FieldError);
  }
  return out;
}

/** What an enquiry is about: a product, a producer, or a product kind (which the centre answers alone). */
export type SubjectField = "product" | "producer" | "product_kind";
export const SUBJECT_FIELDS: readonly SubjectField[] = ["product", "producer", "product_kind"];
export type Subject = Partial<Record<SubjectField, string>>;

/** The one subject of a form's fields or an input (the first given, in the order of SUBJECT_FIELDS), or null. */
export function subjectField(v: Partial<Record<SubjectField, string | undefined>>): SubjectField | null {
  return SUBJECT_FIELDS.find((f) => v[f]) ?? null;
}

/** The code for a subject that is not in the catalogue, by its field. */
export const UNKNOWN_SUBJECT: Record<SubjectField, FieldError> = {
  product: "unknown_product",
  producer: "unknown_producer",
  product_kind: "unknown_kind",
};
