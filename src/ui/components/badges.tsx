import type { Standing } from "../../domain/ratings.ts";
import type { ProductDetail } from "../../platform/db/product-detail.ts";
import { type Lang, labelOf, strings } from "../i18n/index.ts";

/** A recognition as the product, producer and recognition pages show it (the latter two name its product). */
export type Recognition = ProductDetail["recognitions"][number] & {
  product?: { slug: string; name: string };
  producer?: { slug: string; name: string };
};

/** A CNNT tier: the four levels of the typical rural-industry product vote. */
export type Tier = "national" | "regional" | "provincial" | "district";

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

/**
 * OCOP stars: a separate scheme from the CNNT tiers, so a badge of its own. A rating is of its year: given `year`
 * the badge says "· 2020", and given `standing` whether the rating may have lapsed (src/domain/ratings.ts) — never a bare
 * star count as a current fact when it may not be one.
 */
export function OcopBadge(props: {
  stars: number | null;
  lang: Lang;
  year?: number | null;
  standing?: Standing | null;
}) {
  if (!props.stars) return null;
  const t = strings(props.lang);
  const caveat =
    props.standing === "may_have_lapsed"
      ? t.mayHaveLapsed
      : props.standing === "year_not_stated"
        ? t.ratingYearUnknown
        : null;
  return (
    <span class={caveat ? "badge ocop ocop-caveat" : "badge ocop"}>
      <span aria-hidden="true">
        OCOP {"★".repeat(props.stars)}
        {props.year ? ` · ${props.year}` : ""}
      </span>
      <span class="sr-only">
        {t.ocopStars(props.stars)}
        {props.year ? `, ${t.recognizedIn(props.year)}` : ""}
      </span>
      {caveat ? <span class="ocop-standing"> ({caveat})</span> : null}
    </span>
  );
}

/** An OCOP certification whose source gives no star count: said as such, never drawn as stars. */
export function OcopNotStatedBadge(props: { lang: Lang }) {
  return <span class="badge ocop">{strings(props.lang).ocopStarsNotStated}</span>;
}

/** The badge of a recognition: its CNNT tier, its OCOP stars (or that they are not stated), or the scheme's name. */
export function RecognitionBadge(props: { r: Recognition; lang: Lang }) {
  const { r, lang } = props;
  if (r.scheme === "cnnt" && r.level) return <TierBadge tier={r.level} lang={lang} />;
  if (r.scheme === "ocop") {
    return r.stars ? (
      <OcopBadge stars={r.stars} lang={lang} year={r.year} standing={r.standing.status} />
    ) : (
      <OcopNotStatedBadge lang={lang} />
    );
  }
  return <span class="badge scheme">{labelOf("scheme", r.scheme, lang)}</span>;
}
