import { type Lang, strings } from "../i18n/index.ts";

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
