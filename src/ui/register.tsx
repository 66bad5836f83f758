// How a page is served: the middleware chain every page shares, the layout around its body, the error pages, and
// the three registrars (page, detailPage, listPage) that index.tsx uses to route each page in both languages.
import type { Context, Hono, MiddlewareHandler } from "hono";
import { etag } from "hono/etag";
import type { Child } from "hono/jsx";
import { isSlug, LANGS } from "../domain/vocabulary.ts";
import type { AppEnv } from "../platform/env.ts";
import { d1Session } from "../platform/http/d1-session.ts";
import { publicCache } from "../platform/http/etag.ts";
import { Problem } from "../platform/http/problem.ts";
import { cacheable } from "../platform/http/response-cache.ts";
import {
  ExamplesSwitch,
  type ExamplesToggle,
  examplesAsked,
  withExamples,
} from "./components/examples-switch.tsx";
import type { PagerLinks } from "./components/pager.tsx";
import { ErrorPage, errorTitle } from "./errors.tsx";
import {
  type Lang,
  langOfPath,
  type PageKey,
  pathWithQuery,
  routeOf,
  type Strings,
  strings,
} from "./i18n/index.ts";
import { Layout, type PageMeta } from "./layout.tsx";

export type { PagerLinks };

/**
 * Content-Security-Policy of the pages: scripts, styles and images from this origin only — no inline script, no
 * inline style, no event-handler attributes (JSON-LD is a data block, which CSP does not execute).
 */
export const PAGE_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self'",
  "font-src 'self'",
  "connect-src 'self'",
  "manifest-src 'self'",
  "form-action 'self'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join("; ");

/** Sets the pages' CSP on the response, after the handler (so error pages get it too). */
export function pageHeaders(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    await next();
    c.header("content-security-policy", PAGE_CSP);
  };
}

/** The site's public origin for absolute URLs (canonical, Open Graph, JSON-LD, sitemap), without a trailing slash. */
export const originOf = (c: Context<AppEnv>) =>
  (c.env.PUBLIC_ORIGIN || new URL(c.req.url).origin).replace(/\/+$/, "");

/** What a page tells the layout, less what the router knows (language, origin). */
export type Meta = Omit<PageMeta, "lang" | "origin">;

/** Renders a page in the layout as a complete HTML document. */
export async function render(
  c: Context<AppEnv>,
  lang: Lang,
  meta: Meta,
  body: Child,
  status: 200 | 400 | 404 | 413 | 422 | 429 | 500 = 200,
) {
  const doc = <Layout meta={{ ...meta, lang, origin: originOf(c) }}>{body}</Layout>;
  return c.html(`<!doctype html>${await doc.toString()}`, status);
}

/** The site's error page (never cached), in the language of the requested path. */
export function renderError(c: Context<AppEnv>, status: 400 | 404 | 500) {
  const lang = langOfPath(new URL(c.req.url).pathname);
  c.header("cache-control", "no-store");
  return render(
    c,
    lang,
    { page: null, title: errorTitle(status, lang), description: strings(lang).notFoundText, noindex: true },
    <ErrorPage status={status} lang={lang} />,
    status,
  );
}

const notFound = (slug: string) => new Problem(404, { detail: `Nothing named '${slug}'`, type: "not-found" });

const chain = [pageHeaders(), publicCache(60), cacheable(), etag(), d1Session()] as const;

/** A page's head and body for one request; `meta.page` defaults to the page's own key. */
type View = { meta: Omit<Meta, "page"> & { page?: Meta["page"] }; body: Child };

/**
 * Registers a page in both languages: the shared chain (CSP, public cache, response cache, ETag, D1 session), then the handler's
 * head and body rendered in the layout.
 *
 * @example page(pages, "programme", async (c, lang, t) => ({ meta: { title: t.programmeTitle, … }, body: … }))
 */
export function page(
  app: Hono<AppEnv>,
  key: PageKey,
  handler: (c: Context<AppEnv>, lang: Lang, t: Strings) => Promise<View>,
) {
  for (const lang of LANGS) {
    app.get(routeOf(key, lang), ...chain, async (c) => {
      const { meta, body } = await handler(c, lang, strings(lang));
      return render(c, lang, { page: { key }, ...meta }, body);
    });
  }
}

/**
 * Registers a detail page (`:slug`): a slug that cannot be one is a 404 before any query, and so is a slug the
 * loader does not find. A real record's page ends with the examples switch (its illustrative parts, such as
 * made-up listings, show only with it on); an illustrative record's page, itself an example, has none.
 */
