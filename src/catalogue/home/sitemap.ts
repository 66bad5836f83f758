import { type Lang, type PageKey, pathOf } from "../../ui/i18n/index.ts";
import type { getSitemapEntries } from "./home.queries.ts";

const STATIC_PAGES: PageKey[] = [
  "home",
  "products",
  "kinds",
  "producers",
  "channels",
  "recognition",
  "programme",
];

const xmlEscape = (s: string) =>
  s.replace(
    /[<>&'"]/g,
    (ch) => ({ "<": "&lt;", ">": "&gt;", "&": "&amp;", "'": "&apos;", '"': "&quot;" })[ch] ?? ch,
  );

/**
 * /sitemap.xml: every page in both languages, each with its hreflang alternates (xhtml:link), and the date of
 * the last change for products, producers and channels.
 */
export function sitemapXml(origin: string, entries: Awaited<ReturnType<typeof getSitemapEntries>>): string {
  const pages: { key: PageKey; slug?: string; lastmod?: string }[] = [
    ...STATIC_PAGES.map((key) => ({ key })),
    ...entries.products.map((e) => ({ key: "product" as const, slug: e.slug, lastmod: e.updatedAt })),
    ...entries.producers.map((e) => ({ key: "producer" as const, slug: e.slug, lastmod: e.updatedAt })),
    ...entries.channels.map((e) => ({ key: "channel" as const, slug: e.slug, lastmod: e.updatedAt })),
    ...entries.kinds.map((e) => ({ key: "kind" as const, slug: e.slug, lastmod: e.updatedAt })),
  ];
  const url = (key: PageKey, lang: Lang, slug?: string) => xmlEscape(`${origin}${pathOf(key, lang, slug)}`);
  const urls = pages.flatMap((p) =>
    (["vi", "en"] as const).map(
      (lang) =>
        `<url><loc>${url(p.key, lang, p.slug)}</loc>${p.lastmod ? `<lastmod>${xmlEscape(p.lastmod.slice(0, 10))}</lastmod>` : ""}` +
        `<xhtml:link rel="alternate" hreflang="vi" href="${url(p.key, "vi", p.slug)}"/>` +
        `<xhtml:link rel="alternate" hreflang="en" href="${url(p.key, "en", p.slug)}"/></url>`,
    ),
  );
  return `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">\n${urls.join("\n")}\n</urlset>\n`;
}
