import type { Context, Hono } from "hono";
import { CHANNEL_KINDS, FUNDS } from "../../domain/vocabulary.ts";
import type { AppEnv } from "../../platform/env.ts";
import { problemOf } from "../../platform/http/problem.ts";
import { csrfToken, type EditorIdentity, editorCall, hasRole } from "../auth/auth.ts";
import { fieldMessage } from "../ui/field-errors.ts";
import {
  Area,
  ErrorSummary,
  type Errors,
  errorsOf,
  Notice,
  Select,
  type Shell,
  str,
  Text,
  type Values,
  zodErrors,
} from "../ui/form.tsx";
import { FIELD_LABELS, TABLE_PATHS, UI } from "../ui/labels.ts";
import { signedInScreens } from "../ui/screen.ts";
import type { AdminLang } from "../ui/strings.ts";
import { FORMS, recordFromForm, valuesOf } from "./tables.forms.ts";
import { listPlainStatement, type PlainState, plainListFrom, readPlain } from "./tables.queries.ts";
import { PLAIN_SCHEMAS, type PlainEntity } from "./tables.schemas.ts";
import { checkListing, createPlain, deletePlain, updatePlain } from "./tables.service.ts";

type C = Context<AppEnv>;

const FACET_OPTIONS: Record<PlainEntity, readonly string[] | null> = {
  channel: CHANNEL_KINDS,
  listing: null,
  support_project: FUNDS,
  programme_figure: null,
};

/**
 * Registers the editor screens for channels, listings, support projects and programme figures in one language:
 * lists with search and a filter, forms with field-level errors, create/edit (If-Match from a hidden field, 412 as
 * a stale-form message), delete, and "checked today" for listings. Writes go through src/editor/tables/tables.service.ts, which
 * enforces the roles; the forms a role may not use are not shown.
 */
