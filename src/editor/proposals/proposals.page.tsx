// A producer's own pages in the back office (issue 24): "Hồ sơ của cơ sở / Your profile" proposes the contact it
// wants public and its description; each of its products, the description and the packs and prices it states;
// photos of both. Every proposal is a draft an editor reviews and publishes (proposals.service.ts); the pages say
// so, and show a pending proposal as the form's values. Server-rendered, no JavaScript, CSRF on every post.
import type { Context, Hono } from "hono";
import type { AppEnv } from "../../platform/env.ts";
import { Problem, problemOf } from "../../platform/http/problem.ts";
import { checkCsrf, csrfToken, editorCall, readSession } from "../auth/auth.ts";
import { etagOf, workingCopy } from "../records/store.ts";
import type { ProductRecord } from "../schemas.ts";
import { fieldMessage } from "../ui/field-errors.ts";
import {
  Area,
  ErrorSummary,
  type Errors,
  errorsOf,
  Field,
  Notice,
  type Shell,
  str,
  Text,
  type Values,
} from "../ui/form.tsx";
import { FIELD_LABELS } from "../ui/labels.ts";
import { ADMIN_PATHS, type AdminLang } from "../ui/strings.ts";
import {
  ownProductState,
  ownProfile,
  proposePhoto,
  proposeProducer,
  proposeProduct,
} from "./proposals.service.ts";
import { PROFILE_PATHS, UI } from "./proposals.strings.ts";

type C = Context<AppEnv>;

export { PROFILE_NAV, PROFILE_PATHS } from "./proposals.strings.ts";

const packsText = (p: ProductRecord) =>
  p.packaging.map((k) => [k.label, k.net_weight_g ?? "", k.price_vnd ?? ""].join("; ")).join("\n");

/** The signed-in producer's account (set as the request's editor), or a redirect: editors have their own pages. */
async function producerOf(c: C, lang: AdminLang) {
  const session = await readSession(c);
  if (!session?.session) return c.redirect(ADMIN_PATHS[lang].signIn, 303);
  if (session.mustChangePassword) return c.redirect(ADMIN_PATHS[lang].password, 303);
  if (session.role !== "producer" || !session.producerSlug) return c.redirect(ADMIN_PATHS[lang].home, 303);
  c.set("editor", session);
  return { ...session, producerSlug: session.producerSlug, session: session.session };
}

function PhotoForm(props: {
  lang: AdminLang;
  action: string;
  csrf: string;
  etag: string;
  current: { image?: string | null; image_alt_vi?: string | null };
  errors: Errors;
}) {
  const t = UI[props.lang];
  return (
    <section aria-labelledby="photo-h">
      <h2 id="photo-h">{t.photo}</h2>
      {props.current.image?.startsWith("/anh/") ? (
        <img src={props.current.image} alt={props.current.image_alt_vi ?? ""} width={320} class="photo" />
      ) : null}
      <ErrorSummary lang={props.lang} errors={props.errors} />
      <form method="post" action={props.action} enctype="multipart/form-data" class="admin-form">
        <input type="hidden" name="_csrf" value={props.csrf} />
        <input type="hidden" name="etag" value={props.etag} />
        <Field name="photo" lang={props.lang} errors={props.errors}>
          {(a) => <input {...a} type="file" accept="image/jpeg,image/png,image/webp" required />}
        </Field>
        <Text name="alt_vi" lang={props.lang} errors={props.errors} values={{}} required />
        <Text name="alt_en" lang={props.lang} errors={props.errors} values={{}} required />
        <button type="submit">{t.upload}</button>
      </form>
    </section>
  );
}

/**
 * Registers a producer's profile pages in one language on the editor pages (after the sign-in routes).
 *
 * @example proposalPages(editorPages, "vi", shell)
 */
