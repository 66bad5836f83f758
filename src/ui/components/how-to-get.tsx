// "How to get it" on a real product's page (issue 24): only what is true. The producer and its address as the
// source gives it; the public contact the producer chose to publish (its account proposes it, an editor publishes
// it; none until then); real retailer listings; the chains that carry Cao Bằng OCOP products in general and
// the trade events the sources name, each worded as a fact about the chains or the event, never about this product
// (/work/shared/FACTS.md); and the enquiry form, which is the way in where nothing else is known.
import type { Child } from "hono/jsx";
import { type Lang, pathOf } from "../i18n/index.ts";
import { Place } from "./provenance-tags.tsx";
import { producerName } from "./record-text.tsx";
import { SourceLink } from "./sources.tsx";
import { PublicContact } from "./stated-by-producer.tsx";

type Address = Parameters<typeof Place>[0]["a"];

/** Facts about Cao Bằng's trade channels in general, each with its source (FACTS.md). */
export const TRADE_FACTS: { vi: string; en: string; source: string }[] = [
  {
    vi: "Các sản phẩm OCOP của Cao Bằng có hợp đồng với các chuỗi Winmart+, GO! và AEON (nguồn nói chung, không nêu sản phẩm nào được bán ở chuỗi nào).",
    en: "Cao Bằng's OCOP products have contracts with the chains Winmart+, GO! and AEON (the source says so in general; it names no product per chain).",
    source: "https://vietnamnet.vn/cao-bang-ocop-tiep-suc-chuyen-dich-co-cau-kinh-te-nong-thon-2172875.html",
  },
  {
    vi: "Hội chợ xúc tiến thương mại sản phẩm OCOP hằng năm của Cao Bằng: khai mạc ngày 1/11/2024 tại Quảng trường km 5, phường Đề Thám, TP Cao Bằng, hơn 120 gian hàng của 25 tỉnh.",
    en: "Cao Bằng's annual OCOP trade fair: opened on 1 November 2024 at Quảng trường km 5, phường Đề Thám, Cao Bằng city, with over 120 booths from 25 provinces.",
    source: "https://kinhtedouong.vn/cao-bang-khai-mac-hoi-cho-xuc-tien-thuong-mai-san-pham-ocop-102872.html",
  },
  {
    vi: "Tuần giới thiệu sản phẩm Cao Bằng tại TP Hồ Chí Minh, 15–18/5/2025.",
    en: "A week of Cao Bằng products in Hồ Chí Minh City, 15–18 May 2025.",
    source:
      "https://thitruong.thuonghieusanpham.vn/cao-bang-gioi-thieu-gan-80-nong-dac-san-tai-tphcm-79547.html",
  },
];

const T = {
  vi: {
    title: "Cách mua",
    maker: "Cơ sở sản xuất",
    contact: "Liên hệ công khai",
    noContact: "Cơ sở chưa công bố liên hệ công khai. Hãy gửi câu hỏi qua biểu mẫu bên dưới.",
    listings: "Nơi bán do nhà bán lẻ ghi",
    noListings: "Chưa nhà bán lẻ nào ghi nơi bán sản phẩm này.",
    general: "Kênh và sự kiện của sản phẩm Cao Bằng nói chung",
    ask: "Hỏi mua qua Trung tâm",
  },
  en: {
    title: "How to get it",
    maker: "Made by",
    contact: "Public contact",
    noContact: "The producer has not published a contact. Ask through the form below.",
    listings: "Where retailers say they sell it",
    noListings: "No retailer has listed this product yet.",
    general: "Channels and events for Cao Bằng products in general",
    ask: "Ask through the centre",
  },
} as const;

export function HowToGet(props: {
  lang: Lang;
  producer: { slug: string; name: string; address: Address };
  districtState?: Parameters<typeof Place>[0]["districtState"];
  /** The public contact the producer published (its own proposal), and when; none until it does. */
  contact: { contact: string | null; on: string | null };
  listings: Child;
  hasListings: boolean;
  enquiry: Child;
}) {
  const t = T[props.lang];
  const a = props.producer.address;
  return (
    <div class="how-to-get">
      <dl class="kv">
        <div>
          <dt>{t.maker}</dt>
          <dd>
            <a href={pathOf("producer", props.lang, props.producer.slug)}>
              {producerName(props.producer.name, props.lang)}
            </a>
            {a.commune || a.district || a.province ? (
              <>
                {" · "}
                <Place a={a} lang={props.lang} street districtState={props.districtState} asOf />
              </>
            ) : null}
          </dd>
        </div>
        <div>
          <dt>{t.contact}</dt>
          <dd>
            {props.contact.contact ? (
              <PublicContact contact={props.contact.contact} on={props.contact.on} lang={props.lang} />
            ) : (
              t.noContact
            )}
          </dd>
        </div>
      </dl>
      <h3>{t.listings}</h3>
      {props.hasListings ? props.listings : <p class="muted">{t.noListings}</p>}
      <h3>{t.general}</h3>
      <ul class="trade-facts">
        {TRADE_FACTS.map((f) => (
          <li>
            {f[props.lang]} <SourceLink url={f.source} lang={props.lang} />
          </li>
        ))}
      </ul>
      <h3 id="enquire">{t.ask}</h3>
      {props.enquiry}
    </div>
  );
}

export const HOW_TO_GET_TITLE = { vi: T.vi.title, en: T.en.title };
