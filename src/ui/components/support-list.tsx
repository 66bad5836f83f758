import type { ProductDetail } from "../../platform/db/product-detail.ts";
import { formatVnd, type Lang, pathOf, strings } from "../i18n/index.ts";
import { producerName } from "./record-text.tsx";
import { SourceLink } from "./sources.tsx";
import { SampleTag } from "./tags.tsx";

type Support = ProductDetail["support_projects"][number] & {
  producer?: { slug: string; name: string } | null;
};

/** Khuyến công support projects, with amount, fund and source. */
export function SupportList(props: { items: Support[]; lang: Lang; showProducer?: boolean }) {
  const { lang } = props;
  const t = strings(lang);
  if (!props.items.length) return <p class="muted">{t.noSupport}</p>;
  return (
    <ul class="support">
      {props.items.map((s) => (
        <li>
          <p class="support-title">{s.title}</p>
          <ul class="meta">
            <li>{t.funds[s.fund]}</li>
            {s.year ? (
              <li>
                {t.year}: {s.year}
              </li>
            ) : null}
            {s.amount_vnd ? (
              <li>
                {t.amount}: {formatVnd(s.amount_vnd, lang)}
              </li>
            ) : null}
            {props.showProducer && s.producer ? (
              <li>
                <a href={pathOf("producer", lang, s.producer.slug)}>{producerName(s.producer.name, lang)}</a>
              </li>
            ) : null}
          </ul>
          <p class="rec-flags">
            {s.sample ? <SampleTag lang={lang} /> : null}
            <SourceLink url={s.source_url} lang={lang} />
          </p>
        </li>
      ))}
    </ul>
  );
}
