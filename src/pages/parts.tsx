import type { ProductDetail } from "../db/queries/product-detail.ts";
import { OcopBadge, SampleTag, SourceLink, TierBadge, UnverifiedTag } from "./components.tsx";
import { formatDate, formatVnd, type Lang, labelOf, pathOf, strings } from "./i18n.ts";

type Recognition = ProductDetail["recognitions"][number] & {
  product?: { slug: string; name: string };
  producer?: { slug: string; name: string };
};
type Listing = Omit<ProductDetail["listings"][number], "product">;
type Support = ProductDetail["support_projects"][number] & {
  producer?: { slug: string; name: string } | null;
};

/** The badge of a recognition: its CNNT tier, its OCOP stars, or the scheme's name. */
export function RecognitionBadge(props: { r: Recognition; lang: Lang }) {
  const { r, lang } = props;
  if (r.scheme === "cnnt" && r.level) return <TierBadge tier={r.level} lang={lang} />;
  if (r.scheme === "ocop" && r.stars) return <OcopBadge stars={r.stars} lang={lang} />;
  return <span class="badge scheme">{labelOf("scheme", r.scheme, lang)}</span>;
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
            {t.year}: {r.year ?? t.noYear}
          </li>
          {r.issuer ? (
            <li>
              {t.issuer}: {r.issuer}
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

/** A channel listing: status, price, stores, when it was last checked, and its source. */
export function ListingItem(props: {
  l: Listing;
  lang: Lang;
  title: "channel" | { slug: string; name: string };
}) {
  const { l, lang } = props;
  const t = strings(lang);
  return (
    <li class="listing">
      <div class="listing-head">
        <h3>
          {props.title === "channel" ? (
            <a href={pathOf("channel", lang, l.channel.slug)}>{l.channel.name}</a>
          ) : (
            <a href={pathOf("product", lang, props.title.slug)}>{props.title.name}</a>
          )}
        </h3>
        <span class={`status status-${l.status}`}>{t.statuses[l.status]}</span>
      </div>
      <dl class="kv">
        {props.title === "channel" ? (
          <div>
            <dt>{t.channel}</dt>
            <dd>{t.channelKinds[l.channel.kind]}</dd>
          </div>
        ) : null}
        <div>
          <dt>{t.price}</dt>
          <dd>
            {l.price_vnd === null ? "—" : formatVnd(l.price_vnd, lang)}{" "}
            {l.sample ? <SampleTag lang={lang} /> : null}
          </dd>
        </div>
        {l.stores.length ? (
          <div>
            <dt>{t.stores}</dt>
            <dd>{l.stores.map((s) => `${s.name} (${s.province})`).join("; ")}</dd>
          </div>
        ) : null}
        {l.last_verified ? (
          <div>
            <dt>{t.lastVerified}</dt>
            <dd>
              <time datetime={l.last_verified}>{formatDate(l.last_verified, lang)}</time>
            </dd>
          </div>
        ) : null}
      </dl>
      {l.note ? <p class="note">{l.note}</p> : null}
      <p class="listing-links">
        {l.url ? (
          <a href={l.url} rel="external noopener noreferrer">
            {l.channel.name}
          </a>
        ) : null}
        {l.source_url ? <SourceLink url={l.source_url} lang={lang} /> : null}
      </p>
    </li>
  );
}

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
                <a href={pathOf("producer", lang, s.producer.slug)}>{s.producer.name}</a>
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
