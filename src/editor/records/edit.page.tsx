// One record's page: its form, its photo and, for a product, the preview link, publishing and its recognitions;
// and the posts that return to it (save, photo, publish, add a recognition), which show it again with their
// errors or a stale notice.
import { SLUG_PATTERN } from "../../domain/vocabulary.ts";
import { problemOf } from "../../platform/http/problem.ts";
import { csrfToken, type EditorIdentity, editorCall, hasRole } from "../auth/auth.ts";
import {
  type ProducerRecord as Producer,
  type ProductRecord as Product,
  RecognitionInput,
} from "../schemas.ts";
import { fieldMessage } from "../ui/field-errors.ts";
import {
  ErrorSummary,
  type Errors,
  errorsOf,
  Field,
  Notice,
  str,
  Text,
  type Values,
  zodErrors,
} from "../ui/form.tsx";
import { FIELD_LABELS } from "../ui/labels.ts";
import {
  ProducerFields,
  ProductFields,
  producerFromForm,
  producerValues,
  productFromForm,
  productValues,
  RecognitionFields,
  recognitionFromForm,
} from "./record-forms.tsx";
import { producerSlugs } from "./record-list.ts";
import { createRecognitionDraft, publishProductDraft, savePhoto, updateDraft } from "./records.service.ts";
import type { C, RecordScreens } from "./screens.ts";
import { etagOf, type RecordState, readProductBundle, readState, statusOf, workingCopy } from "./store.ts";

/** Registers a record's page (GET base/:slug) and the posts that return to it. */
export function editRoutes({ app, lang, shell, kind, P, t, base, otherBase, get, post }: RecordScreens) {
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
        <Notice message={msg} />
        <ErrorSummary lang={lang} errors={opts.errors ?? {}} />
        <form method="post" action={`${base}/${slug}`} class="admin-form">
          <input type="hidden" name="_csrf" value={csrf} />
          <input type="hidden" name="etag" value={etagOf(s)} />
          {kind === "product" ? (
            <ProductFields
              lang={lang}
              values={values}
              errors={opts.errors ?? {}}
              producers={await producerSlugs(c.get("d1"))}
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
                      <span class={`status status-${statusOf(r)}`}>{t.statuses[statusOf(r) as "draft"]}</span>
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
        const p = problemOf(err);
        if (p && p.status === 412) return editPage(c, e, slug, { message: t.stale, status: 412 });
        if (p && p.status === 422)
          return editPage(c, e, slug, { values, errors: errorsOf(p, lang), status: 422 });
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
        const p = problemOf(err);
        if (p && p.status === 412) return editPage(c, e, slug, { message: t.stale, status: 412 });
        if (p && [413, 415, 422].includes(p.status)) {
          const errors =
            p.status === 422 ? errorsOf(p, lang) : { photo: fieldMessage(p.body.detail ?? "", lang) };
          return editPage(c, e, slug, { photoErrors: errors, status: 422 });
        }
        throw err;
      }
      return c.redirect(`${base}/${slug}?saved=1`, 303);
    }),
  );

  if (kind !== "product") return;

  app.post(
    `${base}/:slug{[a-z0-9-]+}/${P.publish}`,
    post(async (c, _f, e) => {
      const slug = c.req.param("slug") ?? "";
      if (!hasRole(e.role, "publisher"))
        return editPage(c, e, slug, { message: t.onlyPublishers, status: 422 });
      try {
        await publishProductDraft(editorCall(c), slug, undefined);
      } catch (err) {
        const p = problemOf(err);
        if (p && p.status === 422) return editPage(c, e, slug, { errors: errorsOf(p, lang), status: 422 });
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
        const p = problemOf(err);
        if (p && p.status === 422)
          return editPage(c, e, slug, { recErrors: errorsOf(p, lang), recValues, status: 422 });
        throw err;
      }
      return c.redirect(`${base}/${slug}?saved=1`, 303);
    }),
  );
}
