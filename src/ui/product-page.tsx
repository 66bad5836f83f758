import type { ProductDetail } from "../platform/db/product-detail.ts";
import { asset } from "./assets.ts";
import { OcopBadge, OcopNotStatedBadge, TierBadge } from "./components/badges.tsx";
import { Block } from "./components/block.tsx";
import { Breadcrumbs } from "./components/breadcrumbs.tsx";
import { DataTable } from "./components/data-table.tsx";
import { HOW_TO_GET_TITLE, HowToGet } from "./components/how-to-get.tsx";
import { ListingList } from "./components/listing-item.tsx";
import { ProductCard } from "./components/product-card.tsx";
import { isPhoto, ProductImage, rasterOf } from "./components/product-image.tsx";
import { Place, StateTag } from "./components/provenance-tags.tsx";
import { RecognitionList } from "./components/recognition-item.tsx";
import { producerName } from "./components/record-text.tsx";
import { Sources } from "./components/sources.tsx";
import { StatedByProducer } from "./components/stated-by-producer.tsx";
import { SupportList } from "./components/support-list.tsx";
import { TableWrap } from "./components/table-wrap.tsx";
import { SampleTag } from "./components/tags.tsx";
import type { EnquiryBlock } from "./enquiry-embed.ts";
import { formatNumber, formatVnd, type Lang, labelOf, pathOf, strings } from "./i18n/index.ts";

/**
 * schema.org Product for search engines, from sourced values only: manufacturer, image, description and the
 * verified, sourced recognitions as certifications. Illustrative and inferred values (prices, a guessed
 * district, an inferred year or issuer) are left out, and there are no ratings. Callers give no JSON-LD at all
 * for an illustrative product.
 */
export function productJsonLd(p: ProductDetail, lang: Lang, origin: string) {
  const producerUrl = `${origin}${pathOf("producer", lang, p.producer.slug)}`;
  const a = p.producer.address;
  const sourced = (o: { provenance: { record: string; fields: Record<string, string> } }, field?: string) =>
    o.provenance.record === "sourced" && (field === undefined || o.provenance.fields[field] === undefined);
  const commune = sourced(p.producer, "address.commune") ? a.commune : null;
  // A post-reform address has no district: the former district is a browsing area, not part of the address.
  const district =
    sourced(p.producer, "address.district") && a.as_of !== "after_2025_reform" ? a.district : null;
  return {
    "@context": "https://schema.org",
    "@type": "Product",
    "@id": `${origin}${pathOf("product", lang, p.slug)}#product`,
    name: p.name,
    ...(sourced(p, "description") ? { description: p.description } : {}),
    image: `${origin}${asset(rasterOf(p.image))}`,
    url: `${origin}${pathOf("product", lang, p.slug)}`,
    category: p.category,
    manufacturer: {
      "@type": "Organization",
      name: p.producer.name,
      url: producerUrl,
      address: {
        "@type": "PostalAddress",
        ...(a.street && sourced(p.producer, "address.street") ? { streetAddress: a.street } : {}),
        ...(commune || district ? { addressLocality: [commune, district].filter(Boolean).join(", ") } : {}),
        addressRegion: a.province,
        addressCountry: "VN",
      },
    },
    hasCertification: p.recognitions
      .filter((r) => r.verified && sourced(r))
      .map((r) => ({
        "@type": "Certification",
        name: r.title,
        ...(r.issuer && sourced(r, "issuer")
          ? { issuedBy: { "@type": "Organization", name: r.issuer } }
          : {}),
        ...(r.decision_number && sourced(r, "decision_number")
          ? { certificationIdentification: r.decision_number }
          : {}),
        ...(r.year && sourced(r, "year") ? { datePublished: String(r.year) } : {}),
        // As of its year: "recognized in 2020 … may have lapsed" (the text names the year only when it is sourced).
        ...(r.year === null || sourced(r, "year") ? { description: r.standing.text } : {}),
        url: r.source_url,
      })),
  };
}