export function proposalPages(app: Hono<AppEnv>, lang: AdminLang, shell: Shell) {
  const t = UI[lang];
  const P = PROFILE_PATHS[lang];
  const other = PROFILE_PATHS[lang === "vi" ? "en" : "vi"];

  const profilePage = async (
    c: C,
    me: { producerSlug: string; session: string },
    opts: {
      values?: Values;
      errors?: Errors;
      photoErrors?: Errors;
      message?: string;
      status?: 200 | 412 | 422;
    } = {},
  ) => {
    const { state: s, products } = await ownProfile(c.get("d1"), me.producerSlug);
    const current = workingCopy(s);
    if (!current)
      throw new Problem(404, { type: "not-found", detail: "No producer record for this account" });
    const csrf = await csrfToken(me.session);
    const values = opts.values ?? {
      public_contact: current.public_contact ?? "",
      description_vi: current.description_vi,
      description_en: current.description_en,
    };
    const errors = opts.errors ?? {};
    return shell(
      c,
      lang,
      `${t.title}: ${current.name}`,
      other.profile,
      <>
        <p>{t.lede}</p>
        <Notice message={opts.message} />
        {s.draft ? <p class="notice">{t.pending}</p> : null}
        <ErrorSummary lang={lang} errors={errors} />
        <form method="post" action={P.profile} class="admin-form">
          <input type="hidden" name="_csrf" value={csrf} />
          <input type="hidden" name="etag" value={etagOf(s)} />
          <Text name="public_contact" lang={lang} errors={errors} values={values} />
          <Area name="description_vi" lang={lang} errors={errors} values={values} rows={6} />
          <Area name="description_en" lang={lang} errors={errors} values={values} rows={6} />
          <button type="submit">{t.send}</button>
        </form>
        <section aria-labelledby="products-h">
          <h2 id="products-h">{t.products}</h2>
          {products.length ? (
            <ul>
              {products.map((p) => (
                <li>
                  <a href={`${P.product}/${p.slug}`}>{lang === "vi" ? p.name_vi : p.name_en}</a>
                </li>
              ))}
            </ul>
          ) : (
            <p>{t.noProducts}</p>
          )}
        </section>
        <PhotoForm
          lang={lang}
          action={`${P.profile}/${P.photo}`}
          csrf={csrf}
          etag={etagOf(s)}
          current={current}
          errors={opts.photoErrors ?? {}}
        />
      </>,
      opts.status ?? 200,
    );
  };

  const productPage = async (
    c: C,
    me: { session: string },
    slug: string,
    opts: {
      values?: Values;
      errors?: Errors;
      photoErrors?: Errors;
      message?: string;
      status?: 200 | 412 | 422;
    } = {},
  ) => {
    const s = await ownProductState(editorCall(c), slug);
    const current = workingCopy(s) as ProductRecord;
    const csrf = await csrfToken(me.session);
    const values = opts.values ?? {
      description_vi: current.description_vi,
      description_en: current.description_en,
      packs: packsText(current),
    };
    const errors = opts.errors ?? {};
    return shell(
      c,
      lang,
      t.product(lang === "vi" ? current.name_vi : current.name_en),
      `${other.product}/${slug}`,
      <>
        <p>
          <a href={P.profile}>{t.back}</a>
        </p>
        <p>{t.lede}</p>
        <Notice message={opts.message} />
        {s.draft ? <p class="notice">{t.pending}</p> : null}
        <ErrorSummary lang={lang} errors={errors} />
        <form method="post" action={`${P.product}/${slug}`} class="admin-form">
          <input type="hidden" name="_csrf" value={csrf} />
          <input type="hidden" name="etag" value={etagOf(s)} />
          <Area name="description_vi" lang={lang} errors={errors} values={values} rows={6} />
          <Area name="description_en" lang={lang} errors={errors} values={values} rows={6} />
          <Area name="packs" lang={lang} errors={errors} values={values} rows={4} />
          <button type="submit">{t.send}</button>
        </form>
        <PhotoForm
          lang={lang}
          action={`${P.product}/${slug}/${P.photo}`}
          csrf={csrf}
          etag={etagOf(s)}
          current={current}
          errors={opts.photoErrors ?? {}}
        />
      </>,
      opts.status ?? 200,
    );
  };

  /** The page's refusals, in its language: 412 (changed meanwhile) and 422 (each field named). */
  const refused = (err: unknown) => {
    const p = problemOf(err);
    // 428: a form without its version (the page sends it; only a hand-made post lacks it).
    if (p && (p.status === 412 || p.status === 428)) return { message: t.stale, status: 412 as const };
    if (p && p.status === 422) {
      // The packs' field is `packaging` in the record, `packs` on this form.
      const { packaging, ...rest } = errorsOf(p, lang);
      return { errors: packaging ? { ...rest, packs: packaging } : rest, status: 422 as const };
    }
    return null;
  };
  const photoRefused = (err: unknown) => {
    const p = problemOf(err);
    if (p && [413, 415, 422].includes(p.status))
      return {
        photoErrors:
          p.status === 422 ? errorsOf(p, lang) : { photo: fieldMessage(p.body.detail ?? "", lang) },
        status: 422 as const,
      };
    return refused(err);
  };
  const photoOf = (f: Record<string, unknown>) => {
    const file = f.photo instanceof File && f.photo.size > 0 ? f.photo : null;
    return file ? { file, alt_vi: str(f.alt_vi), alt_en: str(f.alt_en) } : null;
  };
  const noPhoto = { photoErrors: { photo: FIELD_LABELS[lang].photo ?? "photo" }, status: 422 as const };
  const formOf = async (c: C, session: string) => {
    const f = (await c.req.parseBody()) as Record<string, unknown>;
    await checkCsrf(c, await csrfToken(session), f._csrf);
    return f;
  };

  app.get(P.profile, async (c) => {
    const me = await producerOf(c, lang);
    if (me instanceof Response) return me;
    return profilePage(c, me, c.req.query("sent") ? { message: t.sent } : {});
  });

  app.post(P.profile, async (c) => {
    const me = await producerOf(c, lang);
    if (me instanceof Response) return me;
    const f = await formOf(c, me.session);
    const values = {
      public_contact: str(f.public_contact),
      description_vi: str(f.description_vi),
      description_en: str(f.description_en),
    };
    try {
      await proposeProducer(editorCall(c), values, str(f.etag));
    } catch (err) {
      const r = refused(err);
      if (r) return profilePage(c, me, { values, ...r });
      throw err;
    }
    return c.redirect(`${P.profile}?sent=1`, 303);
  });

  app.post(`${P.profile}/${P.photo}`, async (c) => {
    const me = await producerOf(c, lang);
    if (me instanceof Response) return me;
    const f = await formOf(c, me.session);
    const photo = photoOf(f);
    if (!photo) return profilePage(c, me, noPhoto);
    try {
      await proposePhoto(editorCall(c), "producer", me.producerSlug, photo, str(f.etag));
    } catch (err) {
      const r = photoRefused(err);
      if (r) return profilePage(c, me, r);
      throw err;
    }
    return c.redirect(`${P.profile}?sent=1`, 303);
  });

  const slugOf = (c: C) => {
    const slug = c.req.param("slug") ?? "";
    if (!/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(slug))
      throw new Problem(404, { type: "not-found", detail: "No such product" });
    return slug;
  };

  app.get(`${P.product}/:slug`, async (c) => {
    const me = await producerOf(c, lang);
    if (me instanceof Response) return me;
    return productPage(c, me, slugOf(c), c.req.query("sent") ? { message: t.sent } : {});
  });

  app.post(`${P.product}/:slug`, async (c) => {
    const me = await producerOf(c, lang);
    if (me instanceof Response) return me;
    const slug = slugOf(c);
    const f = await formOf(c, me.session);
    const values = {
      description_vi: str(f.description_vi),
      description_en: str(f.description_en),
      packs: str(f.packs),
    };
    try {
      await proposeProduct(
        editorCall(c),
        slug,
        {
          description_vi: values.description_vi,
          description_en: values.description_en,
          packaging: values.packs,
        },
        str(f.etag),
      );
    } catch (err) {
      const r = refused(err);
      if (r) return productPage(c, me, slug, { values, ...r });
      throw err;
    }
    return c.redirect(`${P.product}/${slug}?sent=1`, 303);
  });

  app.post(`${P.product}/:slug/${P.photo}`, async (c) => {
    const me = await producerOf(c, lang);
    if (me instanceof Response) return me;
    const slug = slugOf(c);
    const f = await formOf(c, me.session);
    const photo = photoOf(f);
    if (!photo) return productPage(c, me, slug, noPhoto);
    try {
      await proposePhoto(editorCall(c), "product", slug, photo, str(f.etag));
    } catch (err) {
      const r = photoRefused(err);
      if (r) return productPage(c, me, slug, r);
      throw err;
    }
    return c.redirect(`${P.product}/${slug}?sent=1`, 303);
  });
}
