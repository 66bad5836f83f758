import type { Provenance } from "../../domain/provenance.ts";
import { type Lang, strings } from "../i18n/index.ts";

/**
 * The shopper's mark for a value that is not sourced: "Minh họa / Illustrative" (made up to show what the
 * catalogue can hold) or "Suy luận / Inferred" (reasoned from sources, not stated). Nothing for a sourced value.
 */
export function StateTag(props: { state: Provenance | undefined; lang: Lang }) {
  const t = strings(props.lang);
  if (props.state === "illustrative")
    return (
      <span class="tag-sample" title={t.sampleTitle}>
        {t.sample}
      </span>
    );
  if (props.state === "inferred")
    return (
      <span class="tag-inferred" title={t.inferredTitle}>
        {t.inferred}
      </span>
    );
  return null;
}

/** A producer's address as the API gives it (`district` is the former district). */
interface Address {
  street?: string | null;
  commune: string | null;
  district: string | null;
  province: string;
  as_of: "before_2025_reform" | "after_2025_reform" | null;
}

/**
 * Where a producer is: street and commune as the source gave them, the former district named as such
 * ("Nguyên Bình (huyện cũ)"), the province, the district's mark when it is inferred or illustrative, and whether
 * the address is from before or after the 1 July 2025 reform (or that this is not known).
 */
export function Place(props: {
  a: Address;
  lang: Lang;
  street?: boolean;
  districtState?: Provenance;
  /** Also say whether the address is pre- or post-reform. */
  asOf?: boolean;
}) {
  const { a, lang } = props;
  const t = strings(lang);
  const district = a.district ? `${a.district} (${t.formerDistrict})` : null;
  // A post-reform commune or ward never sits under a district, which the reform abolished: the former district
  // follows the province, as the browsing area it now is ("Phường Thục Phán, Cao Bằng · huyện cũ: Thành phố Cao
  // Bằng"), not as part of the address.
  const after = a.as_of === "after_2025_reform";
  const parts = [props.street ? a.street : null, a.commune, after ? null : district, a.province].filter(
    Boolean,
  );
  const area = after && a.district ? ` · ${t.formerDistrict}: ${a.district}` : "";
  const era =
    a.as_of === "before_2025_reform"
      ? t.addressBefore
      : a.as_of === "after_2025_reform"
        ? t.addressAfter
        : null;
  return (
    <>
      {parts.join(", ")}
      {area}
      {props.districtState && props.districtState !== "sourced" ? (
        <>
          {" "}
          <StateTag state={props.districtState} lang={lang} />
        </>
      ) : null}
      {props.asOf ? <span class="fine address-era"> ({era ?? t.addressUnknown})</span> : null}
    </>
  );
}
