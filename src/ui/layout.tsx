import type { Child } from "hono/jsx";
import { asset } from "./assets.ts";
import { type Lang, type PageKey, pathOf, pathWithQuery, strings } from "./i18n/index.ts";
import { jsonForScript } from "./json-ld.ts";

/** What a page tells the layout about itself. */
export interface PageMeta {
  lang: Lang;
  /** The page's key and slug, for canonical and alternate URLs; null for error pages. */
  page: { key: PageKey; slug?: string; query?: string; switchQuery?: string } | null;
  title: string;
  description: string;
  /** The site's public origin, for absolute URLs. */
  origin: string;
  ogType?: "website" | "product" | "article";
  ogImage?: string;
  jsonLd?: object;
  noindex?: boolean;
}

const NAV: { key: PageKey; also: PageKey[] }[] = [
  { key: "products", also: ["product"] },
  { key: "kinds", also: ["kind"] },
  { key: "producers", also: ["producer"] },
  { key: "channels", also: ["channel"] },
  { key: "recognition", also: [] },
  { key: "programme", also: [] },
];

/** A page's absolute URL in a language. */
export function urlOf(meta: Pick<PageMeta, "origin" | "page">, lang: Lang): string {
  if (!meta.page) return `${meta.origin}${pathOf("home", lang)}`;
  const { key, slug, query } = meta.page;
  return `${meta.origin}${pathWithQuery(key, lang, query ?? "", slug)}`;
}

const Logo = () => (
  <svg class="logo" viewBox="0 0 40 40" width="36" height="36" aria-hidden="true" focusable="false">
    <rect width="40" height="40" rx="9" fill="#1b2350" />
    <path d="M3 31 11 13l5 9 6-15 7 14 3-5 5 15z" fill="#8fb8a5" />
    <path d="M3 31h34v2H3z" fill="#e9c46a" />
    <path d="M6 36h4l2-2 2 2h4l2-2 2 2h4l2-2 2 2h4" stroke="#e9c46a" stroke-width="1.4" fill="none" />
  </svg>
);

/** The site's frame: head (meta, canonical, hreflang, Open Graph, JSON-LD), header, footer. */
export function Layout(props: { meta: PageMeta; children: Child }) {
  const { meta } = props;
  const { lang } = meta;
  const t = strings(lang);
  const other: Lang = lang === "vi" ? "en" : "vi";
  const canonical = urlOf(meta, lang);
  const current = meta.page?.key;
  const fullTitle = meta.page?.key === "home" ? meta.title : `${meta.title} · ${t.siteShort}`;
  return (
    <html lang={lang}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{fullTitle}</title>
        <meta name="description" content={meta.description} />
        {meta.noindex ? <meta name="robots" content="noindex" /> : null}
        {meta.page ? <link rel="canonical" href={canonical} /> : null}
        {meta.page ? <link rel="alternate" hreflang="vi" href={urlOf(meta, "vi")} /> : null}
        {meta.page ? <link rel="alternate" hreflang="en" href={urlOf(meta, "en")} /> : null}
        {meta.page ? <link rel="alternate" hreflang="x-default" href={urlOf(meta, "vi")} /> : null}
        <meta property="og:site_name" content={t.siteShort} />
        <meta property="og:type" content={meta.ogType ?? "website"} />
        <meta property="og:title" content={meta.title} />
        <meta property="og:description" content={meta.description} />
        <meta property="og:url" content={canonical} />
        <meta property="og:image" content={`${meta.origin}${meta.ogImage ?? asset("/img/og.png")}`} />
        <meta property="og:locale" content={lang === "vi" ? "vi_VN" : "en_GB"} />
        <meta property="og:locale:alternate" content={other === "vi" ? "vi_VN" : "en_GB"} />
        <meta name="twitter:card" content="summary_large_image" />
        <meta name="theme-color" content="#1b2350" />
        <link rel="icon" href={asset("/favicon.svg")} type="image/svg+xml" />
        <link rel="stylesheet" href={asset("/css/site.css")} />
        {meta.jsonLd ? (
          <script
            type="application/ld+json"
            dangerouslySetInnerHTML={{ __html: jsonForScript(meta.jsonLd) }}
          />
        ) : null}
      </head>
      <body>
        <a class="skip" href="#main">
          {t.skip}
        </a>
        <header class="site-header">
          <div class="wrap header-row">
            <a class="brand" href={pathOf("home", lang)}>
              <Logo />
              <span class="brand-text">
                <span class="brand-name">{t.siteShort}</span>
                <span class="brand-tag">{t.tagline}</span>
              </span>
            </a>
            <nav class="site-nav" aria-label={t.navLabel}>
              <ul>
                {NAV.map((n) => (
                  <li>
                    <a
                      href={pathOf(n.key, lang)}
                      aria-current={
                        current === n.key || (current && n.also.includes(current)) ? "page" : undefined
                      }
                    >
                      {t.nav[n.key as keyof typeof t.nav]}
                    </a>
                  </li>
                ))}
              </ul>
            </nav>
            <a
              class="lang-switch"
              href={urlOf(
                {
                  origin: "",
                  page: meta.page && { ...meta.page, query: meta.page.switchQuery ?? meta.page.query },
                },
                other,
              )}
              hreflang={other}
              lang={other}
              title={t.switchLabel}
            >
              <span aria-hidden="true">{other.toUpperCase()}</span>
              <span class="lang-name">{t.switchTo}</span>
            </a>
          </div>
        </header>
        <main id="main" tabindex={-1}>
          {props.children}
        </main>
        <footer class="site-footer">
          <div class="wrap footer-grid">
            <div>
              <p class="footer-brand">
                <Logo /> {t.siteShort}
              </p>
              <p>{t.footerAbout}</p>
              <p>
                <span class="tag-sample">{t.sample}</span> {t.footerSample}
              </p>
              <p>
                <span class="tag-inferred">{t.inferred}</span> {t.footerInferred}
              </p>
            </div>
            <ul class="footer-links">
              {NAV.map((n) => (
                <li>
                  <a href={pathOf(n.key, lang)}>{t.nav[n.key as keyof typeof t.nav]}</a>
                </li>
              ))}
              <li>
                <a href="/api/docs">{t.footerApi}</a>
              </li>
            </ul>
          </div>
        </footer>
      </body>
    </html>
  );
}
