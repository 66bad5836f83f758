import {
  COUNT_CAP,
  FACETS,
  MAX_FILTER_VALUES,
  MAX_FILTER_VALUES_TOTAL,
  SORTS,
} from "../../domain/vocabulary.ts";
import { FACET_VALUE, filterValues, ProductsQuery } from "../../platform/http/schemas.ts";
import { MAX_QUERY_LENGTH } from "../../platform/lib/fold.ts";
import { Breadcrumbs } from "../../ui/components/breadcrumbs.tsx";
import { Count, illustrativeShare } from "../../ui/components/count.tsx";
import {
  ExamplesSwitch,
  type ExamplesToggle,
  examplesAsked,
  withExamples,
} from "../../ui/components/examples-switch.tsx";
import { PageHead } from "../../ui/components/page-head.tsx";
import { Pager } from "../../ui/components/pager.tsx";
import { ProductCard } from "../../ui/components/product-card.tsx";
import { producerName, ViText } from "../../ui/components/record-text.tsx";
import { CatalogueForm, SearchInput } from "../../ui/components/search-form.tsx";
import { type Lang, labelOf, pathOf, pathWithQuery, strings } from "../../ui/i18n/index.ts";
import type { PagerLinks } from "../../ui/register.tsx";
import type { FacetName, FacetValue, ProductList, Sort } from "./products.queries.ts";

/** What the catalogue's URL asks for: the same parameters as GET /api/v1/products. */
export interface CatalogueState {
  q?: string;
  filters: Record<FacetName, string[]>;
  sort?: Sort;
  cursor?: string;
  /** The examples switch (`include=illustrative`): off, the catalogue lists and counts real products only. */
  examples: boolean;
}

/** A value the API's query schema accepts for this parameter, else nothing. */
const accepted = <T,>(schema: { safeParse(v: unknown): { success: boolean; data?: T } }, v: unknown) => {
  const r = schema.safeParse(v);
  return r.success ? r.data : undefined;
};

/**
 * Reads the catalogue's query string with the API's own rules (GET /api/v1/products: filterValues, FACET_VALUE and
 * ProductsQuery), leniently: where the API answers 400, a shopper's URL shows the catalogue without the value it
 * could not use — an unknown filter value, a sort it does not know, a cursor too long — rather than an error page.
 */
export function parseCatalogueQuery(queries: Record<string, string[]>): CatalogueState {
  const shape = ProductsQuery.shape;
  // As many values as the API takes (each is a bound SQL parameter): the rest of a long URL is dropped.
  let budget = MAX_FILTER_VALUES_TOTAL;
  const filters = Object.fromEntries(
    FACETS.map((f) => {
      const values = filterValues(queries[f] ?? [])
        .map((v) => accepted(FACET_VALUE[f], v))
        .filter((v): v is string => v !== undefined)
        .slice(0, Math.min(MAX_FILTER_VALUES, budget));
      budget -= values.length;
      return [f, values];
    }),
  ) as Record<FacetName, string[]>;
  const q = (queries.q?.[0] ?? "").trim().slice(0, MAX_QUERY_LENGTH);
  return {
    q: q || undefined,
    filters,
    sort: accepted(shape.sort, queries.sort?.[0]),
    cursor: accepted(shape.cursor, queries.cursor?.[0]) || undefined,
    examples: examplesAsked(queries.include?.[0]),
  };
}

/** The state as a query string (without the cursor, without a default sort), in a stable order. */
export function catalogueQuery(s: CatalogueState): string {
  const p = new URLSearchParams();
  if (s.q) p.append("q", s.q);
  for (const f of FACETS) for (const v of s.filters[f]) p.append(f, v);
  if (s.sort && s.sort !== (s.q ? "relevance" : "tier")) p.append("sort", s.sort);
  return withExamples(p.toString(), s.examples);
}

const hrefOf = (lang: Lang, s: CatalogueState) => pathWithQuery("products", lang, catalogueQuery(s));

function without(s: CatalogueState, facet: FacetName | "q", value?: string): CatalogueState {
  if (facet === "q") return { ...s, q: undefined, cursor: undefined };
  return {
    ...s,
    cursor: undefined,
    filters: { ...s.filters, [facet]: s.filters[facet].filter((v) => v !== value) },
  };
}

/** Facet values, plus any chosen value the facet no longer lists (count 0), so it can be unchecked. */
function valuesOf(facet: FacetName, list: ProductList, s: CatalogueState, lang: Lang): FacetValue[] {
  const values = list.facets[facet];
  const missing = s.filters[facet]
    .filter((v) => !values.some((x) => x.value === v))
    .map((v) => ({
      value: v,
      label: facet === "tier" || facet === "group" || facet === "scheme" ? labelOf(facet, v, lang) : v,
      count: 0,
      illustrative: 0,
    }));
  return [...values, ...missing];
}

