import { problemOf } from "../../platform/http/problem.ts";
// The list of a kind's records (filtered by name and status) and the form that starts a new one as a draft.

import { csrfToken, type EditorIdentity, editorCall } from "../auth/auth.ts";
import {
  type ProducerRecord as Producer,
  ProducerRecord,
  type ProductRecord as Product,
  ProductRecord,
} from "../schemas.ts";
import { fieldMessage } from "../ui/field-errors.ts";
import { ErrorSummary, type Errors, errorsOf, str, type Values, zodErrors } from "../ui/form.tsx";
import { FIELD_LABELS } from "../ui/labels.ts";
import { ProducerFields, ProductFields, producerFromForm, productFromForm } from "./record-forms.tsx";
import { listRecords, producerSlugs } from "./record-list.ts";
import { createDraft } from "./records.service.ts";
import type { C, RecordScreens } from "./screens.ts";

/** Registers a kind's list (GET base) and its new-record form (GET and POST base/new). */
export function listRoutes({ app, lang, shell, kind, P, O, t, base, otherBase, get, post }: RecordScreens) {
  const title = kind === "product" ? t.products : t.producers;

  app.get(
    base,
    get(async (c) => {
      const q = (c.req.query("q") ?? "").slice(0, 200);
      const status = ["draft", "published", "changed"].includes(c.req.query("status") ?? "")
        ? (c.req.query("status") ?? "")
        : "";
      const rows = await listRecords(c.get("d1"), kind, q, status);
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
              producers={await producerSlugs(c.get("d1"))}
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
        const p = problemOf(err);
        if (p && (p.status === 409 || p.status === 422)) {
          const errors =
            p.status === 409 ? { slug: fieldMessage(p.body.detail ?? "", lang) } : errorsOf(p, lang);
          return newForm(c, e, values, errors, p.status);
        }
        throw err;
      }
      return c.redirect(`${base}/${raw.slug}?saved=1`, 303);
    }),
  );
}
