import { type Lang, pathOf, strings } from "../i18n/index.ts";
import { type Recognition, RecognitionBadge } from "./badges.tsx";
import { StateTag } from "./provenance-tags.tsx";
import { SourceLink } from "./sources.tsx";
import { SampleTag, UnverifiedTag } from "./tags.tsx";

export type { Recognition };

/** Recognitions as a list, or the sentence saying there are none yet. */
export function RecognitionList(props: { items: Recognition[]; lang: Lang; showProduct?: boolean }) {
  if (!props.items.length) return <p class="muted">{strings(props.lang).noRecognitions}</p>;
  return (
    <ul class="recs">
      {props.items.map((r) => (
        <RecognitionItem r={r} lang={props.lang} showProduct={props.showProduct} />
      ))}
    </ul>
  );
}

/** One recognition with its year, issuer, decision, source, and whether it is verified or illustrative. */
export function RecognitionItem(props: { r: Recognition; lang: Lang; showProduct?: boolean }) {
  const { r, lang } = props;
  const t = strings(lang);
  return (
    <li class="rec">
      <div class="rec-badge">
        <RecognitionBadge r={r} lang={lang} />
      </div>
      <div class="rec-body">
        <p class="rec-title">
          {props.showProduct && r.product ? (
            <>
              <a href={pathOf("product", lang, r.product.slug)}>{r.product.name}</a>
              <span class="sep"> — </span>
            </>
          ) : null}
          {r.title}
        </p>
        <ul class="meta">
          <li>
            {t.year}: {r.year ?? t.noYear}{" "}
            {r.year && r.provenance.record !== "illustrative" ? (
              <StateTag state={r.provenance.fields.year} lang={lang} />
            ) : null}
          </li>
          <li class={`rec-standing standing-${r.standing.status}`}>
            {r.standing.status === "may_have_lapsed" ? (
              <span class="tag-lapsed">{t.mayHaveLapsed}</span>
            ) : null}{" "}
            {r.standing.text}{" "}
            {r.year && r.provenance.record !== "illustrative" ? (
              <StateTag state={r.provenance.fields.standing} lang={lang} />
            ) : null}
          </li>
          {r.issuer ? (
            <li>
              {t.issuer}: {r.issuer}{" "}
              {r.provenance.record !== "illustrative" ? (
                <StateTag state={r.provenance.fields.issuer} lang={lang} />
              ) : null}
            </li>
          ) : null}
          {r.decision_number ? (
            <li>
              {t.decision}: {r.decision_number}
            </li>
          ) : null}
          {props.showProduct && r.producer ? (
            <li>
              <a href={pathOf("producer", lang, r.producer.slug)}>{r.producer.name}</a>
            </li>
          ) : null}
        </ul>
        <p class="rec-flags">
          {r.verified ? <span class="tag-verified">{t.verified}</span> : <UnverifiedTag lang={lang} />}
          {r.sample ? <SampleTag lang={lang} /> : null}
          <SourceLink url={r.source_url} lang={lang} />
        </p>
        {r.note ? <p class="note">{r.note}</p> : null}
      </div>
    </li>
  );
}
