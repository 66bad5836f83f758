import type { Context, Hono } from "hono";
import type { AppEnv } from "../../platform/env.ts";
import { problemOf } from "../../platform/http/problem.ts";
import { checkCsrf, csrfToken, type EditorIdentity, editorCall, hasRole } from "../auth/auth.ts";
import { fieldMessage } from "../ui/field-errors.ts";
import {
  ErrorSummary,
  type Errors,
  errorsOf,
  Notice,
  SecretOnce,
  Select,
  type Shell,
  str,
  Text,
  type Values,
} from "../ui/form.tsx";
import { FIELD_LABELS, PEOPLE_PATHS, PEOPLE_UI } from "../ui/labels.ts";
import type { AdminLang } from "../ui/strings.ts";
import {
  createAccount,
  createToken,
  disableAccount,
  listPeople,
  revokeSessions,
  revokeToken,
} from "./people.service.ts";

type C = Context<AppEnv>;

/**
 * The people screen (publishers): accounts with their role, sessions and tokens; invite an editor (a one-time
 * password shown once), make and revoke API tokens (shown once), sign an account out everywhere, disable it.
 * Secrets are rendered in the POST's own response (never a redirect target, never cached: no-store).
 */
export function peopleRoutes(
  app: Hono<AppEnv>,
  lang: AdminLang,
  shell: Shell,
  signedIn: (c: C) => Promise<EditorIdentity | Response>,
) {
  const P = PEOPLE_PATHS[lang];
  const O = PEOPLE_PATHS[lang === "vi" ? "en" : "vi"];
  const t = PEOPLE_UI[lang];
  const L = FIELD_LABELS[lang];

  const page = async (
    c: C,
    e: EditorIdentity,
    opts: {
      secret?: { label: string; value: string };
      errors?: Errors;
      values?: Values;
      status?: 200 | 403 | 404 | 409 | 422;
      message?: string;
    } = {},
  ) => {
    if (!hasRole(e.role, "publisher"))
      return shell(c, lang, t.title, O.people, <p>{t.onlyPublishers}</p>, 403);
    const people = await listPeople(editorCall(c));
    const csrf = await csrfToken(e.session ?? "");
    return shell(
      c,
      lang,
      t.title,
      O.people,
      <>
        {opts.secret ? (
          <SecretOnce label={opts.secret.label} value={opts.secret.value} note={t.shownOnce} />
        ) : null}
        <Notice message={opts.message} />
        <h2>{t.invite}</h2>
        <ErrorSummary lang={lang} errors={opts.errors ?? {}} />
        <form method="post" action={P.people} class="admin-form">
          <input type="hidden" name="_csrf" value={csrf} />
          <Text
            name="email"
            lang={lang}
            errors={opts.errors ?? {}}
            values={opts.values ?? {}}
            type="email"
            required
          />
          <Select
            name="role"
            lang={lang}
            errors={opts.errors ?? {}}
            values={opts.values ?? { role: "editor" }}
            options={["editor", "publisher"]}
          />
          <button type="submit">{t.create}</button>
        </form>
        <h2>{t.accounts}</h2>
        {people.map((p) => (
          <section class="person" aria-labelledby={`person-${p.id}`}>
            <h3 id={`person-${p.id}`}>
              {p.email} <span class="note">({p.role})</span>
              {p.disabled_at ? <span class="status"> {t.disabled}</span> : null}
            </h3>
            <p class="note">{t.sessions(p.sessions)}</p>
            {p.tokens.length ? (
              <ul>
                {p.tokens.map((k) => (
                  <li>
                    <code>{k.prefix}…</code> {k.name} · {k.created_at.slice(0, 10)}
                    {k.revoked_at ? (
                      ` · ${t.revoked}`
                    ) : (
                      <form method="post" action={`${P.people}/${p.id}/${P.revokeToken}`} class="inline">
                        <input type="hidden" name="_csrf" value={csrf} />
                        <input type="hidden" name="token_id" value={String(k.id)} />
                        <button type="submit" aria-label={`${t.revoke} ${k.prefix}`}>
                          {t.revoke}
                        </button>
                      </form>
                    )}
                  </li>
                ))}
              </ul>
            ) : null}
            {p.disabled_at ? null : (
              <div class="actions">
                <form method="post" action={`${P.people}/${p.id}/${P.token}`} class="inline">
                  <input type="hidden" name="_csrf" value={csrf} />
                  <label for={`token-name-${p.id}`}>{L.token_name}</label>
                  <input id={`token-name-${p.id}`} name="name" type="text" maxlength={120} />
                  <button type="submit">{t.newToken}</button>
                </form>
                {p.id !== e.id ? (
                  <>
                    <form method="post" action={`${P.people}/${p.id}/${P.signOut}`} class="inline">
                      <input type="hidden" name="_csrf" value={csrf} />
                      <button type="submit" aria-label={`${t.signOutEverywhere}: ${p.email}`}>
                        {t.signOutEverywhere}
                      </button>
                    </form>
                    <form method="post" action={`${P.people}/${p.id}/${P.disable}`} class="inline">
                      <input type="hidden" name="_csrf" value={csrf} />
                      <button type="submit" class="danger" aria-label={`${t.disable}: ${p.email}`}>
                        {t.disable}
                      </button>
                    </form>
                  </>
                ) : null}
              </div>
            )}
          </section>
        ))}
      </>,
      opts.status ?? 200,
    );
  };

  const guarded =
    (action: (c: C, f: Record<string, unknown>, e: EditorIdentity) => Promise<Response>) => async (c: C) => {
      const e = await signedIn(c);
      if (e instanceof Response) return e;
      const f = (await c.req.parseBody()) as Record<string, unknown>;
      await checkCsrf(c, await csrfToken(e.session ?? ""), f._csrf);
      try {
        return await action(c, f, e);
      } catch (err) {
        const p = problemOf(err);
        if (!p || ![403, 404, 409, 422].includes(p.status)) throw err;
        const errors = p.status === 422 ? errorsOf(p, lang) : { _: fieldMessage(p.body.detail ?? "", lang) };
        const values = { email: str(f.email), role: str(f.role) || "editor" };
        return page(c, e, { errors, values, status: p.status as 403 | 404 | 409 | 422 });
      }
    };
  const idOf = (c: C) => Number(c.req.param("id"));

  app.get(P.people, async (c) => {
    const e = await signedIn(c);
    return e instanceof Response ? e : page(c, e);
  });
  app.post(
    P.people,
    guarded(async (c, f, e) => {
      const made = await createAccount(editorCall(c), { email: str(f.email), role: str(f.role) });
      return page(c, e, { secret: { label: t.passwordFor(made.email), value: made.password } });
    }),
  );
  app.post(
    `${P.people}/:id{[0-9]+}/${P.token}`,
    guarded(async (c, f, e) => {
      const made = await createToken(editorCall(c), idOf(c), str(f.name));
      return page(c, e, { secret: { label: t.tokenFor(made.email), value: made.token } });
    }),
  );
  app.post(
    `${P.people}/:id{[0-9]+}/${P.revokeToken}`,
    guarded(async (c, f, e) => {
      await revokeToken(editorCall(c), Number(str(f.token_id)) || 0);
      return page(c, e, { message: t.tokenRevoked });
    }),
  );
  app.post(
    `${P.people}/:id{[0-9]+}/${P.signOut}`,
    guarded(async (c, _f, e) => {
      const n = await revokeSessions(editorCall(c), idOf(c));
      return page(c, e, { message: t.signedOut(n) });
    }),
  );
  app.post(
    `${P.people}/:id{[0-9]+}/${P.disable}`,
    guarded(async (c, _f, e) => {
      await disableAccount(editorCall(c), idOf(c));
      return page(c, e, { message: t.disabledNow });
    }),
  );
}
