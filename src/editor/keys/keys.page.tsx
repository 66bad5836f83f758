import type { Context, Hono } from "hono";
import { KEY_NAME_MAX } from "../../domain/api-keys.ts";
import { KEY_SCOPES, SLUG_PATTERN } from "../../domain/vocabulary.ts";
import type { StoredKeySummary } from "../../platform/db/api-keys.ts";
import type { AppEnv } from "../../platform/env.ts";
import { problemOf } from "../../platform/http/problem.ts";
import { checkCsrf, csrfToken, type EditorIdentity, editorCall } from "../auth/auth.ts";
import type { Shell } from "../records/records.page.tsx";
import { fieldMessage } from "../ui/field-errors.ts";
import { Notice, SecretOnce } from "../ui/form.tsx";
import type { AdminLang } from "../ui/strings.ts";
import { createKey, type KeysView, keysView, revokeChannelKey } from "./keys.service.ts";
import { KEY_PATHS, KEY_UI } from "./keys.strings.ts";

type C = Context<AppEnv>;
type Errors = Record<string, string>;
interface Asked {
  channel: string;
  name: string;
  scopes: string[];
  expires: string;
}

const one = (v: unknown) => (typeof v === "string" ? v : "");
const many = (v: unknown) => (Array.isArray(v) ? v : [v]).filter((s): s is string => typeof s === "string");
const channelFilter = (v: string | undefined) => (v && SLUG_PATTERN.test(v) ? v : null);

/** A key's state as the table says it: revoked, expired or active. */
function statusOf(k: StoredKeySummary, lang: AdminLang): string {
  const t = KEY_UI[lang];
  if (k.revoked_at) return t.revokedOn(k.revoked_at);
  if (k.expires_at && Date.parse(k.expires_at) <= Date.now()) return t.expired;
  return t.active;
}

/**
 * The keys page (/quan-tri/khoa-api, /en/admin/api-keys): every channel's keys, or one channel's
 * (`?channel=aeon`), with their scopes, dates and state; a form that makes a key (shown once, in the POST's own
 * response, which is never cached: no-store) and a button that revokes one. Plain forms with the session's CSRF
 * token, no script; any signed-in editor.
 */
