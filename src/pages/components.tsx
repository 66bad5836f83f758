import type { Child } from "hono/jsx";
import { asset } from "./assets.ts";
import { hostOf, type Lang, labelOf, pathOf, strings } from "./i18n.ts";

type Tier = "national" | "regional" | "provincial" | "district";

/** The CNNT-TB tier of a product as a coloured badge. */
export function TierBadge(props: { tier: Tier | null; lang: Lang; long?: boolean }) {
  if (!props.tier) return null;
  const t = strings(props.lang);
  return (
    <span class={`badge tier-${props.tier}`}>
      <svg viewBox="0 0 12 12" width="12" height="12" aria-hidden="true" focusable="false">
        <path d="M6 .6 7.6 4l3.8.4-2.8 2.6.8 3.7L6 8.8 2.6 10.7l.8-3.7L.6 4.4 4.4 4z" fill="currentColor" />
      </svg>
      {props.long
        ? t.tierLong[props.tier]
        : props.tier === "district"
          ? t.districtTier
          : labelOf("tier", props.tier, props.lang)}
    </span>
  );
}

/** OCOP stars: a separate scheme from the CNNT tiers, so a badge of its own. */
export function OcopBadge(props: { stars: number | null; lang: Lang }) {
  if (!props.stars) return null;
  const t = strings(props.lang);
  return (
    <span class="badge ocop">
      <span aria-hidden="true">OCOP {"★".repeat(props.stars)}</span>
      <span class="sr-only">{t.ocopStars(props.stars)}</span>
    </span>
  );
}

/** Marks a value as illustrative (sample data), visibly. */
export function SampleTag(props: { lang: Lang }) {
  const t = strings(props.lang);
  return (
    <span class="tag-sample" title={t.sampleTitle}>
      {t.sample}
    </span>
  );
}

/** Marks a recognition that the source does not fully confirm. */
export function UnverifiedTag(props: { lang: Lang }) {
  return <span class="tag-unverified">{strings(props.lang).unverified}</span>;
}

/** A link to a source, named by its host. */
export function SourceLink(props: { url: string; lang: Lang; label?: string }) {
  return (
    <a class="source" href={props.url} rel="external noopener noreferrer">
      {props.label ?? `${strings(props.lang).source}: ${hostOf(props.url)}`}
    </a>
  );
}

/** A list of sources. */
export function Sources(props: { urls: string[]; lang: Lang; title?: string }) {
  if (!props.urls.length) return null;
  const t = strings(props.lang);
  return (
    <section class="sources" aria-labelledby="sources-h">
      <h2 id="sources-h">{props.title ?? t.sources}</h2>
      <ol>
        {props.urls.map((u) => (
          <li>
            <a href={u} rel="external noopener noreferrer">
              {hostOf(u)}
            </a>
            <span class="url">{u}</span>
          </li>
        ))}
      </ol>
    </section>
  );
}

export function Breadcrumbs(props: { lang: Lang; items: { href?: string; label: string }[] }) {
  const t = strings(props.lang);
  return (
    <nav class="breadcrumbs" aria-label={t.breadcrumb}>
      <ol>
        <li>
          <a href={pathOf("home", props.lang)}>{t.home}</a>
        </li>
        {props.items.map((i) => (
          <li>{i.href ? <a href={i.href}>{i.label}</a> : <span aria-current="page">{i.label}</span>}</li>
        ))}
      </ol>
    </nav>
  );
}

/** The product search: a plain GET form to the catalogue. */
export function SearchForm(props: { lang: Lang; q?: string; id: string; big?: boolean }) {
  const t = strings(props.lang);
  return (
    <search>
      <form
        class={props.big ? "search search-big" : "search"}
        action={pathOf("products", props.lang)}
        method="get"
      >
        <label for={props.id}>{t.searchLabel}</label>
        <div class="search-row">
          <input
            id={props.id}
            type="search"
            name="q"
            value={props.q ?? ""}
            placeholder={t.searchPlaceholder}
            maxlength={200}
            autocomplete="off"
            aria-describedby={`${props.id}-hint`}
          />
          <button type="submit">{t.searchButton}</button>
        </div>
        <p class="hint" id={`${props.id}-hint`}>
          {t.searchHint}
        </p>
      </form>
    </search>
  );
}

/** The path of a product's illustration: one of ours (an SVG under /img/products, with a PNG twin) or the placeholder. */
export const illustration = (src: string | null) =>
  src && /^\/img\/products\/[\w-]+\.svg$/.test(src) ? src : "/img/products/placeholder.svg";

/** A product illustration; width and height are set so the layout does not shift while it loads. */
export function ProductImage(props: {
  src: string | null;
  alt: string;
  eager?: boolean;
  size?: "card" | "hero";
}) {
  const src = illustration(props.src);
  const [w, h] = props.size === "hero" ? [640, 480] : [320, 240];
  return (
    <img
      src={asset(src)}
      alt={props.alt}
      width={w}
      height={h}
      loading={props.eager ? undefined : "lazy"}
      decoding="async"
    />
  );
}

export interface CardProduct {
  slug: string;
  name: string;
  category?: string;
  image: string | null;
  image_alt?: string | null;
  tier: Tier | null;
  ocop_stars: number | null;
  sample: boolean;
  producer?: { slug: string; name: string };
}

/** A product in a grid: illustration, name (the link), badges, producer. */
export function ProductCard(props: { p: CardProduct; lang: Lang; eager?: boolean; headingLevel?: 2 | 3 }) {
  const { p, lang } = props;
  const H = props.headingLevel === 2 ? "h2" : "h3";
  return (
    <article class="card product-card">
      <div class="card-img">
        <ProductImage src={p.image} alt="" eager={props.eager} />
      </div>
      <div class="card-body">
        <H class="card-title">
          <a href={pathOf("product", lang, p.slug)}>{p.name}</a>
        </H>
        {p.category ? <p class="card-cat">{p.category}</p> : null}
        <p class="badges">
          <TierBadge tier={p.tier} lang={lang} />
          <OcopBadge stars={p.ocop_stars} lang={lang} />
          {p.sample ? <SampleTag lang={lang} /> : null}
        </p>
        {p.producer ? <p class="card-producer">{p.producer.name}</p> : null}
      </div>
    </article>
  );
}

/**
 * A table that may be wider than a phone: it scrolls sideways inside its own box, which is focusable (so the
 * keyboard can scroll it) and named as a region.
 */
export function TableWrap(props: { label: string; children: Child }) {
  return (
    <section class="table-wrap" tabindex={0} aria-label={props.label}>
      {props.children}
    </section>
  );
}

/** The page title block. */
export function PageHead(props: { title: string; lede?: string; children?: Child }) {
  return (
    <div class="page-head">
      <h1>{props.title}</h1>
      {props.lede ? <p class="lede">{props.lede}</p> : null}
      {props.children}
    </div>
  );
}

/** Cursor pagination links: back to the first page (when on a later one) and the next page (when there is one). */
export function Pager(props: { lang: Lang; nextHref?: string | null; firstHref?: string | null }) {
  if (!props.nextHref && !props.firstHref) return null;
  const t = strings(props.lang);
  return (
    <nav class="pager" aria-label={t.nextPage}>
      {props.firstHref ? <a href={props.firstHref}>{t.firstPage}</a> : <span />}
      {props.nextHref ? (
        <a rel="next" href={props.nextHref}>
          {t.nextPage} <span aria-hidden="true">→</span>
        </a>
      ) : null}
    </nav>
  );
}
