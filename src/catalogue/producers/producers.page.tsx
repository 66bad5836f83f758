import { TierBadge } from "../../ui/components/badges.tsx";
import { Block } from "../../ui/components/block.tsx";
import { Breadcrumbs } from "../../ui/components/breadcrumbs.tsx";
import { ExamplesSwitch, type ExamplesToggle } from "../../ui/components/examples-switch.tsx";
import { PageHead } from "../../ui/components/page-head.tsx";
import { Pager } from "../../ui/components/pager.tsx";
import { ProductCard } from "../../ui/components/product-card.tsx";
import { Place, StateTag } from "../../ui/components/provenance-tags.tsx";
import { RecognitionList } from "../../ui/components/recognition-item.tsx";
import { personName, producerName } from "../../ui/components/record-text.tsx";
import { Sources } from "../../ui/components/sources.tsx";
import { PublicContact, StatedByProducer } from "../../ui/components/stated-by-producer.tsx";
import { SupportList } from "../../ui/components/support-list.tsx";
import { SampleTag } from "../../ui/components/tags.tsx";
import type { EnquiryBlock } from "../../ui/enquiry-embed.ts";
import { type Lang, pathOf, strings } from "../../ui/i18n/index.ts";
import type { PagerLinks } from "../../ui/register.tsx";
import type { getProducer, listProducers } from "./producers.queries.ts";

type ProducerList = Awaited<ReturnType<typeof listProducers>>;
type Producer = Exclude<Awaited<ReturnType<typeof getProducer>>, null | "illustrative">;

/** The state of a producer's district, shown only when the producer itself is real (a sample profile says so). */
const districtState = (p: { provenance: { record: string; fields: Record<string, string> } }) =>
  p.provenance.record === "illustrative"
    ? undefined
    : (p.provenance.fields["address.district"] as "inferred" | "illustrative" | undefined);

export function ProducersPage(props: {
  list: ProducerList;
  lang: Lang;
  pager: PagerLinks;
  examples: ExamplesToggle;
}) {
  const { list, lang } = props;
  const t = strings(lang);
  return (
    <div class="wrap">
      <Breadcrumbs lang={lang} items={[{ label: t.producersTitle }]} />
      <PageHead title={t.producersTitle} lede={t.producersLede}>
        <ExamplesSwitch lang={lang} toggle={props.examples} />
      </PageHead>
      <ul class="cards-list">
        {list.data.map((p) => (
          <li class="card entity-card">
            <h2 class="card-title">
              <a href={pathOf("producer", lang, p.slug)}>{producerName(p.name, lang)}</a>
            </h2>
            <p class="muted">
              {t.legalTypes[p.legal_type]} ·{" "}
              <Place a={p.address} lang={lang} districtState={districtState(p)} />
            </p>
            <p class="badges">
              <TierBadge tier={p.tier} lang={lang} />
              <span class="badge plain">{t.productCount(p.product_count)}</span>
              {p.sample ? <SampleTag lang={lang} /> : null}
            </p>
          </li>
        ))}
      </ul>
      <Pager lang={lang} {...props.pager} />
    </div>
  );
}

export function ProducerPage(props: { p: Producer; lang: Lang; enquiry?: EnquiryBlock; examples?: boolean }) {
  const { p, lang } = props;
  const t = strings(lang);
  const real = p.provenance.record !== "illustrative";
  const own = (field: string) => (real ? p.provenance.fields[field] : undefined);
  return (
    <div class="wrap">
      <Breadcrumbs
        lang={lang}
        items={[
          { href: pathOf("producers", lang), label: t.producersTitle },
          { label: producerName(p.name, lang) },
        ]}
      />
      <PageHead title={producerName(p.name, lang)}>
        <p class="badges">
          <span class="badge plain">{t.legalTypes[p.legal_type]}</span>
          {p.sample ? <SampleTag lang={lang} /> : null}
        </p>
      </PageHead>
      {p.sample ? <p class="notice">{t.sampleProfile}</p> : null}
      <div class="two-col">
        <div>
          {p.photo ? (
            <figure class="producer-figure">
              <img src={p.photo.src} alt={p.photo.alt} width={640} height={480} decoding="async" />
            </figure>
          ) : null}
          <p class="description">
            {p.description} <StateTag state={own("description")} lang={lang} />
          </p>
        </div>
        <dl class="kv card">
          <div>
            <dt>{t.location}</dt>
            <dd>
              <Place a={p.address} lang={lang} street districtState={districtState(p)} asOf />
            </dd>
          </div>
          {p.founded_year ? (
            <div>
              <dt>{t.founded}</dt>
              <dd>
                {p.founded_year} <StateTag state={own("founded_year")} lang={lang} />
              </dd>
            </div>
          ) : null}
          {p.representative ? (
            <div>
              <dt>{t.representative}</dt>
              <dd>{personName(p.representative, lang)}</dd>
            </div>
          ) : null}
          {p.own.contact ? (
            <div>
              <dt>{lang === "vi" ? "Liên hệ công khai" : "Public contact"}</dt>
              <dd>
                <PublicContact contact={p.own.contact} on={p.own.on} lang={lang} />
              </dd>
            </div>
          ) : null}
        </dl>
      </div>
      <Block id="pp-h" title={t.products}>
        <div class="grid">
          {p.products.map((x, i) => (
            <ProductCard p={x} lang={lang} eager={i < 2} covered={p.sample} examples={props.examples} />
          ))}
        </div>
      </Block>
      <Block id="rec-h" title={t.recognitions}>
        <RecognitionList items={p.recognitions} lang={lang} showProduct covered={p.sample} />
      </Block>
      <Block id="sup-h" title={t.support}>
        <SupportList items={p.support_projects} lang={lang} />
      </Block>
      {props.enquiry ? (
        <Block id="enquire-h" title={props.enquiry.title} anchor="enquire">
          <p>{props.enquiry.lede}</p>
          {props.enquiry.form}
        </Block>
      ) : null}
      <Sources urls={p.sources} lang={lang} />
      <StatedByProducer on={p.own.on} lang={lang} />
    </div>
  );
}
