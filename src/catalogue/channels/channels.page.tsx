import { Block } from "../../ui/components/block.tsx";
import { Breadcrumbs } from "../../ui/components/breadcrumbs.tsx";
import { Count } from "../../ui/components/count.tsx";
import { ExamplesSwitch, type ExamplesToggle } from "../../ui/components/examples-switch.tsx";
import { ListingList } from "../../ui/components/listing-item.tsx";
import { PageHead } from "../../ui/components/page-head.tsx";
import { ViText } from "../../ui/components/record-text.tsx";
import { Sources } from "../../ui/components/sources.tsx";
import { SampleTag } from "../../ui/components/tags.tsx";
import { hostOf, type Lang, pathOf, strings } from "../../ui/i18n/index.ts";
import type { getChannel, listChannels } from "./channels.queries.ts";

type ChannelList = Awaited<ReturnType<typeof listChannels>>["data"];
type Channel = Exclude<Awaited<ReturnType<typeof getChannel>>, null | "illustrative">;

export function ChannelsPage(props: { list: ChannelList; lang: Lang; examples: ExamplesToggle }) {
  const { list, lang } = props;
  const t = strings(lang);
  return (
    <div class="wrap">
      <Breadcrumbs lang={lang} items={[{ label: t.channelsTitle }]} />
      <PageHead title={t.channelsTitle} lede={t.channelsLede}>
        <ExamplesSwitch lang={lang} toggle={props.examples} />
      </PageHead>
      <ul class="cards-list">
        {list.map((c) => (
          <li class="card entity-card">
            <h2 class="card-title">
              <a href={pathOf("channel", lang, c.slug)}>
                <ViText text={c.name} lang={lang} name />
              </a>
            </h2>
            <p class="badges">
              <span class={`badge kind kind-${c.kind}`}>{t.channelKinds[c.kind]}</span>
              <Count
                class="badge plain"
                kind="channel"
                value={c.slug}
                n={c.listing_count}
                illustrative={c.illustrative_listing_count}
                text={t.listingCount(c.listing_count)}
                lang={lang}
              />
              {c.sample ? <SampleTag lang={lang} /> : null}
            </p>
            <p class="muted">{c.description}</p>
          </li>
        ))}
      </ul>
    </div>
  );
}

export function ChannelPage(props: { c: Channel; lang: Lang }) {
  const { c, lang } = props;
  const t = strings(lang);
  return (
    <div class="wrap">
      <Breadcrumbs
        lang={lang}
        items={[
          { href: pathOf("channels", lang), label: t.channelsTitle },
          { label: <ViText text={c.name} lang={lang} name /> },
        ]}
      />
      <PageHead title={<ViText text={c.name} lang={lang} name />} lede={c.description}>
        <p class="badges">
          <span class={`badge kind kind-${c.kind}`}>{t.channelKinds[c.kind]}</span>
          {c.sample ? <SampleTag lang={lang} /> : null}
          {c.website ? (
            <a href={c.website} rel="external noopener noreferrer">
              {t.website}: {hostOf(c.website)}
            </a>
          ) : null}
        </p>
      </PageHead>
      <Block id="stocks-h" title={t.stocks}>
        {c.listings.length ? (
          <ListingList
            listings={c.listings.map((l) => ({
              ...l,
              channel: { slug: c.slug, name: c.name, kind: c.kind },
            }))}
            lang={lang}
            id="stock-notes"
            productOf={(l) => l.product}
          />
        ) : (
          <p class="muted">{t.noListings}</p>
        )}
      </Block>
      <Sources urls={c.sources} lang={lang} />
    </div>
  );
}
