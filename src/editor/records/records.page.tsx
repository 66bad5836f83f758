import type { Context, Hono } from "hono";
import type { Child } from "hono/jsx";
import { CNNT_LEVELS, LEGAL_TYPES, PRODUCT_GROUPS, SCHEMES, SLUG_PATTERN } from "../../domain/vocabulary.ts";
import type { AppEnv } from "../../platform/env.ts";
import { Problem } from "../../platform/http/problem.ts";
import { fold } from "../../platform/lib/fold.ts";
import { loadStrings } from "../../ui/i18n/index.ts";
import { Layout } from "../../ui/layout.tsx";
import { ProductPage } from "../../ui/product-page.tsx";
import { checkCsrf, csrfToken, type EditorIdentity, editorCall, hasRole } from "../auth/auth.ts";
import { list, packaging, packagingCell } from "../import/import.ts";
import {
  NOT_STATED,
  NOT_STATED_WORDS,
  type ProducerRecord as Producer,
  ProducerRecord,
  type ProductRecord as Product,
  ProductRecord,
  RecognitionInput,
} from "../schemas.ts";
import { fieldMessage } from "../ui/field-errors.ts";
import { FIELD_LABELS, RECORD_PATHS, UI } from "../ui/labels.ts";
import type { AdminLang } from "../ui/strings.ts";
import { previewDetail } from "./preview.ts";
import {
  createDraft,
  createRecognitionDraft,
  publishProductDraft,
  savePhoto,
  updateDraft,
} from "./records.service.ts";
import { etagOf, type RecordState, readProductBundle, readState, statusOf, workingCopy } from "./store.ts";

export type Errors = Record<string, string>;
export type Values = Record<string, string>;
type C = Context<AppEnv>;

/** The shell every signed-in page renders into (provided by index.tsx, which owns the layout). */
export type Shell = (
  c: C,
  lang: AdminLang,
  title: string,
  other: string,
  body: Child,
  status?: 200 | 403 | 404 | 409 | 412 | 422,
) => Promise<Response>;

const str = (v: unknown) => (typeof v === "string" ? v : "");
const lines = (v: string) =>
  v
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);

