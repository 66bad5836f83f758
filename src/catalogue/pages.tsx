// The shopper's pages, Vietnamese at the root and English under /en: which URL shows which page, and what each
// loads (one D1 round trip). How a page is served — CSP, caching, layout, errors — is in register.tsx.
import { type Context, Hono } from "hono";
import { etag } from "hono/etag";
import { getProduct } from "../platform/db/product-detail.ts";
import type { AppEnv } from "../platform/env.ts";
import { d1Session, dbOf } from "../platform/http/d1-session.ts";
import { publicCache } from "../platform/http/etag.ts";
import { problemOf } from "../platform/http/problem.ts";
import { countSearchMiss } from "../platform/http/search-miss.ts";
import { cursorKeys } from "../platform/lib/cursor.ts";
import { asset } from "../ui/assets.ts";
import { rasterOf } from "../ui/components/product-image.tsx";
import { producerName } from "../ui/components/record-text.tsx";
import type { EnquiryEmbed, EnquirySubject } from "../ui/enquiry-embed.ts";
import { langOfPath, loadStrings, strings } from "../ui/i18n/index.ts";
import { ProductPage, productJsonLd } from "../ui/product-page.tsx";
import {
  detailPage,
  examplesMeta,
  examplesOn,
  examplesToggle,
  listPage,
  originOf,
  PAGE_CSP,
  page,
  pageHeaders,
  renderError,
} from "../ui/register.tsx";
import { ChannelPage, ChannelsPage } from "./channels/channels.page.tsx";
import { getChannel, listChannels } from "./channels/channels.queries.ts";
import { HomePage } from "./home/home.page.tsx";
import { getCataloguePage, getHomePage, getSitemapEntries } from "./home/home.queries.ts";
import { sitemapXml } from "./home/sitemap.ts";
import { KindPage, KindsPage } from "./kinds/kinds.page.tsx";
import { getKind, listKinds } from "./kinds/kinds.queries.ts";
import { ProducerPage, ProducersPage } from "./producers/producers.page.tsx";
import { getProducer, listProducers } from "./producers/producers.queries.ts";
import { CataloguePage, catalogueQuery, parseCatalogueQuery } from "./products/products.page.tsx";
import type { ProductFilters } from "./products/products.queries.ts";
import { ProgrammePage } from "./programme/programme.page.tsx";
import { getProgramme } from "./programme/programme.queries.ts";
import { RecognitionPage } from "./recognitions/recognitions.page.tsx";
import { listRecognitions } from "./recognitions/recognitions.queries.ts";

/**
 * What a detail page reads: a real record's real parts only, unless the examples switch is on; an illustrative
 * record (reached from the switch) whole and tagged. Loaders asked this way never answer "illustrative".
 */
const detailInclude = (c: Context<AppEnv>) => examplesOn(c) || ("when-illustrative" as const);
const shown = <T,>(x: T | "illustrative" | null) => (x === "illustrative" ? null : x);

/** The signed stamp of the enquiry form on a real record's page; none for an illustrative one. */
const stampFor = (
  c: Context<AppEnv>,
  enquiry: EnquiryEmbed,
  record: { provenance: { record: string } },
  subject: EnquirySubject,
) =>
  record.provenance.record === "illustrative"
    ? Promise.resolve(null)
    : enquiry.stamp(c.env.CURSOR_SECRET, subject);

const isApi = (c: Context) => new URL(c.req.url).pathname.startsWith("/api/");

/**
 * The shopper's pages, Vietnamese at the root and English under /en. A real product's or producer's page embeds the
 * enquiry form, and the form's own pages answer among these: `enquiry` is handed over by the route manifest
 * (src/routes.ts) from src/enquiries/.
 */
