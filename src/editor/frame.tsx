// The editor pages' frame: the head, the bar (the site, the other language, the signed-in account's nav by its
// role, sign-out) and the page's heading over its body.
import type { Child } from "hono/jsx";
import type { Role } from "./auth/auth.ts";
import { INBOX_NAV, INBOX_PATHS } from "./enquiries/inbox-paths.ts";
import { KeysNav } from "./keys/keys.page.tsx";
import { PROFILE_NAV, PROFILE_PATHS } from "./proposals/proposals.page.tsx";
import { SEARCH_PATHS, SEARCH_UI } from "./search/search.page.tsx";
import { PEOPLE_PATHS, PEOPLE_UI, RECORD_PATHS, TABLE_PATHS, UI } from "./ui/labels.ts";
import { ADMIN_PATHS, ADMIN_STRINGS, type AdminLang } from "./ui/strings.ts";

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