export function ProductPage(props: {
  p: ProductDetail;
  lang: Lang;
  enquiry?: EnquiryBlock;
  examples?: boolean;
}) {
  const { p, lang } = props;
  const t = strings(lang);
  const illustrative = p.provenance.record === "illustrative";
  // The rating behind the OCOP badge: the latest with the product's highest stars (a rating is of its year).
  const topOcop = p.recognitions
    .filter((r) => r.scheme === "ocop" && r.stars === p.ocop_stars)
    .sort((a, b) => (b.year ?? 0) - (a.year ?? 0))[0];
  const descState = illustrative ? undefined : p.provenance.fields.description;
  const packSample = illustrative || p.provenance.fields.packaging === "illustrative";
  const a = p.producer.address;
  const hasPlace = Boolean(a.commune || a.district || a.province);
  const districtState =
    p.producer.provenance.record === "illustrative"
      ? undefined
      : p.producer.provenance.fields["address.district"];
  return (
    <div class="wrap">
      <Breadcrumbs
        lang={lang}
        items={[{ href: pathOf("products", lang), label: t.productsTitle }, { label: p.name }]}
      />
      <article class="product">
        <div class="product-top">
          <figure class="product-figure">
            <ProductImage src={p.image} alt={p.image_alt} eager size="hero" />
            <figcaption>{isPhoto(p.image) ? t.photo : t.illustration}</figcaption>
          </figure>
          <div class="product-summary">
            <p class="eyebrow">
              {p.category} · {labelOf("group", p.group, lang)}
            </p>
            <h1>{p.name}</h1>
            {p.kind ? (
              <p class="kind-link">
                {t.kindOf}: <a href={pathOf("kind", lang, p.kind.slug)}>{p.kind.name}</a>
              </p>
            ) : null}
            {/* Each award links to what it means, on the page that explains the vote and OCOP. */}
            <p class="badges">
              {p.tier ? (
                <a class="badge-link" href={`${pathOf("recognition", lang)}#levels-h`}>
                  <TierBadge tier={p.tier} lang={lang} long />
                </a>
              ) : null}
              {p.ocop_stars || p.recognitions.some((r) => r.scheme === "ocop") ? (
                <a class="badge-link" href={`${pathOf("recognition", lang)}#ocop`}>
                  {p.ocop_stars && topOcop ? (
                    <OcopBadge
                      stars={p.ocop_stars}
                      lang={lang}
                      year={topOcop.year}
                      standing={topOcop.standing.status}
                    />
                  ) : p.ocop_stars ? (
                    <OcopBadge stars={p.ocop_stars} lang={lang} />
                  ) : (
                    <OcopNotStatedBadge lang={lang} />
                  )}
                </a>
              ) : null}
              {p.sample ? <SampleTag lang={lang} /> : null}
            </p>
            {p.sample ? <p class="notice">{t.sampleProduct}</p> : null}
            <p class="description">
              {p.description} <StateTag state={descState} lang={lang} />
            </p>
            <p class="by">
              {t.producer}:{" "}
              <a href={pathOf("producer", lang, p.producer.slug)}>{producerName(p.producer.name, lang)}</a>
              {hasPlace ? (
                <span class="muted">
                  {" "}
                  · <Place a={a} lang={lang} districtState={districtState} />
                </span>
              ) : null}
            </p>
            {/* The main call to action: where to buy when a retailer says where, else the enquiry. */}
            <p class="actions">
              {p.listings.length ? (
                <a class="btn" href="#where-to-buy">
                  {t.whereToBuy} <span aria-hidden="true">↓</span>
                </a>
              ) : null}
              {props.enquiry ? (
                <a class={p.listings.length ? "btn btn-quiet" : "btn"} href="#enquire">
                  {props.enquiry.title} <span aria-hidden="true">↓</span>
                </a>
              ) : null}
            </p>
          </div>
        </div>

        <Block id="pack-h" title={t.packaging}>
          {!p.packaging.length ? (
            <p class="muted">{t.noPackaging}</p>
          ) : (
            <>
              {/* Said once: by the product's notice, or by this one for the whole table, else per row. */}
              {packSample && !p.sample ? <p class="notice">{t.samplePrices}</p> : null}
              <TableWrap label={t.tableOf(t.packaging)}>
                <DataTable
                  columns={[
                    { label: t.packLabel },
                    { label: t.netWeight, num: true },
                    { label: t.price, num: true },
                  ]}
                >
                  {p.packaging.map((v) => (
                    <tr>
                      <th scope="row">{v.label}</th>
                      <td class="num">{v.net_weight_g ? `${formatNumber(v.net_weight_g, lang)} g` : "—"}</td>
                      <td class="num">
                        <span class="price">{v.price_vnd === null ? "—" : formatVnd(v.price_vnd, lang)}</span>{" "}
                        {v.sample && !packSample ? <SampleTag lang={lang} /> : null}
                      </td>
                    </tr>
                  ))}
                </DataTable>
              </TableWrap>
            </>
          )}
        </Block>

        <Block id="rec-h" title={t.recognitions}>
          <RecognitionList items={p.recognitions} lang={lang} id="rec-notes" covered={p.sample} />
        </Block>

        {props.enquiry ? (
          // A real product: what is true about getting it, and the enquiry (issue 24, src/ui/components/how-to-get.tsx).
          <Block id="buy-h" title={HOW_TO_GET_TITLE[lang]} anchor="where-to-buy">
            <HowToGet
              lang={lang}
              producer={p.producer}
              contact={{ contact: p.own.producer_contact, on: p.own.producer_on }}
              districtState={districtState}
              hasListings={p.listings.length > 0}
              listings={<ListingList listings={p.listings} lang={lang} id="buy-notes" covered={p.sample} />}
              enquiry={
                <>
                  <p>{props.enquiry.lede}</p>
                  {props.enquiry.form}
                </>
              }
            />
          </Block>
        ) : (
          <Block id="buy-h" title={t.whereToBuy} anchor="where-to-buy">
            {p.listings.length ? (
              <ListingList listings={p.listings} lang={lang} id="buy-notes" covered={p.sample} />
            ) : (
              <p class="muted">{t.noListings}</p>
            )}
          </Block>
        )}

        <Block id="producer-h" title={t.aboutProducer} class="producer-card">
          <h3>
            <a href={pathOf("producer", lang, p.producer.slug)}>{producerName(p.producer.name, lang)}</a>
          </h3>
          <p class="muted">
            {t.legalTypes[p.producer.legal_type]}
            {hasPlace ? (
              <>
                {" · "}
                <Place a={a} lang={lang} street districtState={districtState} asOf />
              </>
            ) : null}
            {p.producer.sample && !p.sample ? (
              <>
                {" "}
                <SampleTag lang={lang} />
              </>
            ) : null}
          </p>
          <p>{p.producer.description}</p>
          <h3>{t.support}</h3>
          <SupportList items={p.support_projects} lang={lang} />
        </Block>

        <Sources urls={p.sources} lang={lang} />
        <StatedByProducer on={p.own.on} lang={lang} />
      </article>

      {p.related.length ? (
        <Block id="related-h" title={t.related} class="related">
          <div class="grid">
            {p.related.map((r) => (
              <ProductCard p={r} lang={lang} examples={props.examples} />
            ))}
          </div>
        </Block>
      ) : null}
    </div>
  );
}
