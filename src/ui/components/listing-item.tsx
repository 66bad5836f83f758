import type { ProductDetail } from "../../platform/db/product-detail.ts";
import { formatDate, formatVnd, type Lang, pathOf, strings } from "../i18n/index.ts";
import { StateTag } from "./provenance-tags.tsx";
import { ViText } from "./record-text.tsx";
import { ItemNote, NotesOnce, type SharedNotes, sharedNotes } from "./shared-notes.tsx";
import { SourceLink } from "./sources.tsx";

type Listing = Omit<ProductDetail["listings"][number], "product">;

/**
 * A channel listing: status, price, stores, when it was last checked, and its source. An illustrative listing is
 * marked once as a whole (one "Minh họa" beside its title, none on each value; none at all when the page already
 * says all of it is illustrative: `covered`) and has no "last checked" date; an inferred value is marked where it
 * is shown. A note other listings of the list repeat is a link to where the list says it once (`shared`).
 */
export function ListingItem(props: {
  l: Listing;
  lang: Lang;
  title: "channel" | { slug: string; name: string };
  shared?: SharedNotes;
  covered?: boolean;
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
            <a href={pathOf("channel", lang, l.channel.slug)}>
              <ViText text={l.channel.name} lang={lang} name />
            </a>
          ) : (
            <a href={pathOf("product", lang, props.title.slug)}>{props.title.name}</a>
          )}
        </h3>
        <span class={`status status-${l.status}`}>{t.statuses[l.status]}</span>{" "}
        {props.covered && illustrative ? null : (
          <StateTag state={illustrative ? "illustrative" : own("status")} lang={lang} />
        )}
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
            <StateTag state={own("price_vnd")} lang={lang} />
          </dd>
        </div>
        {l.stores.length ? (
          <div>
            <dt>{t.stores}</dt>
            <dd>
              {l.stores.map((s) => `${s.name} (${s.province})`).join("; ")}{" "}
              <StateTag state={own("stores")} lang={lang} />
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
      <ItemNote note={l.note} shared={props.shared} lang={lang} />
      <p class="listing-links">
        {l.url ? (
          <a href={l.url} rel="external noopener noreferrer">
            <ViText text={l.channel.name} lang={lang} name />
          </a>
        ) : null}
        {l.source_url ? <SourceLink url={l.source_url} lang={lang} /> : null}
      </p>
    </li>
  );
}

/**
 * A list of listings with the notes they share said once under it (`id` names the notes' anchors). Each listing is
 * titled by its channel, or by `productOf(listing)` on a channel's page.
 */
export function ListingList<L extends Listing>(props: {
  listings: L[];
  lang: Lang;
  id: string;
  productOf?: (l: L) => { slug: string; name: string };
  covered?: boolean;
}) {
  // Listings' notes are written by retailers and editors in Vietnamese only.
  const shared = sharedNotes(
    props.id,
    props.listings.map((l) => l.note),
    true,
  );
  return (
    <>
      <ul class="listings">
        {props.listings.map((l) => (
          <ListingItem
            l={l}
            lang={props.lang}
            title={props.productOf ? props.productOf(l) : "channel"}
            shared={shared}
            covered={props.covered}
          />
        ))}
      </ul>
      <NotesOnce shared={shared} lang={props.lang} />
    </>
  );
}
