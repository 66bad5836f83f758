import type { Standing } from "../../domain/ratings.ts";
import { type Lang, pathWithQuery } from "../i18n/index.ts";
import { OcopBadge, OcopNotStatedBadge, type Tier, TierBadge } from "./badges.tsx";
import { withExamples } from "./examples-switch.tsx";
import { ProductImage } from "./product-image.tsx";
import { producerName } from "./record-text.tsx";
import { SampleTag } from "./tags.tsx";

/** What a product card shows: the fields every product list (catalogue, home, producer, related) has. */
export interface CardProduct {
  slug: string;
  name: string;
  category?: string;
  image: string | null;
  image_alt?: string | null;
  tier: Tier | null;
  ocop_stars: number | null;
  /** The year of the rating behind `ocop_stars`, and where it stands (src/domain/ratings.ts). */
  ocop_year?: number | null;
  ocop_standing?: Standing | null;
  /** Holds an OCOP certification, stars stated or not. */
  ocop?: boolean;
  sample: boolean;
  producer?: { slug: string; name: string };
}

/**
 * A product in a grid: illustration, name (the link), badges, producer. `covered`: the page already says that all
 * of it is illustrative (a sample profile), so the card does not say it again. `examples`: the page shows the
 * illustrative examples (`?include=illustrative`), and the product's page keeps showing them.
 */
export function ProductCard(props: {
  p: CardProduct;
  lang: Lang;
  eager?: boolean;
  headingLevel?: 2 | 3;
  covered?: boolean;
  examples?: boolean;
}) {
  const { p, lang } = props;
  const H = props.headingLevel === 2 ? "h2" : "h3";
  return (
    <article class="card product-card">
      <div class="card-img">
        <ProductImage src={p.image} alt="" eager={props.eager} />
      </div>
      <div class="card-body">
        <H class="card-title">
          <a href={pathWithQuery("product", lang, withExamples("", props.examples ?? false), p.slug)}>
            {p.name}
          </a>
        </H>
        {p.category ? <p class="card-cat">{p.category}</p> : null}
        <p class="badges">
          <TierBadge tier={p.tier} lang={lang} />
          {p.ocop_stars ? (
            <OcopBadge stars={p.ocop_stars} lang={lang} year={p.ocop_year} standing={p.ocop_standing} />
          ) : p.ocop ? (
            <OcopNotStatedBadge lang={lang} />
          ) : null}
          {p.sample && !props.covered ? <SampleTag lang={lang} /> : null}
        </p>
        {p.producer ? <p class="card-producer">{producerName(p.producer.name, lang)}</p> : null}
      </div>
    </article>
  );
}
