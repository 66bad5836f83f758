// The editor pages (/quan-tri, English /en/admin) assembled: their headers, their style sheet, and each part's
// routes in both languages — sign-in (auth/), records, plain tables, people, search, the enquiry inbox (enquiries/),
// producers' proposals and the home page's review queue.
import { type Context, Hono } from "hono";
import type { AppEnv } from "../platform/env.ts";
import { d1Session } from "../platform/http/d1-session.ts";
import { csrfToken, readSession } from "./auth/auth.ts";
import { signInRoutes } from "./auth/signin.page.tsx";
import { enquiryInbox } from "./enquiries/inbox.tsx";
import { INBOX_PATHS } from "./enquiries/inbox-paths.ts";
import { Page } from "./frame.tsx";
import { homeRoutes } from "./home.page.tsx";
import { keyRoutes } from "./keys/keys.page.tsx";
import { peopleRoutes } from "./people/people.page.tsx";
import { proposalPages } from "./proposals/proposals.page.tsx";
import { recordRoutes, type Shell } from "./records/records.page.tsx";
import { searchRoutes } from "./search/search.page.tsx";
import { tableRoutes } from "./tables/tables.page.tsx";
import { ADMIN_PATHS } from "./ui/strings.ts";
import { ADMIN_CSS } from "./ui/style.ts";

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

for (const lang of ["vi", "en"] as const) {
  const p = ADMIN_PATHS[lang];
  signInRoutes(editorPages, lang);

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
  homeRoutes(editorPages, lang);
}
