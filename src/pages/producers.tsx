import type { getProducer, listProducers } from "../db/queries/producers.ts";
import { Breadcrumbs, PageHead, Pager, ProductCard, SampleTag, Sources, TierBadge } from "./components.tsx";
import { type Lang, pathOf, strings } from "./i18n.ts";
import { RecognitionItem, SupportList } from "./parts.tsx";

type ProducerList = Awaited<ReturnType<typeof listProducers>>;
type Producer = NonNullable<Awaited<ReturnType<typeof getProducer>>>;

const placeOf = (a: Producer["address"]) => [a.commune, a.district, a.province].filter(Boolean).join(", ");

export function ProducersPage(props: { list: ProducerList; lang: Lang; nextHref: string | null }) {
  const { list, lang } = props;
  const t = strings(lang);
  return (
    <div class="wrap">
      <Breadcrumbs lang={lang} items={[{ label: t.producersTitle }]} />
      <PageHead title={t.producersTitle} lede={t.producersLede} />
      <ul class="cards-list">
        {list.data.map((p) => (
          <li class="card entity-card">
            <h2 class="card-title">
              <a href={pathOf("producer", lang, p.slug)}>{p.name}</a>
            </h2>
            <p class="muted">
              {t.legalTypes[p.legal_type]} · {placeOf(p.address)}
              {p.sample_fields.includes("district") && !p.sample ? (
                <>
                  {" "}
                  <SampleTag lang={lang} />
                </>
              ) : null}
            </p>
            <p class="badges">
              <TierBadge tier={p.tier} lang={lang} />
              <span class="badge plain">{t.productCount(p.product_count)}</span>
              {p.sample ? <SampleTag lang={lang} /> : null}
            </p>
          </li>
        ))}
      </ul>
      <Pager lang={lang} nextHref={props.nextHref} />
    </div>
  );
}

export function ProducerPage(props: { p: Producer; lang: Lang }) {
  const { p, lang } = props;
  const t = strings(lang);
  const sampleField = (f: string) => p.sample || p.sample_fields.includes(f);
  const descSample = sampleField(lang === "vi" ? "descriptionVi" : "descriptionEn");
  const a = p.address;
  const address = [a.street, a.commune, a.district, a.province].filter(Boolean).join(", ");
  return (
    <div class="wrap">
      <Breadcrumbs
        lang={lang}
        items={[{ href: pathOf("producers", lang), label: t.producersTitle }, { label: p.name }]}
      />
      <PageHead title={p.name}>
        <p class="badges">
          <span class="badge plain">{t.legalTypes[p.legal_type]}</span>
          {p.sample ? <SampleTag lang={lang} /> : null}
        </p>
      </PageHead>
      {p.sample ? <p class="notice">{t.sampleProfile}</p> : null}
      <div class="two-col">
        <div>
          <p class="description">
            {p.description} {descSample && !p.sample ? <SampleTag lang={lang} /> : null}
          </p>
        </div>
        <dl class="kv card">
          <div>
            <dt>{t.location}</dt>
            <dd>
              {address} {sampleField("district") && !p.sample ? <SampleTag lang={lang} /> : null}
            </dd>
          </div>
          {p.founded_year ? (
            <div>
              <dt>{t.founded}</dt>
              <dd>
                {p.founded_year} {sampleField("foundedYear") && !p.sample ? <SampleTag lang={lang} /> : null}
              </dd>
            </div>
          ) : null}
          {p.representative ? (
            <div>
              <dt>{t.representative}</dt>
              <dd>{p.representative}</dd>
            </div>
          ) : null}
        </dl>
      </div>
      <section class="block" aria-labelledby="pp-h">
        <h2 id="pp-h">{t.products}</h2>
        <div class="grid">
          {p.products.map((x, i) => (
            <ProductCard p={x} lang={lang} eager={i < 2} />
          ))}
        </div>
      </section>
      <section class="block" aria-labelledby="rec-h">
        <h2 id="rec-h">{t.recognitions}</h2>
        {p.recognitions.length ? (
          <ul class="recs">
            {p.recognitions.map((r) => (
              <RecognitionItem r={r} lang={lang} showProduct />
            ))}
          </ul>
        ) : (
          <p class="muted">{t.noRecognitions}</p>
        )}
      </section>
      <section class="block" aria-labelledby="sup-h">
        <h2 id="sup-h">{t.support}</h2>
        <SupportList items={p.support_projects} lang={lang} />
      </section>
      <Sources urls={p.sources} lang={lang} />
    </div>
  );
}
