// The record forms: the fields of a product, a producer and a recognition, and the conversions between a posted
// form and the record the services take (and back, to fill a form from a record).
import { CNNT_LEVELS, LEGAL_TYPES, PRODUCT_GROUPS, SCHEMES } from "../../domain/vocabulary.ts";
import { list, packaging, packagingCell } from "../import/import.ts";
import {
  NOT_STATED,
  NOT_STATED_WORDS,
  type ProducerRecord as Producer,
  type ProductRecord as Product,
} from "../schemas.ts";
import { Area, Check, type Errors, lines, Select, str, Text, type Values } from "../ui/form.tsx";
import type { AdminLang } from "../ui/strings.ts";

// ——— conversions between forms and records ———
export function productFromForm(f: Record<string, unknown>) {
  return {
    slug: str(f.slug).trim(),
    producer: str(f.producer).trim(),
    name_vi: str(f.name_vi),
    name_en: str(f.name_en),
    product_group: str(f.product_group),
    category_vi: str(f.category_vi),
    category_en: str(f.category_en),
    description_vi: str(f.description_vi),
    description_en: str(f.description_en),
    packaging: packaging(lines(str(f.packaging)).join(" | ")),
    sources: lines(str(f.sources)),
    sample: f.sample === "on",
    sample_fields: list(str(f.sample_fields)),
  };
}
export const productValues = (p: Product): Values => ({
  slug: p.slug,
  producer: p.producer,
  name_vi: p.name_vi,
  name_en: p.name_en,
  product_group: p.product_group,
  category_vi: p.category_vi,
  category_en: p.category_en,
  description_vi: p.description_vi,
  description_en: p.description_en,
  packaging: packagingCell(p.packaging).split(" | ").join("\n"),
  sources: p.sources.join("\n"),
  sample: p.sample ? "on" : "",
  sample_fields: p.sample_fields.join(" "),
});
export function producerFromForm(f: Record<string, unknown>) {
  const year = str(f.founded_year).trim();
  return {
    slug: str(f.slug).trim(),
    name: str(f.name),
    legal_type: str(f.legal_type),
    street: str(f.street) || null,
    commune: str(f.commune) || null,
    district: str(f.district) || null,
    founded_year: year ? (/^\d+$/.test(year) ? Number(year) : year) : null,
    representative: str(f.representative) || null,
    description_vi: str(f.description_vi),
    description_en: str(f.description_en),
    sources: lines(str(f.sources)),
    sample: f.sample === "on",
    sample_fields: list(str(f.sample_fields)),
  };
}
export const producerValues = (p: Producer): Values => ({
  slug: p.slug,
  name: p.name,
  legal_type: p.legal_type,
  street: p.street ?? "",
  commune: p.commune ?? "",
  district: p.district ?? "",
  founded_year: p.founded_year ? String(p.founded_year) : "",
  representative: p.representative ?? "",
  description_vi: p.description_vi,
  description_en: p.description_en,
  sources: p.sources.join("\n"),
  sample: p.sample ? "on" : "",
  sample_fields: p.sample_fields.join(" "),
});
export function recognitionFromForm(f: Record<string, unknown>, product: string) {
  // Stars and year may be "not stated" (chưa rõ, not_stated…) when the source does not give them.
  const n = (v: unknown) =>
    str(v).trim() === ""
      ? null
      : /^\d+$/.test(str(v).trim())
        ? Number(str(v).trim())
        : NOT_STATED_WORDS.test(str(v).trim())
          ? NOT_STATED
          : str(v);
  return {
    product,
    scheme: str(f.scheme),
    level: str(f.level) || null,
    stars: n(f.stars),
    year: n(f.year),
    title_vi: str(f.title_vi),
    title_en: str(f.title_en),
    decision_number: str(f.decision_number) || null,
    issuer: str(f.issuer) || null,
    source_url: str(f.source_url).trim(),
  };
}

// ——— forms ———
export function ProductFields(p: {
  lang: AdminLang;
  values: Values;
  errors: Errors;
  producers: string[];
  isNew: boolean;
}) {
  const common = { lang: p.lang, values: p.values, errors: p.errors };
  return (
    <>
      {p.isNew ? <Text name="slug" {...common} required /> : null}
      <Select name="producer" {...common} options={p.producers} empty />
      <Text name="name_vi" {...common} required />
      <Text name="name_en" {...common} required />
      <Select name="product_group" {...common} options={PRODUCT_GROUPS} />
      <Text name="category_vi" {...common} required />
      <Text name="category_en" {...common} required />
      <Area name="description_vi" {...common} />
      <Area name="description_en" {...common} />
      <Area name="packaging" {...common} rows={3} />
      <Area name="sources" {...common} rows={3} />
      <Check name="sample" lang={p.lang} values={p.values} />
      <Text name="sample_fields" {...common} />
    </>
  );
}
export function ProducerFields(p: { lang: AdminLang; values: Values; errors: Errors; isNew: boolean }) {
  const common = { lang: p.lang, values: p.values, errors: p.errors };
  return (
    <>
      {p.isNew ? <Text name="slug" {...common} required /> : null}
      <Text name="name" {...common} required />
      <Select name="legal_type" {...common} options={LEGAL_TYPES} />
      <Text name="street" {...common} />
      <Text name="commune" {...common} />
      <Text name="district" {...common} />
      <Text name="founded_year" {...common} />
      <Text name="representative" {...common} />
      <Area name="description_vi" {...common} />
      <Area name="description_en" {...common} />
      <Area name="sources" {...common} rows={3} />
      <Check name="sample" lang={p.lang} values={p.values} />
      <Text name="sample_fields" {...common} />
    </>
  );
}
export function RecognitionFields(p: { lang: AdminLang; values: Values; errors: Errors }) {
  const common = { lang: p.lang, values: p.values, errors: p.errors };
  return (
    <>
      <Select name="scheme" {...common} options={SCHEMES} />
      <Select name="level" {...common} options={CNNT_LEVELS} empty />
      <Text name="stars" {...common} />
      <Text name="year" {...common} />
      <Text name="title_vi" {...common} />
      <Text name="title_en" {...common} />
      <Text name="decision_number" {...common} />
      <Text name="issuer" {...common} />
      <Text name="source_url" {...common} type="url" />
    </>
  );
}