export function keyRoutes(
  app: Hono<AppEnv>,
  lang: AdminLang,
  shell: Shell,
  signedIn: (c: C) => Promise<EditorIdentity | Response>,
) {
  const P = KEY_PATHS[lang];
  const O = KEY_PATHS[lang === "vi" ? "en" : "vi"];
  const t = KEY_UI[lang];

  const page = async (
    c: C,
    e: EditorIdentity,
    view: KeysView,
    filter: string | null,
    opts: {
      secret?: { channel: string; key: string };
      message?: string;
      /** A refused action other than the form's (a revocation of a key no longer active). */
      alert?: string;
      errors?: Errors;
      asked?: Asked;
      status?: 200 | 404 | 422;
    } = {},
  ) => {
    const csrf = await csrfToken(e.session ?? "");
    const errors = opts.errors ?? {};
    const asked = opts.asked ?? {
      channel: filter ?? "",
      name: "",
      scopes: ["listings", "webhooks"],
      expires: "",
    };
    const described = (name: string) => (errors[name] ? `k-${name}-error` : undefined);
    const fieldError = (name: string) =>
      errors[name] ? (
        <p class="field-error" id={`k-${name}-error`}>
          {errors[name]}
        </p>
      ) : null;
    const byChannel = new Map<string, StoredKeySummary[]>();
    for (const k of view.keys) byChannel.set(k.channel, [...(byChannel.get(k.channel) ?? []), k]);
    const nameOf = (slug: string) => view.channels.find((ch) => ch.slug === slug)?.name ?? slug;
    const query = filter ? `?channel=${filter}` : "";
    return shell(
      c,
      lang,
      t.title,
      `${O.keys}${query}`,
      <>
        {opts.secret ? (
          <SecretOnce
            label={t.made(nameOf(opts.secret.channel))}
            value={opts.secret.key}
            note={t.shownOnce}
          />
        ) : null}
        <Notice message={opts.message} />
        {opts.alert ? (
          <p class="error-summary" role="alert">
            {opts.alert}
          </p>
        ) : null}
        <p>{t.lede}</p>
        <form method="get" action={P.keys} class="inline">
          <label for="k-filter">{t.filter}</label>
          <select id="k-filter" name="channel">
            <option value="">{t.all}</option>
            {view.channels.map((ch) => (
              <option value={ch.slug} selected={ch.slug === filter}>
                {ch.name}
              </option>
            ))}
          </select>
          <button type="submit">{t.show}</button>
        </form>
        <h2>{t.createFor}</h2>
        {Object.keys(errors).length ? (
          <div class="error-summary" role="alert">
            <p>{t.errors}</p>
            <ul>
              {Object.entries(errors).map(([name, reason]) => (
                <li>
                  {name === "_" ? (
                    reason
                  ) : (
                    <a href={`#k-${name}`}>{`${t.labels[name] ?? name}: ${reason}`}</a>
                  )}
                </li>
              ))}
            </ul>
          </div>
        ) : null}
        <form method="post" action={P.keys} class="admin-form">
          <input type="hidden" name="_csrf" value={csrf} />
          <div class={`field${errors.channel ? " has-error" : ""}`}>
            <label for="k-channel">{t.labels.channel}</label>
            {fieldError("channel")}
            <select
              id="k-channel"
              name="channel"
              required
              aria-invalid={errors.channel ? "true" : undefined}
              aria-describedby={described("channel")}
            >
              <option value="">—</option>
              {view.channels.map((ch) => (
                <option value={ch.slug} selected={ch.slug === asked.channel}>
                  {ch.name}
                </option>
              ))}
            </select>
          </div>
          <div class={`field${errors.name ? " has-error" : ""}`}>
            <label for="k-name">{t.labels.name}</label>
            {fieldError("name")}
            <input
              id="k-name"
              name="name"
              type="text"
              maxlength={KEY_NAME_MAX}
              value={asked.name}
              aria-invalid={errors.name ? "true" : undefined}
              aria-describedby={described("name")}
            />
          </div>
          <fieldset
            id="k-scopes"
            class={`field${errors.scopes ? " has-error" : ""}`}
            aria-describedby={described("scopes")}
          >
            <legend>{t.labels.scopes}</legend>
            {fieldError("scopes")}
            {KEY_SCOPES.map((s) => (
              <div class="check">
                <input
                  type="checkbox"
                  id={`k-scope-${s}`}
                  name="scopes"
                  value={s}
                  checked={asked.scopes.includes(s)}
                />{" "}
                <label for={`k-scope-${s}`}>{t.scopes[s]}</label>
              </div>
            ))}
          </fieldset>
          <div class={`field${errors.expires ? " has-error" : ""}`}>
            <label for="k-expires">{t.labels.expires}</label>
            <p class="note" id="k-expires-hint">
              {t.expiresHint}
            </p>
            {fieldError("expires")}
            <input
              id="k-expires"
              name="expires"
              type="date"
              value={asked.expires}
              aria-invalid={errors.expires ? "true" : undefined}
              aria-describedby={`k-expires-hint${errors.expires ? " k-expires-error" : ""}`}
            />
          </div>
          <button type="submit">{t.create}</button>
        </form>
        {(filter ? [filter] : view.channels.map((ch) => ch.slug))
          .filter((slug) => filter || byChannel.has(slug))
          .map((slug) => (
            <section aria-labelledby={`k-ch-${slug}`}>
              <h2 id={`k-ch-${slug}`}>{nameOf(slug)}</h2>
              {byChannel.get(slug)?.length ? (
                <table>
                  <thead>
                    <tr>
                      {t.columns.map((h) => (
                        <th scope="col">{h}</th>
                      ))}
                      <th scope="col">
                        <span class="skip">{t.revoke}</span>
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {(byChannel.get(slug) ?? []).map((k) => (
                      <tr>
                        <td>
                          <code>{k.prefix}…</code>
                        </td>
                        <td>{k.name}</td>
                        <td>
                          {k.scopes
                            .split(" ")
                            .map((s) => t.scopeShort[s] ?? s)
                            .join(", ")}
                        </td>
                        <td>{k.created_at.slice(0, 10)}</td>
                        <td>{k.expires_at ? k.expires_at.slice(0, 10) : t.never}</td>
                        <td>{k.last_used_at ? k.last_used_at.slice(0, 10) : t.unused}</td>
                        <td>{statusOf(k, lang)}</td>
                        <td>
                          {k.revoked_at ? null : (
                            <form method="post" action={P.revoke} class="inline">
                              <input type="hidden" name="_csrf" value={csrf} />
                              <input type="hidden" name="prefix" value={k.prefix} />
                              {filter ? <input type="hidden" name="channel" value={filter} /> : null}
                              <button type="submit" class="danger" aria-label={`${t.revoke} ${k.prefix}`}>
                                {t.revoke}
                              </button>
                            </form>
                          )}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              ) : (
                <p>{t.none}</p>
              )}
            </section>
          ))}
        {!filter && !view.keys.length ? <p>{t.none}</p> : null}
      </>,
      opts.status ?? 200,
    );
  };

  /** A form post: signed in, the CSRF token checked, a refused input shown on the page with its status. */
  const guarded =
    (action: (c: C, f: Record<string, unknown>, e: EditorIdentity) => Promise<Response>) => async (c: C) => {
      const e = await signedIn(c);
      if (e instanceof Response) return e;
      const f = (await c.req.parseBody({ all: true })) as Record<string, unknown>;
      await checkCsrf(c, await csrfToken(e.session ?? ""), one(f._csrf));
      try {
        return await action(c, f, e);
      } catch (err) {
        const p = problemOf(err);
        if (!p || (p.status !== 404 && p.status !== 422)) throw err;
        if (p.status === 404) {
          const filter = channelFilter(one(f.channel));
          const alert = fieldMessage(p.body.detail ?? "", lang);
          return page(c, e, await keysView(editorCall(c), filter), filter, { alert, status: 404 });
        }
        const errors: Errors = {};
        for (const x of p.body.invalid_params ?? []) errors[x.name] ??= fieldMessage(x.reason, lang);
        const asked = {
          channel: one(f.channel),
          name: one(f.name),
          scopes: many(f.scopes),
          expires: one(f.expires),
        };
        return page(c, e, await keysView(editorCall(c), null), null, { errors, asked, status: 422 });
      }
    };

  app.get(P.keys, async (c) => {
    const e = await signedIn(c);
    if (e instanceof Response) return e;
    const filter = channelFilter(c.req.query("channel"));
    return page(c, e, await keysView(editorCall(c), filter), filter);
  });
  app.post(
    P.keys,
    guarded(async (c, f, e) => {
      const channel = one(f.channel);
      const made = await createKey(editorCall(c), {
        channel,
        name: one(f.name),
        scopes: many(f.scopes),
        expires: one(f.expires),
      });
      return page(c, e, made.view, channel, { secret: { channel, key: made.key } });
    }),
  );
  app.post(
    P.revoke,
    guarded(async (c, f, e) => {
      const prefix = one(f.prefix);
      const filter = channelFilter(one(f.channel));
      const view = await revokeChannelKey(editorCall(c), prefix, filter);
      return page(c, e, view, filter, { message: t.revoked(prefix) });
    }),
  );
}

/** The keys page's link in the editors' navigation (src/editor/pages.tsx). */
export const KeysNav = (p: { lang: AdminLang }) => (
  <>
    <a href={KEY_PATHS[p.lang].keys}>{KEY_UI[p.lang].nav}</a>{" "}
  </>
);
