import { type Context, Hono, type MiddlewareHandler } from "hono";
import { etag } from "hono/etag";
import type { Child } from "hono/jsx";
import { getChannel, listChannels } from "../db/queries/channels.ts";
import { getHomePage, getSitemapEntries } from "../db/queries/pages.ts";
import { getProducer, listProducers } from "../db/queries/producers.ts";
import { getProduct } from "../db/queries/product-detail.ts";
import { listProducts, type ProductFilters } from "../db/queries/products.ts";
import { getProgramme } from "../db/queries/programme.ts";
import { listRecognitions } from "../db/queries/recognitions.ts";
import type { AppEnv } from "../env.ts";
import { d1Session, dbOf } from "../http/d1-session.ts";
import { publicCache } from "../http/etag.ts";
import { Problem } from "../http/problem.ts";
import { asset } from "./assets.ts";
import { CataloguePage, catalogueQuery, parseCatalogueQuery } from "./catalogue.tsx";
import { ChannelPage, ChannelsPage } from "./channels.tsx";
import { illustration } from "./components.tsx";
import { ErrorPage, errorTitle } from "./errors.tsx";
import { HomePage } from "./home.tsx";
import { type Lang, langOfPath, type PageKey, pathOf, routeOf, strings } from "./i18n.ts";
import { Layout, type PageMeta } from "./layout.tsx";
import { ProducerPage, ProducersPage } from "./producers.tsx";
import { ProductPage, productJsonLd } from "./product.tsx";
import { ProgrammePage } from "./programme.tsx";
import { RecognitionPage } from "./recognition.tsx";
import { sitemapXml } from "./sitemap.ts";

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

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const LANGS: Lang[] = ["vi", "en"];

function pageHeaders(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    await next();
    c.header("content-security-policy", PAGE_CSP);
  };
}

const originOf = (c: Context<AppEnv>) =>
  (c.env.PUBLIC_ORIGIN || new URL(c.req.url).origin).replace(/\/+$/, "");

type Meta = Omit<PageMeta, "lang" | "origin">;

/** Renders a page in the layout as a complete HTML document. */
async function render(
  c: Context<AppEnv>,
  lang: Lang,
  meta: Meta,
  body: Child,
  status: 200 | 400 | 404 | 500 = 200,
) {
  const doc = <Layout meta={{ ...meta, lang, origin: originOf(c) }}>{body}</Layout>;
  return c.html(`<!doctype html>${await doc.toString()}`, status);
}

