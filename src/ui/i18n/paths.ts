import type { Lang } from "../../domain/vocabulary.ts";

/** The pages of the site; each has a Vietnamese and an English path. */
export type PageKey =
  | "home"
  | "products"
  | "product"
  | "producers"
  | "producer"
  | "channels"
  | "channel"
  | "recognition"
  | "programme"
  | "kinds"
  | "kind"
  | "enquire"
  | "enquireThanks"
  | "enquirePrivacy";

const PATHS: Record<PageKey, Record<Lang, string>> = {
  home: { vi: "/", en: "/en" },
  products: { vi: "/san-pham", en: "/en/products" },
  product: { vi: "/san-pham/:slug", en: "/en/products/:slug" },
  producers: { vi: "/co-so", en: "/en/producers" },
  producer: { vi: "/co-so/:slug", en: "/en/producers/:slug" },
  channels: { vi: "/kenh-phan-phoi", en: "/en/channels" },
  channel: { vi: "/kenh-phan-phoi/:slug", en: "/en/channels/:slug" },
  recognition: { vi: "/cong-nhan", en: "/en/recognition" },
  programme: { vi: "/khuyen-cong", en: "/en/programme" },
  kinds: { vi: "/loai", en: "/en/kinds" },
  kind: { vi: "/loai/:slug", en: "/en/kinds/:slug" },
  // Enquiries (issue 24, src/enquiries/pages.tsx): the form's target, the thank-you page, the privacy notice.
  enquire: { vi: "/hoi-mua", en: "/en/enquire" },
  enquireThanks: { vi: "/hoi-mua/cam-on", en: "/en/enquire/thanks" },
  enquirePrivacy: { vi: "/hoi-mua/quyen-rieng-tu", en: "/en/enquire/privacy" },
};

/** The route pattern of a page in a language (`:slug` for detail pages). */
export const routeOf = (key: PageKey, lang: Lang) => PATHS[key][lang];

/**
 * The path of a page in a language.
 *
 * @example pathOf("product", "en", "mien-dong-tan-viet-a") // "/en/products/mien-dong-tan-viet-a"
 */
export function pathOf(key: PageKey, lang: Lang, slug?: string): string {
  const pattern = PATHS[key][lang];
  return slug === undefined ? pattern : pattern.replace(":slug", encodeURIComponent(slug));
}

/** The path of a page with a query string ("" for none), e.g. a catalogue URL with its filters. */
export const pathWithQuery = (key: PageKey, lang: Lang, query: string, slug?: string) =>
  `${pathOf(key, lang, slug)}${query ? `?${query}` : ""}`;

/** The language a path is in: English under /en, Vietnamese elsewhere. */
export const langOfPath = (path: string): Lang => (path === "/en" || path.startsWith("/en/") ? "en" : "vi");
