import { type Lang, pathOf, strings } from "../i18n/index.ts";
import { type Recognition, RecognitionBadge } from "./badges.tsx";
import { StateTag } from "./provenance-tags.tsx";
import { issuerName, producerName, ViText } from "./record-text.tsx";
import { ItemNote, NoteOrRef, NotesOnce, type SharedNotes, sharedNotes } from "./shared-notes.tsx";
import { SourceLink } from "./sources.tsx";
import { SampleTag, UnverifiedTag } from "./tags.tsx";

export type { Recognition };

/** What a list of recognitions may say more than once: each one's note, and what its standing means. */
export const recognitionNotes = (items: readonly Recognition[]) =>
  items.flatMap((r) => [r.note, r.standing.text]);

/**
 * Recognitions as a list, or the sentence saying there are none yet. A note several of them share is said once,
 * under the list (`id` names its anchors), or where the page gives `shared` (the recognition page's groups);
 * `covered`: the page already says that all of it is illustrative, so no item repeats it.
 */
export function RecognitionList(props: {
  items: Recognition[];
  lang: Lang;
  showProduct?: boolean;
  id?: string;
  shared?: SharedNotes;
  covered?: boolean;
}) {
  if (!props.items.length) return <p class="muted">{strings(props.lang).noRecognitions}</p>;
  const own = props.shared ? null : sharedNotes(props.id ?? "rec-notes", recognitionNotes(props.items));
  return (
    <>
      <ul class="recs">
        {props.items.map((r) => (
          <RecognitionItem
            r={r}
            lang={props.lang}
            showProduct={props.showProduct}
            shared={props.shared ?? own ?? undefined}
            covered={props.covered}
          />
        ))}
      </ul>
      {own ? <NotesOnce shared={own} lang={props.lang} /> : null}
    </>
  );
}

/** One recognition with its year, issuer, decision, source, and whether it is verified or illustrative. */
export function RecognitionItem(props: {
  r: Recognition;
  lang: Lang;
  showProduct?: boolean;
  shared?: SharedNotes;
  covered?: boolean;
}) {
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
            <NoteOrRef text={r.standing.text} shared={props.shared} lang={lang} />{" "}
            {r.year && r.provenance.record !== "illustrative" ? (
              <StateTag state={r.provenance.fields.standing} lang={lang} />
            ) : null}
          </li>
          {r.issuer ? (
            <li>
              {t.issuer}: {issuerName(r.issuer, lang) ?? <ViText text={r.issuer} lang={lang} />}{" "}
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
              <a href={pathOf("producer", lang, r.producer.slug)}>{producerName(r.producer.name, lang)}</a>
            </li>
          ) : null}
        </ul>
        <p class="rec-flags">
          {r.verified ? <span class="tag-verified">{t.verified}</span> : <UnverifiedTag lang={lang} />}
          {r.sample && !props.covered ? <SampleTag lang={lang} /> : null}
          <SourceLink url={r.source_url} lang={lang} />
        </p>
        <ItemNote note={r.note} shared={props.shared} lang={lang} />
      </div>
    </li>
  );
}
