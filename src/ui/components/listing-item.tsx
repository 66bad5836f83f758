import type { ProductDetail } from "../../platform/db/product-detail.ts";
import { formatDate, formatVnd, type Lang, pathOf, strings } from "../i18n/index.ts";
import { StateTag } from "./provenance-tags.tsx";
import { SourceLink } from "./sources.tsx";
import { SampleTag } from "./tags.tsx";

type Listing = Omit<ProductDetail["listings"][number], "product">;

/**
 * A channel listing: status, price, stores, when it was last checked, and its source. An illustrative listing is
 * marked as a whole (status, price and stores alike) and has no "last checked" date; an inferred value is marked
 * where it is shown.
 */
export function ListingItem(props: {
  l: Listing;
  lang: Lang;
  title: "channel" | { slug: string; name: string };
}) {
  const { l, lang } = props;
  const t = strings(lang);
  const illustrative = l.provenance.record === "illustrative";
  const own = (field: string) => (illustrative ? undefined : l.provenance.fields[field]);
  return (
    <li class={illustrative ? "listing listing-illustrative" : "listing"}>
      <div class="listing-head">
        <h3>
          {props.title === "channel" ? (
            <a href={pathOf("channel", lang, l.channel.slug)}>{l.channel.name}</a>
          ) : (
            <a href={pathOf("product", lang, props.title.slug)}>{props.title.name}</a>
          )}
        </h3>
        <span class={`status status-${l.status}`}>{t.statuses[l.status]}</span>{" "}
        <StateTag state={illustrative ? "illustrative" : own("status")} lang={lang} />
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
            {illustrative ? <SampleTag lang={lang} /> : <StateTag state={own("price_vnd")} lang={lang} />}
          </dd>
        </div>
        {l.stores.length ? (
          <div>
            <dt>{t.stores}</dt>
            <dd>
              {l.stores.map((s) => `${s.name} (${s.province})`).join("; ")}{" "}
              <StateTag state={illustrative ? "illustrative" : own("stores")} lang={lang} />
            </dd>
          </div>
        ) : null}
        {l.last_verified && !illustrative ? (
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