export function cataloguePages(enquiry: EnquiryEmbed): Hono<AppEnv> {
  const pages = new Hono<AppEnv>();

  // First of the pages' middleware: the interface text of the path's language, loaded once per isolate, before any
  // page (or the 404 page) renders. API paths never reach a page and load none.
  pages.use("*", async (c, next) => {
    const path = new URL(c.req.url).pathname;
    if (!path.startsWith("/api/")) await loadStrings(langOfPath(path));
    await next();
  });

  page(pages, "home", async (c, lang, t) => {
    const examples = examplesOn(c);
    return {
      meta: { title: t.homeTitle, description: t.homeLede, ...examplesMeta("home", examples) },
      body: (
        <HomePage
          data={await getHomePage(c.get("d1"), cursorKeys(c.env), lang, examples)}
          lang={lang}
          examples={examplesToggle("home", lang, "", examples)}
        />
      ),
    };
  });

  listPage(pages, "products", {
    state: (c) => parseCatalogueQuery(c.req.queries()),
    query: catalogueQuery,
    load: async (c, s, lang) => {
      const list = await getCataloguePage(c.get("d1"), cursorKeys(c.env), {
        ...(s.filters as Required<ProductFilters>), // values checked by parseCatalogueQuery
        q: s.q,
        sort: s.sort,
        cursor: s.cursor,
        limit: 12,
        lang,
        // Real products only, as the API; the examples switch shows the illustrative ones too, labelled.
        includeIllustrative: s.examples,
      });
      countSearchMiss(c, list.search, s.cursor);
      return list;
    },
    head: (t, s) => ({
      title: s.q ? `${t.productsTitle}: ${s.q}` : t.productsTitle,
      description: t.productsLede,
      noindex: Boolean(s.q),
    }),
    view: (props) => <CataloguePage {...props} />,
  });

  detailPage(pages, "product", {
    load: async (c, slug, lang) => {
      const p = shown(await getProduct(dbOf(c), slug, lang, detailInclude(c)));
      return p && { p, stamp: await stampFor(c, enquiry, p, { product: p.slug }) };
    },
    view: ({ p, stamp }, lang, c) => {
      const t = strings(lang);
      // Search engines get facts only: an illustrative product is not indexed and has no JSON-LD; meta and Open
      // Graph text comes from sourced values only.
      const illustrative = p.provenance.record === "illustrative";
      const description = illustrative
        ? t.illustrativeMeta
        : p.provenance.fields.description
          ? `${p.name} — ${p.category}`
          : p.description;
      return {
        meta: {
          title: illustrative ? `${p.name} (${t.sample})` : p.name,
          description: description.length > 160 ? `${description.slice(0, 157)}…` : description,
          ogType: "product",
          ogImage: asset(rasterOf(p.image)),
          noindex: illustrative,
          ...(illustrative ? {} : { jsonLd: productJsonLd(p, lang, originOf(c)) }),
        },
        body: (
          <ProductPage
            p={p}
            lang={lang}
            examples={examplesOn(c)}
            enquiry={stamp ? enquiry.block(lang, { product: p.slug }, stamp) : undefined}
          />
        ),
      };
    },
    isExample: ({ p }) => p.provenance.record === "illustrative",
  });

  listPage(pages, "producers", {
    cursorAnyLanguage: true,
    load: (c, s, lang) =>
      listProducers(dbOf(c), cursorKeys(c.env), {
        limit: 100,
        cursor: s.cursor,
        lang,
        include: s.examples,
        namedFirst: true,
      }),
    head: (t) => ({ title: t.producersTitle, description: t.producersLede }),
    view: (props) => <ProducersPage {...props} />,
  });

  detailPage(pages, "producer", {
    load: async (c, slug, lang) => {
      const p = shown(await getProducer(dbOf(c), slug, lang, detailInclude(c)));
      return p && { p, stamp: await stampFor(c, enquiry, p, { producer: p.slug }) };
    },
    view: ({ p, stamp }, lang, c) => {
      const illustrative = p.provenance.record === "illustrative";
      const description =
        illustrative || p.provenance.fields.description ? strings(lang).illustrativeMeta : p.description;
      return {
        meta: {
          title: producerName(p.name, lang),
          description: description.slice(0, 160),
          noindex: illustrative,
        },
        body: (
          <ProducerPage
            p={p}
            lang={lang}
            examples={examplesOn(c)}
            enquiry={stamp ? enquiry.block(lang, { producer: p.slug }, stamp) : undefined}
          />
        ),
      };
    },
    isExample: ({ p }) => p.provenance.record === "illustrative",
  });

  page(pages, "channels", async (c, lang, t) => {
    const examples = examplesOn(c);
    return {
      meta: { title: t.channelsTitle, description: t.channelsLede, ...examplesMeta("channels", examples) },
      // Every channel on one page: the catalogue has a few dozen at most.
      body: (
        <ChannelsPage
          list={
            (await listChannels(dbOf(c), cursorKeys(c.env), { limit: 100, lang, include: examples })).data
          }
          lang={lang}
          examples={examplesToggle("channels", lang, "", examples)}
        />
      ),
    };
  });

  detailPage(pages, "channel", {
    load: async (c, slug, lang) => shown(await getChannel(dbOf(c), slug, lang, detailInclude(c))),
    view: (ch, lang) => ({
      meta: { title: ch.name, description: ch.description.slice(0, 160) },
      body: <ChannelPage c={ch} lang={lang} />,
    }),
    isExample: (ch) => ch.provenance.record === "illustrative",
  });

  listPage(pages, "recognition", {
    cursorAnyLanguage: true,
    load: (c, s, lang) =>
      listRecognitions(dbOf(c), cursorKeys(c.env), {
        limit: 100,
        cursor: s.cursor,
        lang,
        include: s.examples,
      }),
    head: (t) => ({ title: t.recognitionTitle, description: t.recognitionLede }),
    view: (props) => <RecognitionPage {...props} />,
  });

  page(pages, "kinds", async (c, lang, t) => {
    const examples = examplesOn(c);
    return {
      meta: {
        title: t.kindsTitle,
        description: t.kindsLede.slice(0, 160),
        ...examplesMeta("kinds", examples),
      },
      body: (
        <KindsPage
          list={(await listKinds(dbOf(c), lang, examples)).data}
          lang={lang}
          examples={examplesToggle("kinds", lang, "", examples)}
        />
      ),
    };
  });

  detailPage(pages, "kind", {
    load: async (c, slug, lang) => shown(await getKind(dbOf(c), slug, lang, detailInclude(c))),
    view: (k, lang, c) => ({
      meta: { title: k.name, description: (k.facts[0]?.text ?? k.name).slice(0, 160) },
      body: <KindPage k={k} lang={lang} examples={examplesOn(c)} />,
    }),
    isExample: (k) => k.provenance.record === "illustrative",
  });

  page(pages, "programme", async (c, lang, t) => ({
    meta: { title: t.programmeTitle, description: t.programmeLede.slice(0, 160) },
    body: <ProgrammePage data={await getProgramme(dbOf(c), lang)} lang={lang} />,
  }));

  pages.get("/sitemap.xml", publicCache(3600), etag(), d1Session(), async (c) => {
    const entries = await getSitemapEntries(dbOf(c));
    return c.body(sitemapXml(originOf(c), entries), 200, {
      "content-type": "application/xml; charset=utf-8",
    });
  });

  pages.get("/robots.txt", publicCache(3600), (c) =>
    c.text(`User-agent: *\nAllow: /\nDisallow: /api/\n\nSitemap: ${originOf(c)}/sitemap.xml\n`),
  );

  // Enquiries (issue 24): the form's target and own page, the thank-you page and the privacy notice.
  pages.route("/", enquiry.pages);

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
    const problem = problemOf(err);
    if (problem && (problem.status === 404 || problem.status === 400)) {
      c.header("content-security-policy", PAGE_CSP);
      return renderError(c, problem.status);
    }
    console.error("page error", err instanceof Error ? (err.stack ?? err.message) : String(err));
    c.header("content-security-policy", PAGE_CSP);
    return renderError(c, 500);
  });

  return pages;
}