/** A facet value's label: a producer's or a channel's name as an English page shows it (names kept as written). */
function ValueLabel(props: { facet: FacetName; label: string; lang: Lang }) {
  if (props.facet === "producer") return <>{producerName(props.label, props.lang)}</>;
  if (props.facet === "channel") return <ViText text={props.label} lang={props.lang} name />;
  return <>{props.label}</>;
}

function Facet(props: {
  facet: FacetName;
  legend: string;
  list: ProductList;
  s: CatalogueState;
  lang: Lang;
  collapsible?: boolean;
  /** Said under the values, only when the group is shown. */
  note?: string;
}) {
  const { facet, list, s, lang } = props;
  const values = valuesOf(facet, list, s, lang);
  if (!values.length) return null;
  const active = s.filters[facet].length > 0;
  // Counts over a search's best matches only are lower bounds: "12+", described by the note in the filters.
  const partial = !list.facets_exhaustive;
  const boxes = (
    <fieldset class="facet" aria-describedby={partial ? "facets-partial" : undefined}>
      <legend class={props.collapsible ? "sr-only" : undefined}>{props.legend}</legend>
      <ul>
        {values.map((v) => {
          const id = `f-${facet}-${v.value}`;
          return (
            <li>
              <input
                type="checkbox"
                id={id}
                name={facet}
                value={v.value}
                checked={s.filters[facet].includes(v.value)}
              />
              <label for={id}>
                <span class="facet-label">
                  <ValueLabel facet={facet} label={v.label} lang={lang} />
                </span>{" "}
                <Count
                  n={v.count}
                  illustrative={v.illustrative}
                  lang={lang}
                  kind="facet"
                  value={`${facet}:${v.value}`}
                  text={partial ? `${v.count}+` : undefined}
                  atLeast={partial}
                />
              </label>
            </li>
          );
        })}
      </ul>
      {props.note ? <p class="fine facet-note">{props.note}</p> : null}
    </fieldset>
  );
  if (!props.collapsible) return boxes;
  return (
    <details class="facet-more" open={active}>
      <summary>
        {props.legend}
        {active ? <span class="count">{s.filters[facet].length}</span> : null}
      </summary>
      {boxes}
    </details>
  );
}

/**
 * A list that found nothing: "remove a filter" only when a filter is set; for a search, the product kinds to browse
 * and the centre to ask ("Did you mean …" shows above, for every search that offers one).
 */
function EmptyResult(props: {
  list: { allKinds?: { slug: string; name: string }[] };
  s: CatalogueState;
  lang: Lang;
  filtered: boolean;
}) {
  const { list, s, lang } = props;
  const t = strings(lang);
  return (
    <div class="empty">
      <p>{props.filtered || !s.q ? t.noResults : t.noResultsSearch(s.q)}</p>
      {s.q && list.allKinds?.length ? (
        <nav aria-label={t.browseKinds}>
          <p>
            {t.browseKinds}:{" "}
            {list.allKinds.map((k, i) => (
              <>
                {i ? ", " : ""}
                <a href={pathOf("kind", lang, k.slug)}>{k.name}</a>
              </>
            ))}
          </p>
        </nav>
      ) : null}
      {/* The buyers' enquiry form (issue 24) is not on main yet: the kinds page says whom to ask. */}
      <p>
        <a class="ask-centre" href={pathOf("kinds", lang)}>
          {t.askCentre}
        </a>
      </p>
    </div>
  );
}

