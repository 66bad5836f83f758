import { type Context, Hono } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import type { Child } from "hono/jsx";
import type { AppEnv } from "../platform/env.ts";
import { d1Session } from "../platform/http/d1-session.ts";
import {
  callerBucket,
  checkCsrf,
  checkOrigin,
  csrfToken,
  type Role,
  readSession,
  SESSION_COOKIE,
  SESSION_SECONDS,
  sameDigest,
} from "./auth/auth.ts";
import { randomToken, sha256Hex } from "./auth/crypto.ts";
import {
  changePassword,
  LOGIN_WINDOW_MINUTES,
  type PasswordChange,
  revokeSession,
  signIn,
} from "./auth/signin.ts";
import { enquiryInbox } from "./enquiries/inbox.tsx";
import { INBOX_NAV, INBOX_PATHS } from "./enquiries/inbox-paths.ts";
import { KeysNav, keyRoutes } from "./keys/keys.page.tsx";
import { peopleRoutes } from "./people/people.page.tsx";
import { PROFILE_NAV, PROFILE_PATHS, proposalPages } from "./proposals/proposals.page.tsx";
import { recordRoutes, type Shell } from "./records/records.page.tsx";
import { SEARCH_PATHS, SEARCH_UI, searchRoutes } from "./search/search.page.tsx";
import { tableRoutes } from "./tables/tables.page.tsx";
import { PEOPLE_PATHS, PEOPLE_UI, RECORD_PATHS, TABLE_PATHS, UI } from "./ui/labels.ts";
import { ADMIN_PATHS, ADMIN_STRINGS, type AdminLang } from "./ui/strings.ts";
import { ADMIN_CSS } from "./ui/style.ts";

/** Double-submit cookie that protects the sign-in form (there is no session yet to derive a token from). */
const LOGIN_CSRF_COOKIE = "__Host-cnnt_login";

