// What a producer stated itself (issue 24): a producer's account proposes its public contact, description, packs,
// prices and photos; an editor reviews and publishes them, and the record then names the producer as their source,
// with the date — "sourced: the producer, <date>" — beside its other sources.
import { formatDate, type Lang } from "../i18n/index.ts";

const T = {
  vi: {
    stated: (d: string) =>
      `Một phần thông tin do chính cơ sở sản xuất cung cấp (ngày ${d}), biên tập viên đã duyệt.`,
    contactBy: (d: string) => `do cơ sở tự công bố ngày ${d}`,
  },
  en: {
    stated: (d: string) =>
      `Some of this was stated by the producer itself (on ${d}) and reviewed by an editor.`,
    contactBy: (d: string) => `published by the producer on ${d}`,
  },
} as const;

/** A date (YYYY-MM-DD) as a page says it, in a <time>. */
const Day = (props: { on: string; lang: Lang }) => (
  <time datetime={props.on}>{formatDate(props.on, props.lang)}</time>
);

/** "Sourced: the producer, <date>", or nothing when the producer stated nothing of the record. */
export function StatedByProducer(props: { on: string | null; lang: Lang }) {
  if (!props.on) return null;
  const [before, after] = T[props.lang].stated("\u0000").split("\u0000");
  return (
    <p class="fine stated-by-producer">
      {before}
      <Day on={props.on} lang={props.lang} />
      {after}
    </p>
  );
}

/** The public contact a producer chose to publish, with when; null when it has published none. */
export function PublicContact(props: { contact: string | null; on: string | null; lang: Lang }) {
  if (!props.contact) return null;
  const [before, after] = T[props.lang].contactBy("\u0000").split("\u0000");
  return (
    <>
      {props.contact}
      {props.on ? (
        <span class="muted">
          {" "}
          ({before}
          <Day on={props.on} lang={props.lang} />
          {after})
        </span>
      ) : null}
    </>
  );
}