/** The catalogue: search, sort and facet filters in one GET form, the results, their active filters as chips. */
export function CataloguePage(props: {
  list: ProductList & {
    kinds?: { slug: string; name: string }[];
    allKinds?: { slug: string; name: string }[];
  };
  s: CatalogueState;
  lang: Lang;
  pager: PagerLinks;
  examples: ExamplesToggle;
}) {
  const { list, s, lang } = props;
  const t = strings(lang);
  const path = pathOf("products", lang);
  const chips: { label: string; href: string }[] = [];
  if (s.q) chips.push({ label: `“${s.q}”`, href: hrefOf(lang, without(s, "q")) });
  for (const f of FACETS) {
    for (const v of s.filters[f]) {
      const found = valuesOf(f, list, s, lang).find((x) => x.value === v)?.label ?? v;
      const label = f === "producer" ? producerName(found, lang) : found;
      chips.push({ label, href: hrefOf(lang, without(s, f, v)) });
    }
  }
  const sorts = SORTS.filter((x) => x !== "relevance" || s.q);
  const active = FACETS.reduce((n, f) => n + s.filters[f].length, 0);
  return (
    <div class="wrap">
      <Breadcrumbs lang={lang} items={[{ label: t.productsTitle }]} />
      <PageHead title={t.productsTitle} lede={t.productsLede}>
        <ExamplesSwitch lang={lang} toggle={props.examples} />
      </PageHead>
      <div class="catalogue-layout">
        <CatalogueForm lang={lang} class="catalogue" id="catalogue" label={t.productsTitle}>
          {s.examples ? <input type="hidden" name="include" value="illustrative" /> : null}
          <div class="catalogue-bar">
            <div class="field grow">
              <label for="cat-q">{t.searchLabel}</label>
              <SearchInput lang={lang} id="cat-q" q={s.q} />
            </div>
            <div class="field">
              <label for="cat-sort">{t.sort}</label>
              <select id="cat-sort" name="sort">
                {sorts.map((x) => (
                  // The default order submits no value, so shared URLs stay short and follow the default.
                  <option value={x === (s.q ? "relevance" : "tier") ? "" : x} selected={x === list.sort}>
                    {t.sorts[x]}
                  </option>
                ))}
              </select>
            </div>
            <button type="submit">{t.searchButton}</button>
          </div>
          {/* Folded on phones so that results come first; always unfolded on wider screens (CSS). No script. */}
          <details class="filters">
            <summary>
              <h2>{t.filters}</h2>
              {active ? <span class="count">{active}</span> : null}
            </summary>
            {list.facets_exhaustive ? null : (
              <p class="fine facet-note" id="facets-partial">
                {t.facetsPartial(COUNT_CAP)}
              </p>
            )}
            <Facet facet="tier" legend={t.filterTier} list={list} s={s} lang={lang} />
            <Facet facet="scheme" legend={t.filterScheme} list={list} s={s} lang={lang} />
            <p class="fine facet-note" id="ratings-as-of-year">
              {t.ratingsAsOfYear}
            </p>
            <Facet facet="group" legend={t.filterGroup} list={list} s={s} lang={lang} />
            <Facet
              facet="district"
              legend={t.filterDistrict}
              list={list}
              s={s}
              lang={lang}
              collapsible
              note={t.districtNote}
            />
            <Facet facet="channel" legend={t.filterChannel} list={list} s={s} lang={lang} collapsible />
            <Facet facet="producer" legend={t.filterProducer} list={list} s={s} lang={lang} collapsible />
            <div class="filter-actions">
              <button type="submit">{t.apply}</button>
              {chips.length ? <a href={path}>{t.clear}</a> : null}
            </div>
          </details>
        </CatalogueForm>
        <section class="results" aria-labelledby="results-h">
          <h2 id="results-h" class="results-count">
            {t.results(list.page.total, s.q, list.page.total_relation === "gte")}
            {list.page.illustrative ? (
              <span class="count-illustrative">
                {" · "}
                {illustrativeShare(
                  list.page.total,
                  list.page.illustrative,
                  lang,
                  list.page.total_relation === "gte",
                )}
              </span>
            ) : null}
          </h2>
          {list.page.total_relation === "gte" ? (
            <p class="fine counts-partial" data-total-relation="gte">
              {t.countsPartial(COUNT_CAP)}
            </p>
          ) : null}
          {list.kinds?.length ? (
            <nav class="kind-matches" aria-label={t.kindsNamed}>
              <p>
                {t.kindOf}:{" "}
                {list.kinds.map((k, i) => (
                  <>
                    {i ? ", " : ""}
                    <a href={pathOf("kind", lang, k.slug)}>{k.name}</a>
                  </>
                ))}
              </p>
            </nav>
          ) : null}
          {list.search?.did_you_mean ? (
            <p class="did-you-mean">
              {t.didYouMean}:{" "}
              <a href={hrefOf(lang, { ...s, q: list.search.did_you_mean, cursor: undefined })}>
                {list.search.did_you_mean}
              </a>
              ?
            </p>
          ) : null}
          {chips.length ? (
            <ul class="chips" aria-label={t.activeFilters}>
              {chips.map((c) => (
                <li>
                  <a class="chip" href={c.href} aria-label={t.removeFilter(c.label)}>
                    {c.label} <span aria-hidden="true">×</span>
                  </a>
                </li>
              ))}
            </ul>
          ) : null}
          {list.data.length ? (
            <div class="grid grid-results">
              {list.data.map((p, i) => (
                <ProductCard p={p} lang={lang} eager={i < 2} examples={s.examples} />
              ))}
            </div>
          ) : (
            <EmptyResult list={list} s={s} lang={lang} filtered={active > 0} />
          )}
          <Pager lang={lang} {...props.pager} />
        </section>
      </div>
    </div>
  );
}
