import { asset } from "../../ui/assets.ts";
import { Count } from "../../ui/components/count.tsx";
import { ExamplesSwitch, type ExamplesToggle, withExamples } from "../../ui/components/examples-switch.tsx";
import { ProductCard } from "../../ui/components/product-card.tsx";
import { SearchForm } from "../../ui/components/search-form.tsx";
import { SourceLink } from "../../ui/components/sources.tsx";
import { formatFigure, type Lang, pathOf, pathWithQuery, strings } from "../../ui/i18n/index.ts";
import type { HomePage as HomeData } from "./home.queries.ts";

const HEADLINE_FIGURES = ["projects_total", "support_total", "investment_total", "counterpart_total"];

export function HomePage(props: { data: HomeData; lang: Lang; examples: ExamplesToggle }) {
  const { lang, data } = props;
  const t = strings(lang);
  const figures = HEADLINE_FIGURES.map((k) => data.programme.figures.find((f) => f.key === k)).filter(
    (f) => f !== undefined,
  );
  const sources = [...new Set(figures.map((f) => f.source_url))];
  return (
    <>
      <section class="hero">
        <div class="wrap hero-grid">
          <div class="hero-text">
            <p class="eyebrow">{t.homeEyebrow}</p>
            <h1>{t.homeTitle}</h1>
            <p class="lede">{t.homeLede}</p>
            <SearchForm lang={lang} id="home-q" big />
          </div>
          <img class="hero-art" src={asset("/img/karst.svg")} alt="" width="560" height="420" />
        </div>
      </section>

      <section class="wrap section" aria-labelledby="featured-h">
        <div class="section-head">
          <h2 id="featured-h">{t.homeFeatured}</h2>
          <a class="more" href={`${pathOf("products", lang)}?tier=national&tier=regional`}>
            {t.homeAll} <span aria-hidden="true">→</span>
          </a>
        </div>
        <ExamplesSwitch lang={lang} toggle={props.examples} />
        <div class="grid grid-featured">
          {data.featured.data.map((p, i) => (
            <ProductCard p={p} lang={lang} eager={i < 2} examples={props.examples.on} />
          ))}
        </div>
      </section>

      <section class="wrap section" aria-labelledby="tiers-h">
        <h2 id="tiers-h">{t.homeByTier}</h2>
        <ul class="tier-links">
          {data.featured.facets.tier.map((f) => {
            const tile = (
              <>
                <span class="tier-link-name">{f.label}</span>
                <Count
                  class="tier-link-count"
                  kind="tier"
                  value={f.value}
                  n={f.count}
                  illustrative={f.illustrative}
                  text={f.count ? t.productCount(f.count) : t.tierNone}
                  lang={lang}
                />
              </>
            );
            // A tier with no product links nowhere: the tile says so rather than opening an empty list.
            return (
              <li>
                {f.count ? (
                  <a
                    class={`tier-link tier-${f.value}`}
                    href={pathWithQuery("products", lang, withExamples(`tier=${f.value}`, props.examples.on))}
                  >
                    {tile}
                  </a>
                ) : (
                  <p class={`tier-link tier-${f.value} tier-empty`}>{tile}</p>
                )}
              </li>
            );
          })}
        </ul>
      </section>

      <section class="band" aria-labelledby="figures-h">
        <div class="wrap section">
          <div class="section-head">
            <h2 id="figures-h">{t.homeFigures}</h2>
            <a class="more" href={pathOf("programme", lang)}>
              {t.homeFiguresMore} <span aria-hidden="true">→</span>
            </a>
          </div>
          <dl class="stats">
            {figures.map((f) => (
              <div class="stat">
                <dt>{f.label}</dt>
                <dd data-figure={f.key}>{formatFigure(f, lang)}</dd>
              </div>
            ))}
          </dl>
          <p class="fine">
            {sources.map((u) => (
              <SourceLink url={u} lang={lang} />
            ))}
          </p>
        </div>
      </section>

      <section class="wrap section honest" aria-labelledby="honest-h">
        <h2 id="honest-h">{t.homeHonest}</h2>
        <p>{t.homeHonestText}</p>
        <dl class="honest-tags">
          <div>
            <dt>
              {/* The label as a legend, not a mark on a record: the page still holds no illustrative record. */}
              <span class="tag-sample legend">{t.sample}</span>
            </dt>
            <dd>{t.homeHonestSample}</dd>
          </div>
          <div>
            <dt>
              <span class="tag-inferred">{t.inferred}</span>
            </dt>
            <dd>{t.homeHonestInferred}</dd>
          </div>
        </dl>
      </section>
    </>
  );
}
