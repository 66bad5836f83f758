// Signing in and out of the editor pages and changing one's password: plain form posts, no script; the sign-in
// form is protected by a double-submit cookie, the others by the session's CSRF token.
import type { Context, Hono } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import type { AppEnv } from "../../platform/env.ts";
import { INBOX_PATHS } from "../enquiries/inbox-paths.ts";
import { Page } from "../frame.tsx";
import { ADMIN_PATHS, ADMIN_STRINGS, type AdminLang } from "../ui/strings.ts";
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
} from "./auth.ts";
import { randomToken, sha256Hex } from "./crypto.ts";
import {
  changePassword,
  LOGIN_WINDOW_MINUTES,
  type PasswordChange,
  revokeSession,
  signIn,
} from "./signin.ts";

/** Double-submit cookie that protects the sign-in form (there is no session yet to derive a token from). */
const LOGIN_CSRF_COOKIE = "__Host-cnnt_login";

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

/**
 * Registers the sign-in, password and sign-out routes in one language on the editor pages.
 *
 * @example signInRoutes(editorPages, "vi")
 */
export function signInRoutes(editorPages: Hono<AppEnv>, lang: AdminLang) {
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
}