export function detailPage<T>(
  app: Hono<AppEnv>,
  key: PageKey,
  spec: {
    load: (c: Context<AppEnv>, slug: string, lang: Lang) => Promise<T | null | undefined>;
    view: (item: T, lang: Lang, c: Context<AppEnv>) => View;
    /** Whether the record is itself an illustrative example. */
    isExample: (item: T) => boolean;
  },
) {
  page(app, key, async (c, lang) => {
    const slug = c.req.param("slug") ?? "";
    if (!isSlug(slug)) throw notFound(slug);
    const item = await spec.load(c, slug, lang);
    if (!item) throw notFound(slug);
    const view = spec.view(item, lang, c);
    const on = examplesOn(c);
    const example = spec.isExample(item);
    return {
      meta: { page: { key, slug }, ...view.meta, ...(on && !example ? examplesMeta(key, true, slug) : {}) },
      body: example ? (
        view.body
      ) : (
        <>
          {view.body}
          <div class="wrap">
            <ExamplesSwitch lang={lang} toggle={examplesToggle(key, lang, "", on, slug)} />
          </div>
        </>
      ),
    };
  });
}

/** How many earlier pages' cursors a page URL carries (`back`), for its "previous" link; older ones lead to page 1. */
const MAX_BACK = 30;

/** Whether the request asks for the illustrative examples (`?include=illustrative`, as on the API). */
export const examplesOn = (c: Context<AppEnv>) => examplesAsked(c.req.query("include"));

/** The examples switch of a page whose URL has `query`: the same page with the switch flipped. */
export const examplesToggle = (key: PageKey, lang: Lang, query: string, on: boolean, slug?: string) =>
  ({ on, href: pathWithQuery(key, lang, withExamples(query, !on), slug) }) satisfies ExamplesToggle;

/** A page's head with the examples shown: not indexed, and the language switch keeps the examples on. */
export const examplesMeta = (key: PageKey, on: boolean, slug?: string) =>
  on ? { noindex: true, page: { key, slug, query: withExamples("", true) } } : {};

/**
 * Registers a paginated list page: the state its URL asks for (at least the cursor and the examples switch), one
 * page of the list, and the links to the first and next pages built from the same state. Pages after the first,
 * and pages with the examples shown, are `noindex`.
 *
 * @example listPage(pages, "producers", { load: …, head: (t) => ({ title: t.producersTitle, … }), view: … })
 */
export function listPage<
  S extends { cursor?: string; examples: boolean },
  L extends { page: { next_cursor: string | null; total?: number; limit?: number } },
>(
  app: Hono<AppEnv>,
  key: PageKey,
  spec: {
    /** The URL's state; by default only `?cursor=` and the examples switch. */
    state?: (c: Context<AppEnv>) => S;
    /** The state as a query string without the cursor (filters, search, sort), for links and the canonical URL. */
    query?: (s: S) => string;
    /** The list's cursors do not depend on the language, so the language switch can keep the page. */
    cursorAnyLanguage?: boolean;
    load: (c: Context<AppEnv>, s: S, lang: Lang) => Promise<L>;
    head: (t: Strings, s: S) => { title: string; description: string; noindex?: boolean };
    view: (props: { list: L; s: S; lang: Lang; pager: PagerLinks; examples: ExamplesToggle }) => Child;
  },
) {
  const stateOf =
    spec.state ?? ((c: Context<AppEnv>) => ({ cursor: c.req.query("cursor"), examples: examplesOn(c) }) as S);
  page(app, key, async (c, lang, t) => {
    const s = stateOf(c);
    const list = await spec.load(c, s, lang);
    const base = spec.query?.(s) ?? "";
    const query = withExamples(base, s.examples);
    // Keyset cursors only go forward: a page's URL also carries the cursors of the pages before it (`back`), so
    // that it can link to the previous page and knows its own number. Without a cursor, `back` means nothing.
    const back = s.cursor
      ? (c.req
          .queries("back")
          ?.filter((b) => b && b.length <= 1000)
          .slice(-MAX_BACK) ?? [])
      : [];
    const withCursor = (cursor: string | null | undefined, trail: string[]) => {
      const p = new URLSearchParams(query);
      if (cursor) {
        for (const b of trail) p.append("back", b);
        p.append("cursor", cursor);
      }
      return p.toString();
    };
    const hrefWith = (cursor: string | null | undefined, trail: string[] = []) =>
      pathWithQuery(key, lang, withCursor(cursor, trail));
    const next = list.page.next_cursor;
    const { total, limit } = list.page;
    const pageNo = s.cursor ? back.length + 2 : 1;
    const pager: PagerLinks = {
      firstHref: pageNo > 2 ? hrefWith(null) : null,
      prevHref: s.cursor ? hrefWith(back.at(-1), back.slice(0, -1)) : null,
      nextHref: next ? hrefWith(next, s.cursor ? [...back, s.cursor] : []) : null,
      page: pageNo,
      pages: total !== undefined && limit ? Math.max(1, Math.ceil(total / limit)) : null,
    };
    const head = spec.head(t, s);
    // The language switch keeps the page where the cursor means the same in both languages.
    const switchQuery = spec.cursorAnyLanguage && s.cursor ? withCursor(s.cursor, back) : query;
    return {
      meta: {
        page: { key, ...(query ? { query } : {}), ...(switchQuery !== query ? { switchQuery } : {}) },
        title: head.title,
        description: head.description,
        noindex: Boolean(s.cursor) || s.examples || Boolean(head.noindex),
      },
      body: spec.view({ list, s, lang, pager, examples: examplesToggle(key, lang, base, s.examples) }),
    };
  });
}