/** Field errors from a Problem's invalid_params (first reason per field), in the page's language. */
export function errorsOf(p: Problem, lang: AdminLang): Errors {
  const out: Errors = {};
  for (const ip of (p.body.invalid_params ?? []) as { name: string; reason: string }[]) {
    const name = ip.name.split(/[.[]/)[0] ?? ip.name;
    out[name] ??= fieldMessage(ip.reason, lang);
  }
  if (!Object.keys(out).length) out._ = fieldMessage(p.body.detail ?? "", lang);
  return out;
}
/** Field errors from zod issues, in the page's language (see field-errors.ts). */
export const zodErrors = (
  issues: readonly { path: PropertyKey[]; message: string }[],
  lang: AdminLang,
): Errors =>
  errorsOf(
    new Problem(422, {
      detail: "",
      invalid_params: issues.map((i) => ({ name: i.path.map(String).join(".") || "_", reason: i.message })),
    }),
    lang,
  );

export function Field(props: {
  name: string;
  lang: AdminLang;
  errors: Errors;
  children: (attrs: Record<string, string | boolean | undefined>) => Child;
}) {
  const error = props.errors[props.name];
  const id = `f-${props.name}`;
  return (
    <div class={`field${error ? " has-error" : ""}`}>
      <label for={id}>{FIELD_LABELS[props.lang][props.name] ?? props.name}</label>
      {error ? (
        <p class="field-error" id={`${id}-error`}>
          {error}
        </p>
      ) : null}
      {props.children({
        id,
        name: props.name,
        "aria-invalid": error ? "true" : undefined,
        "aria-describedby": error ? `${id}-error` : undefined,
      })}
    </div>
  );
}

export const Text = (p: {
  name: string;
  lang: AdminLang;
  errors: Errors;
  values: Values;
  required?: boolean;
  type?: string;
}) => (
  <Field name={p.name} lang={p.lang} errors={p.errors}>
    {(a) => <input {...a} type={p.type ?? "text"} value={p.values[p.name] ?? ""} required={p.required} />}
  </Field>
);
export const Area = (p: { name: string; lang: AdminLang; errors: Errors; values: Values; rows?: number }) => (
  <Field name={p.name} lang={p.lang} errors={p.errors}>
    {(a) => (
      <textarea {...a} rows={p.rows ?? 4}>
        {p.values[p.name] ?? ""}
      </textarea>
    )}
  </Field>
);
export const Select = (p: {
  name: string;
  lang: AdminLang;
  errors: Errors;
  values: Values;
  options: readonly string[];
  empty?: boolean;
}) => (
  <Field name={p.name} lang={p.lang} errors={p.errors}>
    {(a) => (
      <select {...a}>
        {p.empty ? <option value="">—</option> : null}
        {p.options.map((o) => (
          <option value={o} selected={p.values[p.name] === o}>
            {o}
          </option>
        ))}
      </select>
    )}
  </Field>
);
const Check = (p: { name: string; lang: AdminLang; values: Values }) => (
  <div class="field check">
    <input type="checkbox" id={`f-${p.name}`} name={p.name} checked={p.values[p.name] === "on"} />{" "}
    <label for={`f-${p.name}`}>{FIELD_LABELS[p.lang][p.name]}</label>
  </div>
);

export function ErrorSummary(props: { lang: AdminLang; errors: Errors }) {
  const entries = Object.entries(props.errors);
  if (!entries.length) return null;
  return (
    <div class="error-summary" role="alert">
      <p>{UI[props.lang].errors}</p>
      <ul>
        {entries.map(([name, reason]) => (
          <li>
            {name === "_" ? (
              reason
            ) : (
              <a href={`#f-${name}`}>
                {FIELD_LABELS[props.lang][name] ?? name}: {reason}
              </a>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}

// ——— conversions between forms and records ———
function productFromForm(f: Record<string, unknown>) {
  return {
    slug: str(f.slug).trim(),
    producer: str(f.producer).trim(),
    name_vi: str(f.name_vi),
    name_en: str(f.name_en),
    product_group: str(f.product_group),
    category_vi: str(f.category_vi),
    category_en: str(f.category_en),
    description_vi: str(f.description_vi),
    description_en: str(f.description_en),
    packaging: packaging(lines(str(f.packaging)).join(" | ")),
    sources: lines(str(f.sources)),
    sample: f.sample === "on",
    sample_fields: list(str(f.sample_fields)),
  };
}
const productValues = (p: Product): Values => ({
  slug: p.slug,
  producer: p.producer,
  name_vi: p.name_vi,
  name_en: p.name_en,
  product_group: p.product_group,
  category_vi: p.category_vi,
  category_en: p.category_en,
  description_vi: p.description_vi,
  description_en: p.description_en,
  packaging: packagingCell(p.packaging).split(" | ").join("\n"),
  sources: p.sources.join("\n"),
  sample: p.sample ? "on" : "",
  sample_fields: p.sample_fields.join(" "),
});
function producerFromForm(f: Record<string, unknown>) {
  const year = str(f.founded_year).trim();
  return {
    slug: str(f.slug).trim(),
    name: str(f.name),
    legal_type: str(f.legal_type),
    street: str(f.street) || null,
    commune: str(f.commune) || null,
    district: str(f.district) || null,
    founded_year: year ? (/^\d+$/.test(year) ? Number(year) : year) : null,
    representative: str(f.representative) || null,
    description_vi: str(f.description_vi),
    description_en: str(f.description_en),
    sources: lines(str(f.sources)),
    sample: f.sample === "on",
    sample_fields: list(str(f.sample_fields)),
  };
}
const producerValues = (p: Producer): Values => ({
  slug: p.slug,
  name: p.name,
  legal_type: p.legal_type,
  street: p.street ?? "",
  commune: p.commune ?? "",
  district: p.district ?? "",
  founded_year: p.founded_year ? String(p.founded_year) : "",
  representative: p.representative ?? "",
  description_vi: p.description_vi,
  description_en: p.description_en,
  sources: p.sources.join("\n"),
  sample: p.sample ? "on" : "",
  sample_fields: p.sample_fields.join(" "),
});
function recognitionFromForm(f: Record<string, unknown>, product: string) {
  // Stars and year may be "not stated" (chưa rõ, not_stated…) when the source does not give them.
  const n = (v: unknown) =>
    str(v).trim() === ""
      ? null
      : /^\d+$/.test(str(v).trim())
        ? Number(str(v).trim())
        : NOT_STATED_WORDS.test(str(v).trim())
          ? NOT_STATED
          : str(v);
  return {
    product,
    scheme: str(f.scheme),
    level: str(f.level) || null,
    stars: n(f.stars),
    year: n(f.year),
    title_vi: str(f.title_vi),
    title_en: str(f.title_en),
    decision_number: str(f.decision_number) || null,
    issuer: str(f.issuer) || null,
    source_url: str(f.source_url).trim(),
  };
}

// ——— forms ———
function ProductFields(p: {
  lang: AdminLang;
  values: Values;
  errors: Errors;
  producers: string[];
  isNew: boolean;
}) {
  const common = { lang: p.lang, values: p.values, errors: p.errors };
  return (
    <>
      {p.isNew ? <Text name="slug" {...common} required /> : null}
      <Select name="producer" {...common} options={p.producers} empty />
      <Text name="name_vi" {...common} required />
      <Text name="name_en" {...common} required />
      <Select name="product_group" {...common} options={PRODUCT_GROUPS} />
      <Text name="category_vi" {...common} required />
      <Text name="category_en" {...common} required />
      <Area name="description_vi" {...common} />
      <Area name="description_en" {...common} />
      <Area name="packaging" {...common} rows={3} />
      <Area name="sources" {...common} rows={3} />
      <Check name="sample" lang={p.lang} values={p.values} />
      <Text name="sample_fields" {...common} />
    </>
  );
}
function ProducerFields(p: { lang: AdminLang; values: Values; errors: Errors; isNew: boolean }) {
  const common = { lang: p.lang, values: p.values, errors: p.errors };
  return (
    <>
      {p.isNew ? <Text name="slug" {...common} required /> : null}
      <Text name="name" {...common} required />
      <Select name="legal_type" {...common} options={LEGAL_TYPES} />
      <Text name="street" {...common} />
      <Text name="commune" {...common} />
      <Text name="district" {...common} />
      <Text name="founded_year" {...common} />
      <Text name="representative" {...common} />
      <Area name="description_vi" {...common} />
      <Area name="description_en" {...common} />
      <Area name="sources" {...common} rows={3} />
      <Check name="sample" lang={p.lang} values={p.values} />
      <Text name="sample_fields" {...common} />
    </>
  );
}
function RecognitionFields(p: { lang: AdminLang; values: Values; errors: Errors }) {
  const common = { lang: p.lang, values: p.values, errors: p.errors };
  return (
    <>
      <Select name="scheme" {...common} options={SCHEMES} />
      <Select name="level" {...common} options={CNNT_LEVELS} empty />
      <Text name="stars" {...common} />
      <Text name="year" {...common} />
      <Text name="title_vi" {...common} />
      <Text name="title_en" {...common} />
      <Text name="decision_number" {...common} />
      <Text name="issuer" {...common} />
      <Text name="source_url" {...common} type="url" />
    </>
  );
}

/** Producer slugs (published and drafts), for the product form's select. */
async function producerSlugs(c: C): Promise<string[]> {
  const [live, drafts] = await c
    .get("d1")
    .batch<{ slug: string }>([
      c.get("d1").prepare("SELECT slug FROM producers ORDER BY slug"),
      c.get("d1").prepare("SELECT key AS slug FROM editor_drafts WHERE entity = 'producer' ORDER BY key"),
    ]);
  return [...new Set([...(live?.results ?? []), ...(drafts?.results ?? [])].map((r) => r.slug))].sort();
}

interface Row {
  slug: string;
  name: string;
  status: "draft" | "published" | "changed";
}

/** Every record of a kind with its status (published rows and drafts), filtered by folded name and status. */
async function listRecords(c: C, kind: "product" | "producer", q: string, status: string): Promise<Row[]> {
  const table = kind === "product" ? "products" : "producers";
  const name = kind === "product" ? "name_vi" : "name";
  const [live, drafts] = await c
    .get("d1")
    .batch<Record<string, string>>([
      c
        .get("d1")
        .prepare(
          `SELECT slug, ${name} AS name FROM ${table} ORDER BY ${kind === "product" ? "sort_vi" : "name"}`,
        ),
      c
        .get("d1")
        .prepare(
          `SELECT key AS slug, json_extract(payload, '$.${name}') AS name FROM editor_drafts WHERE entity = ?`,
        )
        .bind(kind),
    ]);
  const draftBySlug = new Map((drafts?.results ?? []).map((r) => [String(r.slug), String(r.name)]));
  const rows: Row[] = (live?.results ?? []).map((r) => ({
    slug: String(r.slug),
    name: String(draftBySlug.get(String(r.slug)) ?? r.name),
    status: draftBySlug.has(String(r.slug)) ? "changed" : "published",
  }));
  const liveSlugs = new Set(rows.map((r) => r.slug));
  for (const [slug, n] of draftBySlug)
    if (!liveSlugs.has(slug)) rows.unshift({ slug, name: String(n), status: "draft" });
  const needle = fold(q);
  return rows.filter(
    (r) =>
      (!needle || fold(r.name).includes(needle) || r.slug.includes(needle)) &&
      (!status || r.status === status),
  );
}

/**
 * Registers the record screens (lists, forms, preview, publish) for one language. `shell` renders a signed-in
 * page; `signedIn` reads the session (or answers with a redirect to the sign-in page).
 */
export function recordRoutes(
  app: Hono<AppEnv>,
  lang: AdminLang,
  shell: Shell,
  signedIn: (c: C) => Promise<EditorIdentity | Response>,
) {
  const P = RECORD_PATHS[lang];
  const O = RECORD_PATHS[lang === "vi" ? "en" : "vi"];
  const t = UI[lang];
  const form = async (c: C) => (await c.req.parseBody()) as Record<string, unknown>;
  /** Runs a form post: session, CSRF, then the action; a Response from `signedIn` (a redirect) is passed on. */
  const post =
    (action: (c: C, f: Record<string, unknown>, e: EditorIdentity) => Promise<Response>) => async (c: C) => {
      const e = await signedIn(c);
      if (e instanceof Response) return e;
      const f = await form(c);
      await checkCsrf(c, await csrfToken(e.session ?? ""), f._csrf);
      return action(c, f, e);
    };
  const get = (action: (c: C, e: EditorIdentity) => Promise<Response>) => async (c: C) => {
    const e = await signedIn(c);
    return e instanceof Response ? e : action(c, e);
  };

  for (const kind of ["product", "producer"] as const) {
    const base = kind === "product" ? P.products : P.producers;
    const otherBase = kind === "product" ? O.products : O.producers;
    const title = kind === "product" ? t.products : t.producers;

    app.get(
      base,
      get(async (c) => {
        const q = (c.req.query("q") ?? "").slice(0, 200);
        const status = ["draft", "published", "changed"].includes(c.req.query("status") ?? "")
          ? (c.req.query("status") ?? "")
          : "";
        const rows = await listRecords(c, kind, q, status);
        return shell(
          c,
          lang,
          title,
          otherBase,
          <>
            <p>
              <a href={`${base}/${P.new}`}>{kind === "product" ? t.newProduct : t.newProducer}</a>
            </p>
            <form method="get" action={base} class="filters">
              <div class="field">
                <label for="q">{FIELD_LABELS[lang].q}</label>
                <input id="q" name="q" type="search" value={q} />
              </div>
              <div class="field">
                <label for="status">{FIELD_LABELS[lang].status}</label>
                <select id="status" name="status">
                  <option value="">{t.all}</option>
                  {(["draft", "changed", "published"] as const).map((s) => (
                    <option value={s} selected={status === s}>
                      {t.statuses[s]}
                    </option>
                  ))}
                </select>
              </div>
              <button type="submit">{t.search}</button>
            </form>
            {rows.length ? (
              <ul class="records">
                {rows.slice(0, 200).map((r) => (
                  <li>
                    <a href={`${base}/${r.slug}`}>{r.name}</a>{" "}
                    <span class={`status status-${r.status}`}>{t.statuses[r.status]}</span>
                  </li>
                ))}
              </ul>
            ) : (
              <p>{t.noResults}</p>
            )}
          </>,
        );
      }),
    );

    const newForm = async (
      c: C,
      e: EditorIdentity,
      values: Values,
      errors: Errors,
      status: 200 | 409 | 422 = 200,
    ) =>
      shell(
        c,
        lang,
        kind === "product" ? t.newProduct : t.newProducer,
        `${otherBase}/${O.new}`,
        <>
          <ErrorSummary lang={lang} errors={errors} />
          <form method="post" action={`${base}/${P.new}`} class="admin-form">
            <input type="hidden" name="_csrf" value={await csrfToken(e.session ?? "")} />
            {kind === "product" ? (
              <ProductFields
                lang={lang}
                values={values}
                errors={errors}
                producers={await producerSlugs(c)}
                isNew
              />
            ) : (
              <ProducerFields lang={lang} values={values} errors={errors} isNew />
            )}
            <button type="submit">{t.create}</button>
          </form>
        </>,
        status,
      );

    app.get(
      `${base}/${P.new}`,
      get((c, e) => newForm(c, e, { product_group: "processed_food" }, {})),
    );
    app.post(
      `${base}/${P.new}`,
      post(async (c, f, e) => {
        const raw = kind === "product" ? productFromForm(f) : producerFromForm(f);
        const values = Object.fromEntries(Object.keys(f).map((k) => [k, str(f[k])]));
        const parsed = (kind === "product" ? ProductRecord : ProducerRecord).safeParse(raw);
        if (!parsed.success) return newForm(c, e, values, zodErrors(parsed.error.issues, lang), 422);
        try {
          await createDraft(editorCall(c), kind, parsed.data as Product | Producer);
        } catch (err) {
          if (err instanceof Problem && (err.status === 409 || err.status === 422)) {
            const errors =
              err.status === 409 ? { slug: fieldMessage(err.body.detail ?? "", lang) } : errorsOf(err, lang);
            return newForm(c, e, values, errors, err.status);
          }
          throw err;
        }
        return c.redirect(`${base}/${raw.slug}?saved=1`, 303);
      }),
    );

    const editPage = async (
      c: C,
      e: EditorIdentity,
      slug: string,
      opts: {
        values?: Values;
        errors?: Errors;
        recErrors?: Errors;
        photoErrors?: Errors;
        recValues?: Values;
        message?: string;
        status?: 200 | 412 | 422;
      } = {},
    ) => {
      const bundle = kind === "product" ? await readProductBundle(c.get("d1"), slug) : null;
      const s: RecordState<Product | Producer> = bundle
        ? bundle.product
        : await readState(c.get("d1"), "producer", slug);
      const current = workingCopy(s);
      if (!current) return shell(c, lang, "404", otherBase, <p>{t.noResults}</p>, 404);
      const values =
        opts.values ??
        (kind === "product"
          ? productValues(current as Product)
          : producerValues(current as unknown as Producer));
      const csrf = await csrfToken(e.session ?? "");
      const st = statusOf(s);
      const photoOf = current as {
        image?: string | null;
        image_alt_vi?: string | null;
        image_alt_en?: string | null;
      };
      const photoSection = (
        <>
          <h2>{kind === "product" ? t.photoTitle : t.photoTitleProducer}</h2>
          {photoOf.image?.startsWith("/anh/") ? (
            <img src={photoOf.image ?? ""} alt={photoOf.image_alt_vi ?? ""} width={320} class="photo" />
          ) : null}
          <ErrorSummary lang={lang} errors={opts.photoErrors ?? {}} />
          <form
            method="post"
            action={`${base}/${slug}/${P.photo}`}
            enctype="multipart/form-data"
            class="admin-form"
          >
            <input type="hidden" name="_csrf" value={csrf} />
            <input type="hidden" name="etag" value={etagOf(s)} />
            <Field name="photo" lang={lang} errors={opts.photoErrors ?? {}}>
              {(a) => <input {...a} type="file" accept="image/jpeg,image/png,image/webp" required />}
            </Field>
            <Text
              name="alt_vi"
              lang={lang}
              errors={opts.photoErrors ?? {}}
              values={{ alt_vi: photoOf.image_alt_vi ?? "" }}
              required
            />
            <Text
              name="alt_en"
              lang={lang}
              errors={opts.photoErrors ?? {}}
              values={{ alt_en: photoOf.image_alt_en ?? "" }}
              required
            />
            <button type="submit">{t.upload}</button>
          </form>
        </>
      );

      const msg =
        opts.message ?? (c.req.query("saved") ? t.saved : c.req.query("published") ? t.published : null);
      return shell(
        c,
        lang,
        kind === "product" ? (current as Product).name_vi : (current as Producer).name,
        `${otherBase}/${slug}`,
        <>
          <p>
            <span class={`status status-${st}`}>{t.statuses[st as "draft"]}</span>
          </p>
          {msg ? (
            <p class="notice" role="status">
              {msg}
            </p>
          ) : null}
          <ErrorSummary lang={lang} errors={opts.errors ?? {}} />
          <form method="post" action={`${base}/${slug}`} class="admin-form">
            <input type="hidden" name="_csrf" value={csrf} />
            <input type="hidden" name="etag" value={etagOf(s)} />
            {kind === "product" ? (
              <ProductFields
                lang={lang}
                values={values}
                errors={opts.errors ?? {}}
                producers={await producerSlugs(c)}
                isNew={false}
              />
            ) : (
              <ProducerFields lang={lang} values={values} errors={opts.errors ?? {}} isNew={false} />
            )}
            <button type="submit">{t.save}</button>
          </form>
          {kind === "producer" ? photoSection : null}
          {kind === "product" && bundle ? (
            <>
              <p>
                <a href={`${base}/${slug}/${P.preview}`}>{t.preview}</a>
              </p>
              {hasRole(e.role, "publisher") ? (
                <form method="post" action={`${base}/${slug}/${P.publish}`}>
                  <input type="hidden" name="_csrf" value={csrf} />
                  <button type="submit">{t.publish}</button>
                </form>
              ) : (
                <p class="note">{t.onlyPublishers}</p>
              )}
              {photoSection}
              <h2>{t.recognitions}</h2>
              {bundle.recognitions.length ? (
                <ul>
                  {bundle.recognitions.map((r) => {
                    const w = workingCopy(r);
                    return w ? (
                      <li>
                        {w.title_vi} ({w.year ?? "?"}){" "}
                        <span class={`status status-${statusOf(r)}`}>
                          {t.statuses[statusOf(r) as "draft"]}
                        </span>
                      </li>
                    ) : null;
                  })}
                </ul>
              ) : (
                <p>{t.none}</p>
              )}
              <h3>{t.addRecognition}</h3>
              <ErrorSummary lang={lang} errors={opts.recErrors ?? {}} />
              <form method="post" action={`${base}/${slug}/${P.recognition}`} class="admin-form">
                <input type="hidden" name="_csrf" value={csrf} />
                <RecognitionFields
                  lang={lang}
                  values={opts.recValues ?? { scheme: "cnnt" }}
                  errors={opts.recErrors ?? {}}
                />
                <button type="submit">{t.addRecognition}</button>
              </form>
            </>
          ) : null}
        </>,
        opts.status ?? 200,
      );
    };

    app.get(
      `${base}/:slug{[a-z0-9-]+}`,
      get((c, e) => editPage(c, e, c.req.param("slug") ?? "")),
    );
    app.post(
      `${base}/:slug{[a-z0-9-]+}`,
      post(async (c, f, e) => {
        const slug = c.req.param("slug") ?? "";
        if (!SLUG_PATTERN.test(slug)) return c.notFound();
        const { slug: _ignored, ...patch } = kind === "product" ? productFromForm(f) : producerFromForm(f);
        const values = Object.fromEntries(Object.keys(f).map((k) => [k, str(f[k])]));
        try {
          await updateDraft(editorCall(c), kind, slug, patch, str(f.etag));
        } catch (err) {
          if (err instanceof Problem && err.status === 412)
            return editPage(c, e, slug, { message: t.stale, status: 412 });
          if (err instanceof Problem && err.status === 422)
            return editPage(c, e, slug, { values, errors: errorsOf(err, lang), status: 422 });
          throw err;
        }
        return c.redirect(`${base}/${slug}?saved=1`, 303);
      }),
    );

    app.post(
      `${base}/:slug{[a-z0-9-]+}/${P.photo}`,
      post(async (c, f, e) => {
        const slug = c.req.param("slug") ?? "";
        const file = f.photo instanceof File && f.photo.size > 0 ? f.photo : null;
        if (!file)
          return editPage(c, e, slug, {
            photoErrors: { photo: FIELD_LABELS[lang].photo ?? "photo" },
            status: 422,
          });
        try {
          await savePhoto(editorCall(c), slug, file, str(f.alt_vi), str(f.alt_en), str(f.etag), kind);
        } catch (err) {
          if (err instanceof Problem && err.status === 412)
            return editPage(c, e, slug, { message: t.stale, status: 412 });
          if (err instanceof Problem && [413, 415, 422].includes(err.status)) {
            const errors =
              err.status === 422 ? errorsOf(err, lang) : { photo: fieldMessage(err.body.detail ?? "", lang) };
            return editPage(c, e, slug, { photoErrors: errors, status: 422 });
          }
          throw err;
        }
        return c.redirect(`${base}/${slug}?saved=1`, 303);
      }),
    );

    if (kind !== "product") continue;

    app.post(
      `${base}/:slug{[a-z0-9-]+}/${P.publish}`,
      post(async (c, _f, e) => {
        const slug = c.req.param("slug") ?? "";
        if (!hasRole(e.role, "publisher"))
          return editPage(c, e, slug, { message: t.onlyPublishers, status: 422 });
        try {
          await publishProductDraft(editorCall(c), slug, undefined);
        } catch (err) {
          if (err instanceof Problem && err.status === 422)
            return editPage(c, e, slug, { errors: errorsOf(err, lang), status: 422 });
          throw err;
        }
        return c.redirect(`${base}/${slug}?published=1`, 303);
      }),
    );

    app.post(
      `${base}/:slug{[a-z0-9-]+}/${P.recognition}`,
      post(async (c, f, e) => {
        const slug = c.req.param("slug") ?? "";
        const recValues = Object.fromEntries(Object.keys(f).map((k) => [k, str(f[k])]));
        const parsed = RecognitionInput.safeParse(recognitionFromForm(f, slug));
        if (!parsed.success)
          return editPage(c, e, slug, {
            recErrors: zodErrors(parsed.error.issues, lang),
            recValues,
            status: 422,
          });
        try {
          await createRecognitionDraft(editorCall(c), parsed.data);
        } catch (err) {
          if (err instanceof Problem && err.status === 422)
            return editPage(c, e, slug, { recErrors: errorsOf(err, lang), recValues, status: 422 });
          throw err;
        }
        return c.redirect(`${base}/${slug}?saved=1`, 303);
      }),
    );

    app.get(
      `${base}/:slug{[a-z0-9-]+}/${P.preview}`,
      get(async (c) => {
        const slug = c.req.param("slug") ?? "";
        const [detail] = await Promise.all([previewDetail(c, slug, lang), loadStrings(lang)]);
        if (!detail) return shell(c, lang, "404", otherBase, <p>{t.noResults}</p>, 404);
        // The public product page itself (component, mappers, styles), in the public layout, never indexed.
        return c.html(
          <Layout
            meta={{
              lang,
              page: null,
              title: `${t.preview}: ${detail.name}`,
              description: t.previewNote,
              origin: new URL(c.req.url).origin,
              noindex: true,
            }}
          >
            <div class="wrap">
              <p class="notice" role="status">
                {t.previewNote} <a href={`${base}/${slug}`}>{t.backToEdit}</a>
              </p>
            </div>
            <ProductPage p={detail} lang={lang} />
          </Layout>,
        );
      }),
    );
  }
}