function renderError(c: Context<AppEnv>, status: 400 | 404 | 500) {
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

/** The shopper's pages, Vietnamese at the root and English under /en. */
export const pages = new Hono<AppEnv>();

const chain = [pageHeaders(), publicCache(60), etag(), d1Session()] as const;

/** Registers a page in both languages. */
function page(key: PageKey, handler: (c: Context<AppEnv>, lang: Lang) => Promise<Response>) {
  for (const lang of LANGS) pages.get(routeOf(key, lang), ...chain, (c) => handler(c, lang));
}

/** The slug of a detail page, or a 404 before any query when it cannot be one. */
function slugOf(c: Context<AppEnv>): string {
  const slug = c.req.param("slug") ?? "";
  if (slug.length > 120 || !SLUG.test(slug)) throw notFound(slug);
  return slug;
}

page("home", async (c, lang) => {
  const t = strings(lang);
  const data = await getHomePage(c.get("d1"), c.env.CURSOR_SECRET, lang);
  return render(
    c,
    lang,
    { page: { key: "home" }, title: t.homeTitle, description: t.homeLede },
    <HomePage data={data} lang={lang} />,
  );
});

page("products", async (c, lang) => {
  const t = strings(lang);
  const s = parseCatalogueQuery(c.req.queries());
  const list = await listProducts(c.get("d1"), c.env.CURSOR_SECRET, {
    ...(s.filters as Required<ProductFilters>), // values checked by parseCatalogueQuery
    q: s.q,
    sort: s.sort,
    cursor: s.cursor,
    limit: 12,
    lang,
  });
  const query = catalogueQuery(s);
  return render(
    c,
    lang,
    {
      page: { key: "products", query },
      title: s.q ? `${t.productsTitle}: ${s.q}` : t.productsTitle,
      description: t.productsLede,
      noindex: Boolean(s.cursor || s.q),
    },
    <CataloguePage list={list} s={s} lang={lang} />,
  );
});

page("product", async (c, lang) => {
  const slug = slugOf(c);
  const p = await getProduct(dbOf(c), slug, lang);
  if (!p) throw notFound(slug);
  const origin = originOf(c);
  return render(
    c,
    lang,
    {
      page: { key: "product", slug },
      title: p.name,
      description: p.description.length > 160 ? `${p.description.slice(0, 157)}…` : p.description,
      ogType: "product",
      ogImage: asset(illustration(p.image).replace(/\.svg$/, ".png")),
      jsonLd: productJsonLd(p, lang, origin),
    },
    <ProductPage p={p} lang={lang} />,
  );
});

page("producers", async (c, lang) => {
  const t = strings(lang);
  const cursor = c.req.query("cursor");
  const list = await listProducers(dbOf(c), c.env.CURSOR_SECRET, { limit: 100, cursor, lang });
  const next = list.page.next_cursor;
  return render(
    c,
    lang,
    {
      page: { key: "producers" },
      title: t.producersTitle,
      description: t.producersLede,
      noindex: Boolean(cursor),
    },
    <ProducersPage
      list={list}
      lang={lang}
      nextHref={next ? `${pathOf("producers", lang)}?cursor=${encodeURIComponent(next)}` : null}
    />,
  );
});

page("producer", async (c, lang) => {
  const slug = slugOf(c);
  const p = await getProducer(dbOf(c), slug, lang);
  if (!p) throw notFound(slug);
  return render(
    c,
    lang,
    { page: { key: "producer", slug }, title: p.name, description: p.description.slice(0, 160) },
    <ProducerPage p={p} lang={lang} />,
  );
});

page("channels", async (c, lang) => {
  const t = strings(lang);
  const list = await listChannels(dbOf(c), lang);
  return render(
    c,
    lang,
    { page: { key: "channels" }, title: t.channelsTitle, description: t.channelsLede },
    <ChannelsPage list={list} lang={lang} />,
  );
});

page("channel", async (c, lang) => {
  const slug = slugOf(c);
  const ch = await getChannel(dbOf(c), slug, lang);
  if (!ch) throw notFound(slug);
  return render(
    c,
    lang,
    { page: { key: "channel", slug }, title: ch.name, description: ch.description.slice(0, 160) },
    <ChannelPage c={ch} lang={lang} />,
  );
});

page("recognition", async (c, lang) => {
  const t = strings(lang);
  const cursor = c.req.query("cursor");
  const list = await listRecognitions(dbOf(c), c.env.CURSOR_SECRET, { limit: 100, cursor, lang });
  const next = list.page.next_cursor;
  return render(
    c,
    lang,
    {
      page: { key: "recognition" },
      title: t.recognitionTitle,
      description: t.recognitionLede,
      noindex: Boolean(cursor),
    },
    <RecognitionPage
      list={list}
      lang={lang}
      nextHref={next ? `${pathOf("recognition", lang)}?cursor=${encodeURIComponent(next)}` : null}
    />,
  );
});

page("programme", async (c, lang) => {
  const t = strings(lang);
  const data = await getProgramme(dbOf(c), lang);
  return render(
    c,
    lang,
    { page: { key: "programme" }, title: t.programmeTitle, description: t.programmeLede.slice(0, 160) },
    <ProgrammePage data={data} lang={lang} />,
  );
});

pages.get("/sitemap.xml", publicCache(3600), d1Session(), async (c) => {
  const entries = await getSitemapEntries(dbOf(c));
  return c.body(sitemapXml(originOf(c), entries), 200, { "content-type": "application/xml; charset=utf-8" });
});

pages.get("/robots.txt", publicCache(3600), (c) =>
  c.text(`User-agent: *\nAllow: /\nDisallow: /api/\n\nSitemap: ${originOf(c)}/sitemap.xml\n`),
);

const isApi = (c: Context) => new URL(c.req.url).pathname.startsWith("/api/");

// Every other GET outside the API is a page that does not exist: the site's 404 page, with search. Unknown API
// paths go on to the app's problem+json 404.
pages.get("*", pageHeaders(), (c, next) => {
  if (isApi(c)) return next();
  const url = new URL(c.req.url);
  // "/san-pham/" is "/san-pham": one URL per page.
  if (url.pathname.length > 1 && url.pathname.endsWith("/")) {
    // Leading slashes collapse too, so that "//other.host/" cannot become a redirect to another site.
    return c.redirect(`/${url.pathname.replace(/^\/+|\/+$/g, "")}${url.search}`, 301);
  }
  return renderError(c, 404);
});

pages.onError((err, c) => {
  if (isApi(c)) throw err;
  if (err instanceof Problem && (err.status === 404 || err.status === 400)) {
    c.header("content-security-policy", PAGE_CSP);
    return renderError(c, err.status);
  }
  console.error("page error", err instanceof Error ? (err.stack ?? err.message) : String(err));
  c.header("content-security-policy", PAGE_CSP);
  return renderError(c, 500);
});