export function tableRoutes(
  app: Hono<AppEnv>,
  lang: AdminLang,
  shell: Shell,
  signedIn: (c: C) => Promise<EditorIdentity | Response>,
) {
  const P = TABLE_PATHS[lang];
  const O = TABLE_PATHS[lang === "vi" ? "en" : "vi"];
  const t = UI[lang];
  const L = FIELD_LABELS[lang];
  const { get, post } = signedInScreens(signedIn);

  for (const entity of ["channel", "listing", "support_project", "programme_figure"] as const) {
    const base = P[entity];
    const otherBase = O[entity];
    const title = t.tables[entity];
    const keyPattern =
      entity === "listing"
        ? ":channel{[a-z0-9-]+}/:product{[a-z0-9-]+}"
        : entity === "support_project"
          ? ":key{[0-9]+}"
          : entity === "programme_figure"
            ? ":key{[a-z0-9_]+}"
            : ":key{[a-z0-9-]+}";
    const keyOf = (c: C) =>
      entity === "listing"
        ? `${c.req.param("channel")}/${c.req.param("product")}`
        : (c.req.param("key") ?? "");

    app.get(
      base,
      get(async (c, e) => {
        const q = (c.req.query("q") ?? "").slice(0, 200);
        const facet = (c.req.query("facet") ?? "").slice(0, 120);
        const stale = c.req.query("stale") === "1";
        const d1 = c.get("d1");
        const [res] = await d1.batch<Record<string, unknown>>([
          listPlainStatement(d1, entity, { facet, stale }),
        ]);
        const rows = plainListFrom(entity, res, q);
        const options = FACET_OPTIONS[entity];
        return shell(
          c,
          lang,
          title,
          otherBase,
          <>
            {hasRole(e.role, "publisher") ? (
              <p>
                <a href={`${base}/${P.new}`}>{t.add}</a>
              </p>
            ) : (
              <p class="note">{entity === "listing" ? t.editorsCheck : t.onlyPublishersChange}</p>
            )}
            <form method="get" action={base} class="filters">
              <div class="field">
                <label for="q">{L.q}</label>
                <input id="q" name="q" type="search" value={q} />
              </div>
              <div class="field">
                <label for="facet">{L[`facet_${entity}`]}</label>
                {options ? (
                  <select id="facet" name="facet">
                    <option value="">{t.all}</option>
                    {options.map((o) => (
                      <option value={o} selected={facet === o}>
                        {o}
                      </option>
                    ))}
                  </select>
                ) : (
                  <input id="facet" name="facet" type="text" value={facet} />
                )}
              </div>
              {entity === "listing" ? (
                <div class="field check">
                  <input type="checkbox" id="stale" name="stale" value="1" checked={stale} />{" "}
                  <label for="stale">{L.stale}</label>
                </div>
              ) : null}
              <button type="submit">{t.search}</button>
            </form>
            {rows.length ? (
              <ul class="records">
                {rows.map((r) => (
                  <li>
                    <a href={`${base}/${r.key}`}>{r.label}</a>{" "}
                    <span class="note">
                      {entity === "listing"
                        ? `${(r.record as { status: string }).status} · ${t.lastChecked}: ${(r.record as { last_verified: string | null }).last_verified ?? "—"}`
                        : r.key}
                      {r.record.provenance !== "sourced" ? ` · ${r.record.provenance}` : ""}
                    </span>
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

    const form = async (
      c: C,
      e: EditorIdentity,
      s: PlainState | null,
      values: Values,
      errors: Errors,
      status: 200 | 403 | 404 | 409 | 412 | 422 = 200,
      message?: string,
    ) => {
      const csrf = await csrfToken(e.session ?? "");
      const publisher = hasRole(e.role, "publisher");
      const common = { lang, values, errors };
      const keyed = s?.retailerKeyed ?? false;
      const readOnly = !publisher;
      const fields = FORMS[entity].filter((f) => !(f.keyField && s));
      return shell(
        c,
        lang,
        s ? `${title}: ${s.key}` : `${title}: ${t.add}`,
        s ? `${otherBase}/${s.key}` : `${otherBase}/${O.new}`,
        <>
          <Notice message={message} />
          {keyed ? <p class="note">{t.retailerOwned}</p> : null}
          <ErrorSummary lang={lang} errors={errors} />
          {readOnly ? (
            <dl class="record">
              {FORMS[entity].map((f) => (
                <>
                  <dt>{L[f.name] ?? f.name}</dt>
                  <dd>{values[f.name] || "—"}</dd>
                </>
              ))}
            </dl>
          ) : (
            <form method="post" action={s ? `${base}/${s.key}` : `${base}/${P.new}`} class="admin-form">
              <input type="hidden" name="_csrf" value={csrf} />
              {s ? <input type="hidden" name="etag" value={s.etag} /> : null}
              {fields.map((f) =>
                f.kind === "area" || f.kind === "lines" || f.kind === "stores" ? (
                  <Area name={f.name} {...common} rows={f.kind === "area" ? 4 : 3} />
                ) : f.kind === "select" ? (
                  <Select name={f.name} {...common} options={f.options ?? []} empty={f.empty} />
                ) : (
                  <Text
                    name={f.name}
                    {...common}
                    type={f.kind === "url" ? "url" : f.kind === "date" ? "date" : "text"}
                  />
                ),
              )}
              <button type="submit">{s ? t.saveNow : t.createNow}</button>
            </form>
          )}
          {s && entity === "listing" ? (
            <form method="post" action={`${base}/${s.key}/${P.check}`} class="admin-form">
              <input type="hidden" name="_csrf" value={csrf} />
              <input type="hidden" name="etag" value={s.etag} />
              <button type="submit">{t.markChecked}</button>
            </form>
          ) : null}
          {s && publisher && !keyed ? (
            <form method="post" action={`${base}/${s.key}/${P.delete}`} class="admin-form">
              <input type="hidden" name="_csrf" value={csrf} />
              <input type="hidden" name="etag" value={s.etag} />
              <button type="submit" class="danger">
                {t.delete}
              </button>
            </form>
          ) : null}
        </>,
        status,
      );
    };

    /** Runs a write; a refusal becomes the form again with its errors (or the stale-form message). */
    const attempt = async (
      c: C,
      e: EditorIdentity,
      key: string | null,
      values: Values,
      write: () => Promise<string>,
    ) => {
      try {
        const to = await write();
        return c.redirect(to, 303);
      } catch (err) {
        const p = problemOf(err);
        if (!p || ![403, 409, 412, 422, 428].includes(p.status)) throw err;
        const s = key ? await readPlain(c.get("d1"), entity, key) : null;
        if (p.status === 412) return form(c, e, s, valuesOf(entity, s?.record ?? {}), {}, 412, t.stale);
        const errors = p.status === 422 ? errorsOf(p, lang) : { _: fieldMessage(p.body.detail ?? "", lang) };
        return form(c, e, s, values, errors, p.status as 403 | 409 | 422);
      }
    };
    const sent = (f: Record<string, unknown>) =>
      Object.fromEntries(Object.keys(f).map((k) => [k, str(f[k])])) as Values;

    app.get(
      `${base}/${P.new}`,
      get((c, e) => form(c, e, null, valuesOf(entity, {}), {})),
    );
    app.post(
      `${base}/${P.new}`,
      post(async (c, f, e) => {
        const raw = recordFromForm(entity, f, true);
        const parsed = PLAIN_SCHEMAS[entity].safeParse(raw);
        if (!parsed.success) return form(c, e, null, sent(f), zodErrors(parsed.error.issues, lang), 422);
        return attempt(c, e, null, sent(f), async () => {
          const s = await createPlain(editorCall(c), entity, parsed.data as never);
          return `${base}/${s.key}?saved=1`;
        });
      }),
    );
    app.get(
      `${base}/${keyPattern}`,
      get(async (c, e) => {
        const s = await readPlain(c.get("d1"), entity, keyOf(c));
        if (!s) return shell(c, lang, "404", otherBase, <p>{t.noResults}</p>, 404);
        return form(
          c,
          e,
          s,
          valuesOf(entity, s.record),
          {},
          200,
          c.req.query("saved") ? t.savedNow : undefined,
        );
      }),
    );
    app.post(
      `${base}/${keyPattern}`,
      post(async (c, f, e) => {
        const key = keyOf(c);
        const patch = recordFromForm(entity, f, false);
        return attempt(c, e, key, sent(f), async () => {
          const s = await updatePlain(editorCall(c), entity, key, patch, str(f.etag));
          return `${base}/${s.key}?saved=1`;
        });
      }),
    );
    app.post(
      `${base}/${keyPattern}/${P.delete}`,
      post(async (c, f, e) => {
        const key = keyOf(c);
        return attempt(c, e, key, {}, async () => {
          await deletePlain(editorCall(c), entity, key, str(f.etag));
          return `${base}?deleted=1`;
        });
      }),
    );
    if (entity === "listing")
      app.post(
        `${base}/${keyPattern}/${P.check}`,
        post(async (c, f, e) => {
          const key = keyOf(c);
          return attempt(c, e, key, {}, async () => {
            await checkListing(editorCall(c), key, {}, str(f.etag));
            return `${base}/${key}?saved=1`;
          });
        }),
      );
  }
}
