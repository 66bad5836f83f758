import { Block } from "../../ui/components/block.tsx";
import { Breadcrumbs } from "../../ui/components/breadcrumbs.tsx";
import { ExamplesSwitch, type ExamplesToggle } from "../../ui/components/examples-switch.tsx";
import { PageHead } from "../../ui/components/page-head.tsx";
import { ProductCard } from "../../ui/components/product-card.tsx";
import { SourceLink, Sources } from "../../ui/components/sources.tsx";
import { type Lang, pathOf, strings } from "../../ui/i18n/index.ts";
import type { getKind, listKinds } from "./kinds.queries.ts";

type KindList = Awaited<ReturnType<typeof listKinds>>["data"];
type Kind = Exclude<Awaited<ReturnType<typeof getKind>>, null | "illustrative">;

/** The anchor of a kind page's "ask the centre" section. */
export const KIND_CONTACT_ANCHOR = "hoi-trung-tam";

/**
 * Where a buyer asks the centre (Trung tâm Khuyến công và Xúc tiến thương mại) about a kind no producer of which is
 * recorded: the enquiry form about the kind, which goes to the centre alone (src/enquiries, `product_kind`).
 */
export const kindEnquiryHref = (lang: Lang, slug: string) =>
  `${pathOf("enquire", lang)}?product_kind=${encodeURIComponent(slug)}`;

/** What the sources say about a kind: one statement a line, each with its sources. */
function Facts(props: { k: { facts: { text: string; sources: string[] }[] }; lang: Lang }) {
  return (
    <ul class="kind-facts">
      {props.k.facts.map((f) => (
        <li class="kind-fact">
          {f.text}{" "}
          {f.sources.map((u) => (
            <>
              <SourceLink url={u} lang={props.lang} />{" "}
            </>
          ))}
        </li>
      ))}
    </ul>
  );
}

export function KindsPage(props: { list: KindList; lang: Lang; examples: ExamplesToggle }) {
  const { list, lang } = props;
  const t = strings(lang);
  const groups = [
    { id: "rep-h", title: t.kindsRepresentative, items: list.filter((k) => k.representative) },
    { id: "other-h", title: t.kindsOther, items: list.filter((k) => !k.representative) },
  ];
  return (
    <div class="wrap">
      <Breadcrumbs lang={lang} items={[{ label: t.kindsTitle }]} />
      <PageHead title={t.kindsTitle} lede={t.kindsLede}>
        <ExamplesSwitch lang={lang} toggle={props.examples} />
      </PageHead>
      {groups.map((g) => (
        <Block id={g.id} title={g.title}>
          <ul class="cards-list">
            {g.items.map((k) => (
              <li class="card entity-card">
                <h3 class="card-title">
                  <a href={pathOf("kind", lang, k.slug)}>{k.name}</a>
                </h3>
                <p class="badges">
                  {k.representative ? <span class="badge plain">{t.kindRepresentative}</span> : null}
                  <span class="badge plain">
                    {k.product_count ? t.productCount(k.product_count) : t.kindNoProducer}
                  </span>
                </p>
              </li>
            ))}
          </ul>
        </Block>
      ))}
    </div>
  );
}

export function KindPage(props: { k: Kind; lang: Lang; examples?: boolean }) {
  const { k, lang } = props;
  const t = strings(lang);
  return (
    <div class="wrap">
      <Breadcrumbs
        lang={lang}
        items={[{ href: pathOf("kinds", lang), label: t.kindsTitle }, { label: k.name }]}
      />
      <PageHead title={k.name}>
        {k.representative ? (
          <p class="badges">
            <span class="badge plain">{t.kindRepresentative}</span>
          </p>
        ) : null}
      </PageHead>
      <Block id="facts-h" title={t.kindFacts}>
        <Facts k={k} lang={lang} />
      </Block>
      <Block id="kp-h" title={t.kindProducts}>
        {k.products.length ? (
          <div class="grid">
            {k.products.map((x, i) => (
              <ProductCard p={x} lang={lang} eager={i < 2} examples={props.examples} />
            ))}
          </div>
        ) : (
          <>
            <p class="notice">{t.kindNoProducerLong}</p>
            <p>
              <a href={kindEnquiryHref(lang, k.slug)}>{t.kindAskCentre}</a>
            </p>
          </>
        )}
      </Block>
      <Block id="ask-h" title={t.kindContactTitle} anchor={KIND_CONTACT_ANCHOR}>
        <p>{t.kindContactText}</p>
      </Block>
      <Sources urls={k.sources} lang={lang} />
    </div>
  );
}