/** The editor pages' policy: like the public pages (no script at all), forms posting to this origin only. */
const ADMIN_CSP = [
  "default-src 'none'",
  "style-src 'self'",
  "img-src 'self'",
  "form-action 'self'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join("; ");

/** The editor pages (/quan-tri, English under /en/admin): server-rendered, no JavaScript, never cached or indexed. */
export const editorPages = new Hono<AppEnv>();
editorPages.use("/quan-tri/*", d1Session(), adminHeaders());
editorPages.use("/quan-tri", d1Session(), adminHeaders());
editorPages.use("/en/admin/*", d1Session(), adminHeaders());
editorPages.use("/en/admin", d1Session(), adminHeaders());

function adminHeaders() {
  return async (c: Context<AppEnv>, next: () => Promise<void>) => {
    await next();
    c.header("content-security-policy", ADMIN_CSP);
    if (!c.res.headers.get("content-type")?.startsWith("text/css")) c.header("cache-control", "no-store");
    c.header("x-robots-tag", "noindex, nofollow");
  };
}

editorPages.get("/quan-tri/admin.css", (c) =>
  c.body(ADMIN_CSS, 200, {
    "content-type": "text/css; charset=utf-8",
    "cache-control": "public, max-age=3600",
  }),
);

/**
 * The editor pages' frame (also the producers' inbox, src/editor/enquiries/inbox.tsx, and their profile pages,
 * proposals/): a producer's nav is its inbox and its profile only.
 */
export function Page(props: {
  lang: AdminLang;
  title: string;
  other: string;
  children: Child;
  signedIn?: { email: string; role: Role; csrf: string };
}) {
  const t = ADMIN_STRINGS[props.lang];
  const p = ADMIN_PATHS[props.lang];
  return (
    <html lang={props.lang}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="robots" content="noindex, nofollow" />
        <title>{`${props.title} · ${t.site}`}</title>
        <link rel="stylesheet" href={p.css} />
      </head>
      <body>
        <a class="skip" href="#main">
          {t.skip}
        </a>
        <header class="admin-header">
          <a class="admin-brand" href={p.home}>
            {t.site}
          </a>
          <a
            href={props.other}
            hreflang={props.lang === "vi" ? "en" : "vi"}
            lang={props.lang === "vi" ? "en" : "vi"}
          >
            {t.switchTo}
          </a>
          {props.signedIn?.role === "producer" ? (
            <nav aria-label={t.site}>
              <a href={INBOX_PATHS[props.lang].inbox}>{INBOX_NAV[props.lang]}</a>{" "}
              <a href={PROFILE_PATHS[props.lang].profile}>{PROFILE_NAV[props.lang]}</a>
            </nav>
          ) : props.signedIn ? (
            <nav aria-label={t.site}>
              <a href={p.home}>{t.queue}</a>{" "}
              <a href={INBOX_PATHS[props.lang].inbox}>{INBOX_NAV[props.lang]}</a>{" "}
              <a href={RECORD_PATHS[props.lang].products}>{UI[props.lang].products}</a>{" "}
              <a href={RECORD_PATHS[props.lang].producers}>{UI[props.lang].producers}</a>{" "}
              {(["channel", "listing", "support_project", "programme_figure"] as const).map((e) => (
                <>
                  <a href={TABLE_PATHS[props.lang][e]}>{UI[props.lang].tables[e]}</a>{" "}
                </>
              ))}
              <a href={SEARCH_PATHS[props.lang].search}>{SEARCH_UI[props.lang].title}</a>{" "}
              <KeysNav lang={props.lang} />
              {props.signedIn.role === "publisher" ? (
                <a href={PEOPLE_PATHS[props.lang].people}>{PEOPLE_UI[props.lang].title}</a>
              ) : null}
            </nav>
          ) : null}
          {props.signedIn ? (
            <form method="post" action={p.signOut} class="inline">
              <span>
                {t.signedInAs} {props.signedIn.email} ({t.roles[props.signedIn.role]})
              </span>{" "}
              <input type="hidden" name="_csrf" value={props.signedIn.csrf} />
              <a href={p.password}>{t.changePassword}</a> <button type="submit">{t.signOut}</button>
            </form>
          ) : null}
        </header>
        <main id="main" tabindex={-1}>
          <h1>{props.title}</h1>
          {props.children}
        </main>
      </body>
    </html>
  );
}

function SignInPage(props: { lang: AdminLang; csrf: string; error?: "wrong" | "limited"; email?: string }) {
  const t = ADMIN_STRINGS[props.lang];
  const p = ADMIN_PATHS[props.lang];
  const other = ADMIN_PATHS[props.lang === "vi" ? "en" : "vi"].signIn;
  return (
    <Page lang={props.lang} title={t.signIn} other={other}>
      <p>{t.signInLede}</p>
      {props.error ? (
        <p class="error-summary" role="alert" id="signin-error">
          {props.error === "limited" ? t.limited : t.wrong}
        </p>
      ) : null}
      <form method="post" action={p.signIn} class="admin-form">
        <input type="hidden" name="_csrf" value={props.csrf} />
        <div class="field">
          <label for="email">{t.email}</label>
          <input
            id="email"
            name="email"
            type="email"
            autocomplete="username"
            required
            value={props.email ?? ""}
            aria-describedby={props.error ? "signin-error" : undefined}
          />
        </div>
        <div class="field">
          <label for="password">{t.password}</label>
          <input id="password" name="password" type="password" autocomplete="current-password" required />
        </div>
        <button type="submit">{t.signIn}</button>
      </form>
    </Page>
  );
}

type PasswordError = Exclude<PasswordChange, { ok: true }>["reason"];

/** The password form: current, new, new again. A plain form post with the session's CSRF token, no script. */
function PasswordPage(props: {
  lang: AdminLang;
  csrf: string;
  email: string;
  role: Role;
  forced: boolean;
  error?: PasswordError;
}) {
  const t = ADMIN_STRINGS[props.lang];
  const p = ADMIN_PATHS[props.lang];
  const described = props.error ? "password-error" : undefined;
  return (
    <Page
      lang={props.lang}
      title={t.changePassword}
      other={ADMIN_PATHS[props.lang === "vi" ? "en" : "vi"].password}
      signedIn={{ email: props.email, role: props.role, csrf: props.csrf }}
    >
      {props.forced ? <p class="notice">{t.mustChange}</p> : null}
      <p>{t.changeLede}</p>
      {props.error ? (
        <p class="error-summary" role="alert" id="password-error">
          {t.passwordErrors[props.error]}
        </p>
      ) : null}
      <form method="post" action={p.password} class="admin-form">
        <input type="hidden" name="_csrf" value={props.csrf} />
        <div class="field">
          <label for="current_password">{t.currentPassword}</label>
          <input
            id="current_password"
            name="current_password"
            type="password"
            autocomplete="current-password"
            required
            aria-describedby={described}
          />
        </div>
        <div class="field">
          <label for="new_password">{t.newPassword}</label>
          <input
            id="new_password"
            name="new_password"
            type="password"
            autocomplete="new-password"
            minlength={12}
            required
            aria-describedby={described}
          />
        </div>
        <div class="field">
          <label for="confirm_password">{t.confirmPassword}</label>
          <input
            id="confirm_password"
            name="confirm_password"
            type="password"
            autocomplete="new-password"
            minlength={12}
            required
          />
        </div>
        <button type="submit">{t.changePassword}</button>
      </form>
    </Page>
  );
}

const PASSWORD_STATUS: Record<PasswordError, 401 | 422 | 429> = {
  "wrong-current": 401,
  "too-short": 422,
  mismatch: 422,
  unchanged: 422,
  limited: 429,
};

const langOf = (path: string): AdminLang => (path.startsWith("/en/") ? "en" : "vi");

async function showSignIn(
  c: Context<AppEnv>,
  status: 200 | 401 | 403 | 429 = 200,
  error?: "wrong" | "limited",
  email?: string,
) {
  const csrf = randomToken(32);
  setCookie(c, LOGIN_CSRF_COOKIE, csrf, {
    path: "/",
    secure: true,
    httpOnly: true,
    sameSite: "Strict",
    maxAge: 3600,
  });
  return c.html(<SignInPage lang={langOf(c.req.path)} csrf={csrf} error={error} email={email} />, status);
}

for (const lang of ["vi", "en"] as const) {
  const p = ADMIN_PATHS[lang];
  editorPages.get(p.signIn, async (c) => {
    if (await readSession(c)) return c.redirect(p.home, 303);
    return showSignIn(c);
  });

  editorPages.post(p.signIn, async (c) => {
    const form = await c.req.parseBody();
    const cookie = getCookie(c, LOGIN_CSRF_COOKIE) ?? "";
    const given = typeof form._csrf === "string" ? form._csrf : "";
    // Double submit: the form's token must equal the cookie's (another site can make a browser post the form,
    // but cannot read or set this SameSite=Strict, __Host- cookie). Compared as digests, in constant time.
    const same = cookie.length === 43 && sameDigest(await sha256Hex(cookie), await sha256Hex(given));
    checkOrigin(c);
    if (!same) return showSignIn(c, 403);
    const email = typeof form.email === "string" ? form.email : "";
    const password = typeof form.password === "string" ? form.password : "";
    const result = await signIn(c.get("d1"), email, password, callerBucket(c));
    if (!result.ok) {
      // The window is fixed, so its length is an honest upper bound of the wait (RFC 9110 §10.2.3).
      if (result.reason === "limited") c.header("retry-after", String(LOGIN_WINDOW_MINUTES * 60));
      return showSignIn(
        c,
        result.reason === "limited" ? 429 : 401,
        result.reason === "limited" ? "limited" : "wrong",
        email.slice(0, 254),
      );
    }
    deleteCookie(c, LOGIN_CSRF_COOKIE, { path: "/", secure: true });
    setCookie(c, SESSION_COOKIE, result.token, {
      path: "/",
      secure: true,
      httpOnly: true,
      sameSite: "Strict",
      maxAge: SESSION_SECONDS,
    });
    // A producer's account opens on its enquiries; it has no editor pages. An invitation's password opens only
    // the form that replaces it.
    if (result.mustChangePassword) return c.redirect(p.password, 303);
    return c.redirect(result.editor.role === "producer" ? INBOX_PATHS[lang].inbox : p.home, 303);
  });

  editorPages.get(p.password, async (c) => {
    const session = await readSession(c);
    if (!session?.session) return c.redirect(p.signIn, 303);
    return c.html(
      <PasswordPage
        lang={lang}
        csrf={await csrfToken(session.session)}
        email={session.email}
        role={session.role}
        forced={session.mustChangePassword === true}
      />,
    );
  });

  editorPages.post(p.password, async (c) => {
    const session = await readSession(c);
    if (!session?.session) return c.redirect(p.signIn, 303);
    const form = await c.req.parseBody();
    const csrf = await csrfToken(session.session);
    await checkCsrf(c, csrf, form._csrf);
    const field = (name: string) => (typeof form[name] === "string" ? (form[name] as string) : "");
    const result = await changePassword(
      c.get("d1"),
      { id: session.id, email: session.email, session: session.session },
      { current: field("current_password"), next: field("new_password"), confirm: field("confirm_password") },
      callerBucket(c),
    );
    if (result.ok) return c.redirect(p.home, 303);
    if (result.reason === "limited") c.header("retry-after", String(LOGIN_WINDOW_MINUTES * 60));
    return c.html(
      <PasswordPage
        lang={lang}
        csrf={csrf}
        email={session.email}
        role={session.role}
        forced={session.mustChangePassword === true}
        error={result.reason}
      />,
      PASSWORD_STATUS[result.reason],
    );
  });

  editorPages.post(p.signOut, async (c) => {
    const session = await readSession(c);
    if (session?.session) {
      const form = await c.req.parseBody();
      await checkCsrf(c, await csrfToken(session.session), form._csrf);
      await revokeSession(c.get("d1"), session.session);
    }
    deleteCookie(c, SESSION_COOKIE, { path: "/", secure: true });
    return c.redirect(p.signIn, 303);
  });

  const shell: Shell = async (c, l, title, other, body, status = 200) => {
    const e = c.get("editor");
    return c.html(
      <Page
        lang={l}
        title={title}
        other={other}
        signedIn={{ email: e.email, role: e.role, csrf: await csrfToken(e.session ?? "") }}
      >
        {body}
      </Page>,
      status,
    );
  };
  const signedIn = async (c: Context<AppEnv>) => {
    const session = await readSession(c);
    if (!session?.session) return c.redirect(p.signIn, 303);
    // An invitation's password opens nothing but the form that replaces it.
    if (session.mustChangePassword) return c.redirect(p.password, 303);
    // Producers' accounts (issue 24) see their enquiries only: every editor page is closed to them.
    if (session.role === "producer") return c.redirect(INBOX_PATHS[lang].inbox, 303);
    c.set("editor", session);
    return session;
  };
  recordRoutes(editorPages, lang, shell, signedIn);
  tableRoutes(editorPages, lang, shell, signedIn);
  peopleRoutes(editorPages, lang, shell, signedIn);
  searchRoutes(editorPages, lang, shell, signedIn);
  keyRoutes(editorPages, lang, shell, signedIn);

  enquiryInbox(editorPages, lang, shell);
  proposalPages(editorPages, lang, shell);

  editorPages.get(p.home, async (c) => {
    const session = await readSession(c);
    if (!session?.session) return c.redirect(p.signIn, 303);
    if (session.mustChangePassword) return c.redirect(p.password, 303);
    if (session.role === "producer") return c.redirect(INBOX_PATHS[lang].inbox, 303);
    const queue = await reviewQueue(c);
    const t = ADMIN_STRINGS[lang];
    return c.html(
      <Page
        lang={lang}
        title={t.queue}
        other={ADMIN_PATHS[lang === "vi" ? "en" : "vi"].home}
        signedIn={{ email: session.email, role: session.role, csrf: await csrfToken(session.session) }}
      >
        <QueueSection title={t.drafts} items={queue.drafts} lang={lang} />
        <QueueSection title={t.unverified} items={queue.unverified} lang={lang} />
        <QueueSection title={t.illustrative} items={queue.illustrative} lang={lang} />
        <QueueSection title={t.stale} items={queue.stale} lang={lang} />
        <QueueSection title={t.noSource} items={queue.noSource} lang={lang} />
        <p class="note">{t.api}</p>
      </Page>,
    );
  });
}

interface QueueItem {
  label: string;
  detail: string;
  /** What the item links to: `product/<slug>`, `producer/<slug>` or `listing/<channel>/<product>`. */
  target?: string | null;
}

/** The editor page of a queue item's record, in the page's language. */
function targetHref(lang: AdminLang, target: string | null | undefined): string | null {
  const [kind, ...rest] = (target ?? "").split("/");
  const key = rest.join("/");
  if (!key) return null;
  if (kind === "product") return `${RECORD_PATHS[lang].products}/${key}`;
  if (kind === "producer") return `${RECORD_PATHS[lang].producers}/${key}`;
  if (kind === "listing") return `${TABLE_PATHS[lang].listing}/${key}`;
  return null;
}

const QUEUE_LIMIT = 20;

function QueueSection(props: {
  title: string;
  items: { rows: QueueItem[]; total: number };
  lang: AdminLang;
}) {
  const t = ADMIN_STRINGS[props.lang];
  const id = `q-${props.title.length}-${props.items.total}`;
  return (
    <section aria-labelledby={id}>
      <h2 id={id}>
        {props.title} <span class="count">{props.items.total}</span>
      </h2>
      {props.items.rows.length ? (
        <ul>
          {props.items.rows.map((r) => (
            <li>
              {targetHref(props.lang, r.target) ? (
                <a href={targetHref(props.lang, r.target) ?? ""}>
                  <strong>{r.label}</strong>
                </a>
              ) : (
                <strong>{r.label}</strong>
              )}{" "}
              <span class="note">{r.detail}</span>
            </li>
          ))}
          {props.items.total > props.items.rows.length ? (
            <li>{t.more(props.items.total - props.items.rows.length)}</li>
          ) : null}
        </ul>
      ) : (
        <p>{t.none}</p>
      )}
    </section>
  );
}

/**
 * What needs an editor's eye, in one round trip: unpublished drafts, recognitions not marked verified, records
 * with illustrative or inferred values, listings not checked for 90 days, and records without a source.
 */
async function reviewQueue(c: Context<AppEnv>) {
  const d1 = c.get("d1");
  const q = (sql: string) =>
    d1.prepare(
      `SELECT label, detail, ${sql.includes(" AS target") ? "target" : "NULL AS target"}, count(*) OVER () AS total FROM (${sql}) LIMIT ${QUEUE_LIMIT}`,
    );
  const results = await d1.batch<{ label: string; detail: string; target: string | null; total: number }>([
    q(
      "SELECT entity || ' ' || key AS label, 'v' || version || ', ' || updated_at AS detail, CASE entity WHEN 'recognition' THEN 'product/' || product_slug ELSE entity || '/' || key END AS target FROM editor_drafts ORDER BY updated_at DESC",
    ),
    q(
      "SELECT p.name_vi || ' — ' || r.title_vi AS label, coalesce(r.decision_number, '') || ' ' || coalesce(r.year, '') AS detail FROM recognitions r JOIN products p ON p.id = r.product_id WHERE r.verified = 0 ORDER BY r.year DESC, r.id",
    ),
    q(
      "SELECT name_vi AS label, CASE WHEN sample = 1 THEN 'sample' ELSE sample_fields END AS detail FROM products WHERE sample = 1 OR sample_fields <> '[]' UNION ALL SELECT name, CASE WHEN sample = 1 THEN 'sample' ELSE sample_fields END FROM producers WHERE sample = 1 OR sample_fields <> '[]'",
    ),
    q(
      "SELECT c.name || ' — ' || p.name_vi AS label, coalesce(l.last_verified, '—') AS detail, 'listing/' || c.slug || '/' || p.slug AS target FROM listings l JOIN channels c ON c.id = l.channel_id JOIN products p ON p.id = l.product_id WHERE l.last_verified IS NULL OR l.last_verified < date('now', '-90 days') ORDER BY l.last_verified",
    ),
    q(
      "SELECT name_vi AS label, 'product' AS detail FROM products WHERE sources = '[]' UNION ALL SELECT name, 'producer' FROM producers WHERE sources = '[]' UNION ALL SELECT title_vi, 'recognition' FROM recognitions WHERE source_url NOT LIKE 'https://%'",
    ),
  ]);
  const pack = (i: number) => {
    const rows = results[i]?.results ?? [];
    return { rows, total: Number(rows[0]?.total ?? 0) };
  };
  return { drafts: pack(0), unverified: pack(1), illustrative: pack(2), stale: pack(3), noSource: pack(4) };
}
