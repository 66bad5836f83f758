// The shopper's side of enquiries, without JavaScript: the form's own page (GET /hoi-mua?product=…), the form's
// target (POST /hoi-mua: redirect-after-post to the thank-you page, or the form again with its errors in the
// page's language and the values kept), the thank-you page and the privacy notice. English under /en/enquire.
import { sql } from "drizzle-orm";
import { type Context, Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import { LANGS } from "../domain/vocabulary.ts";
import { toStatement } from "../platform/db/client.ts";
import { kinds, producers, products } from "../platform/db/schema.ts";
import { queueEnquiryNotice } from "../platform/enquiry-notices.ts";
import type { AppEnv } from "../platform/env.ts";
import { addressBucket } from "../platform/http/client-address.ts";
import { d1Session } from "../platform/http/d1-session.ts";
import { Breadcrumbs } from "../ui/components/breadcrumbs.tsx";
import { type Lang, pathOf, strings } from "../ui/i18n/index.ts";
import { page, pageHeaders, render } from "../ui/register.tsx";
import { EnquiryForm, FORM_FIELDS, HONEYPOT } from "./form.tsx";
import {
  EnquiryInput,
  type FieldError,
  fieldErrors,
  MAX_ENQUIRY_BYTES,
  type Subject,
  subjectField,
  UNKNOWN_SUBJECT,
} from "./rules.ts";
import { addressDigest, type SubjectName, submitEnquiry } from "./service.ts";
import { checkStamp, formStamp } from "./stamp.ts";
import { ENQUIRY_STRINGS, PRIVACY_NOTICE } from "./strings.ts";

export const enquiryPages = new Hono<AppEnv>();

/** The subject a form is about, from its fields or query: a product, a producer or a product kind, by slug. */
const subjectOf = (v: Record<string, string | undefined>): Subject => {
  const field = subjectField(v);
  return field ? { [field]: v[field] } : {};
};

/** Reads a subject's name (and whether it is real) for the form's own page: one D1 read. */
async function subjectName(
  c: Context<AppEnv>,
  s: Subject,
): Promise<{ name: SubjectName; real: boolean } | null> {
  const field = subjectField(s);
  const slug = field && s[field];
  if (!field || !slug || slug.length > 120) return null;
  const statement = {
    product: sql`SELECT ${products.nameVi}, ${products.nameEn},
        (${products.provenance} != 'illustrative' AND ${producers.provenance} != 'illustrative') AS is_real
      FROM ${products} JOIN ${producers} ON ${producers.id} = ${products.producerId} WHERE ${products.slug} = ${slug}`,
    producer: sql`SELECT ${producers.name} AS name_vi, ${producers.name} AS name_en,
        ${producers.provenance} != 'illustrative' AS is_real FROM ${producers} WHERE ${producers.slug} = ${slug}`,
    product_kind: sql`SELECT ${kinds.nameVi}, ${kinds.nameEn}, ${kinds.provenance} != 'illustrative' AS is_real
      FROM ${kinds} WHERE ${kinds.slug} = ${slug}`,
  }[field];
  const row = await toStatement(c.get("d1"), statement).first<{
    name_vi: string;
    name_en: string;
    is_real: number;
  }>();
  return row ? { name: { vi: row.name_vi, en: row.name_en }, real: Boolean(row.is_real) } : null;
}

/** The form's own page: its heading names the subject; errors, values and a notice as the post left them. */
async function formPage(
  c: Context<AppEnv>,
  lang: Lang,
  opts: {
    subject: Subject;
    name: SubjectName;
    values?: Record<string, string>;
    errors?: Map<string, FieldError>;
    notice?: string;
    status?: 200 | 404 | 413 | 422 | 429;
  },
) {
  const t = ENQUIRY_STRINGS[lang];
  const about = opts.name?.[lang] ?? t.title;
  const back = opts.subject.product
    ? { href: pathOf("product", lang, opts.subject.product), label: about }
    : opts.subject.producer
      ? { href: pathOf("producer", lang, opts.subject.producer), label: about }
      : opts.subject.product_kind
        ? { href: pathOf("kind", lang, opts.subject.product_kind), label: about }
        : { href: pathOf("products", lang), label: strings(lang).productsTitle };
  c.header("cache-control", "no-store");
  const hasSubject = subjectField(opts.subject) !== null;
  const title = hasSubject ? t.formTitle(about) : t.title;
  const messages = [...(opts.errors ?? new Map<string, FieldError>()).values()];
  return render(
    c,
    lang,
    { page: { key: "enquire" }, title, description: t.lede, noindex: true },
    <div class="wrap">
      <Breadcrumbs lang={lang} items={[back, { label: t.title }]} />
      <h1>{title}</h1>
      {hasSubject ? (
        <>
          <p>{opts.subject.product_kind ? t.kindLede : t.lede}</p>
          <EnquiryForm
            lang={lang}
            subject={opts.subject}
            stamp={await formStamp(c.env.CURSOR_SECRET)}
            values={opts.values}
            errors={opts.errors}
            notice={opts.notice}
          />
        </>
      ) : (
        // Nothing real to ask about (an unknown or illustrative record, or a body too large to read): say why, and
        // offer the catalogue instead of a form that could only fail again.
        <>
          {[opts.notice, ...messages.map((code) => t.errors[code])].filter(Boolean).map((m) => (
            <p class="error-summary" role="alert">
              {m}
            </p>
          ))}
          <p>
            <a class="btn" href={pathOf("products", lang)}>
              {t.thanksBack}
            </a>
          </p>
        </>
      )}
    </div>,
    opts.status ?? 200,
  );
}

const noStore = pageHeaders();

for (const lang of LANGS) {
  const t = () => ENQUIRY_STRINGS[lang];

  enquiryPages.get(pathOf("enquire", lang), noStore, d1Session(), async (c) => {
    const subject = subjectOf({
      product: c.req.query("product"),
      producer: c.req.query("producer"),
      product_kind: c.req.query("product_kind"),
    });
    const found = await subjectName(c, subject);
    if (!found?.real) {
      c.header("cache-control", "no-store");
      return formPage(c, lang, {
        subject: {},
        name: null,
        errors: new Map([
          [
            "product",
            found
              ? "illustrative"
              : subject.product || subject.product_kind
                ? UNKNOWN_SUBJECT[subjectField(subject) ?? "product"]
                : "subject_required",
          ],
        ]),
        status: 404,
      });
    }
    return formPage(c, lang, { subject, name: found.name });
  });

  enquiryPages.post(
    pathOf("enquire", lang),
    noStore,
    bodyLimit({
      maxSize: MAX_ENQUIRY_BYTES,
      onError: (c) =>
        formPage(c as Context<AppEnv>, lang, {
          subject: {},
          name: null,
          notice: t().errors.too_long,
          status: 413,
        }),
    }),
    d1Session(),
    async (c) => {
      const form = await c.req.parseBody({ all: false }).catch(() => ({}) as Record<string, unknown>);
      const values: Record<string, string> = {};
      for (const k of [...FORM_FIELDS, HONEYPOT, "stamp", "consent_version"]) {
        const v = form[k];
        if (typeof v === "string") values[k] = v.slice(0, 4 * MAX_ENQUIRY_BYTES);
      }
      const subject = subjectOf(values);
      // A robot filled the hidden field: it is thanked, and nothing is stored.
      if (values[HONEYPOT]) return c.redirect(pathOf("enquireThanks", lang), 303);
      const kept = { ...values, stamp: "", [HONEYPOT]: "" };
      const stamp = await checkStamp(c.env.CURSOR_SECRET, values.stamp);
      const parsed = EnquiryInput.safeParse({
        ...values,
        consent: values.consent,
        consent_version: values.consent_version || undefined,
        token: stamp.ok ? stamp.token : undefined,
        lang,
        email: values.email || undefined,
        phone: values.phone || undefined,
        quantity: values.quantity || undefined,
        organisation: values.organisation || undefined,
        product: subject.product,
        producer: subject.producer,
        product_kind: subject.product_kind,
      });
      if (!stamp.ok || !parsed.success) {
        const errors = parsed.success ? new Map<string, FieldError>() : fieldErrors(parsed.error.issues);
        const named = await subjectName(c, subject);
        if (!stamp.ok && stamp.reason === "bad") errors.set("(body)", "bad_token");
        const notice = !stamp.ok
          ? stamp.reason === "fast"
            ? t().fast
            : stamp.reason === "stale"
              ? t().stale
              : t().errors.bad_token
          : undefined;
        return formPage(c, lang, {
          subject: named?.real ? subject : {},
          name: named?.name ?? null,
          values: kept,
          errors,
          notice,
          status: 422,
        });
      }
      const bucket = addressBucket(c.req.header("cf-connecting-ip"), c.req.url);
      const outcome = await submitEnquiry(c.get("d1"), parsed.data, {
        via: "page",
        addressKey: await addressDigest(c.env.CURSOR_SECRET, bucket),
        key: null,
      });
      if (outcome.kind === "created" || outcome.kind === "duplicate") {
        if (outcome.kind === "created") queueEnquiryNotice(c.env, c.executionCtx, outcome.ref, "received");
        return c.redirect(pathOf("enquireThanks", lang), 303);
      }
      if (outcome.kind === "address-limit" || outcome.kind === "producer-limit") {
        c.header("retry-after", String(outcome.retryAfterSeconds));
        return formPage(c, lang, {
          subject,
          name: outcome.name,
          values: kept,
          notice: t().limited,
          status: 429,
        });
      }
      if (outcome.kind === "bad-key") throw new Error("a page sends no retailer key");
      const field = subjectField(subject) ?? "product";
      const code: FieldError = outcome.kind === "illustrative" ? "illustrative" : UNKNOWN_SUBJECT[field];
      return formPage(c, lang, {
        subject: {},
        name: "name" in outcome ? outcome.name : null,
        values: kept,
        errors: new Map([[field, code]]),
        status: 422,
      });
    },
  );
}

page(enquiryPages, "enquireThanks", async (_c, lang) => {
  const t = ENQUIRY_STRINGS[lang];
  return {
    meta: { title: t.thanksTitle, description: t.thanksText, noindex: true },
    body: (
      <div class="wrap">
        <h1>{t.thanksTitle}</h1>
        <p>{t.thanksText}</p>
        <p>
          <a href={pathOf("enquirePrivacy", lang)}>{t.privacyLink}</a>
        </p>
        <p>
          <a class="btn" href={pathOf("products", lang)}>
            {t.thanksBack}
          </a>
        </p>
      </div>
    ),
  };
});

page(enquiryPages, "enquirePrivacy", async (_c, lang) => {
  const t = ENQUIRY_STRINGS[lang];
  return {
    meta: {
      title: t.privacyTitle,
      description: PRIVACY_NOTICE[lang][0]?.text.slice(0, 160) ?? t.privacyTitle,
    },
    body: (
      <div class="wrap prose">
        <h1>{t.privacyTitle}</h1>
        {PRIVACY_NOTICE[lang].map((s) => (
          <section>
            <h2>{s.heading}</h2>
            <p>{s.text}</p>
          </section>
        ))}
      </div>
    ),
  };
});
