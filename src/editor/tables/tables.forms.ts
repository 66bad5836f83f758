// The plain tables' forms: each entity's fields in order and their kind, and the conversions between a posted form
// and the record the schemas check (numbers as people type them, lines, stores) and back.
import { PROVENANCE, QUALIFIERS } from "../../domain/provenance.ts";
import { CHANNEL_KINDS, FUNDS, LISTING_STATUSES } from "../../domain/vocabulary.ts";
import { lines, str, type Values } from "../ui/form.tsx";
import type { PlainEntity } from "./tables.schemas.ts";

type Kind = "text" | "area" | "url" | "date" | "number" | "lines" | "stores" | "select";
interface FieldSpec {
  name: string;
  kind: Kind;
  options?: readonly string[];
  /** Select: an empty choice (null). */
  empty?: boolean;
  /** Only when creating (the record's key). */
  keyField?: boolean;
}

/** The form of each entity: field order and how a form value becomes a record value. */
export const FORMS: Record<PlainEntity, FieldSpec[]> = {
  channel: [
    { name: "slug", kind: "text", keyField: true },
    { name: "name", kind: "text" },
    { name: "kind", kind: "select", options: CHANNEL_KINDS },
    { name: "website", kind: "url" },
    { name: "description_vi", kind: "area" },
    { name: "description_en", kind: "area" },
    { name: "sources", kind: "lines" },
    { name: "provenance", kind: "select", options: PROVENANCE },
  ],
  listing: [
    { name: "channel", kind: "text", keyField: true },
    { name: "product", kind: "text", keyField: true },
    { name: "status", kind: "select", options: LISTING_STATUSES },
    { name: "price_vnd", kind: "number" },
    { name: "channel_sku", kind: "text" },
    { name: "url", kind: "url" },
    { name: "stores", kind: "stores" },
    { name: "note", kind: "area" },
    { name: "last_verified", kind: "date" },
    { name: "source_url", kind: "url" },
    { name: "provenance", kind: "select", options: PROVENANCE },
  ],
  support_project: [
    { name: "producer", kind: "text" },
    { name: "year", kind: "number" },
    { name: "fund", kind: "select", options: FUNDS },
    { name: "amount_vnd", kind: "number" },
    { name: "title_vi", kind: "text" },
    { name: "title_en", kind: "text" },
    { name: "kind", kind: "text" },
    { name: "source_url", kind: "url" },
    { name: "provenance", kind: "select", options: PROVENANCE },
  ],
  programme_figure: [
    { name: "key", kind: "text", keyField: true },
    { name: "group_key", kind: "text" },
    { name: "label_vi", kind: "text" },
    { name: "label_en", kind: "text" },
    { name: "value", kind: "number" },
    { name: "unit", kind: "select", options: ["projects", "vnd", "facilities", "products"] },
    { name: "fund", kind: "select", options: ["national", "local", "total"], empty: true },
    { name: "period", kind: "text" },
    { name: "qualifier", kind: "select", options: QUALIFIERS, empty: true },
    { name: "source_url", kind: "url" },
    { name: "provenance", kind: "select", options: PROVENANCE },
  ],
};

/** A number as people type it ("150.000.000" and "150 000 000" too); anything else is left for zod to refuse. */
const numberOf = (v: string): number | string => {
  const plain = v.replace(/[.,\s](?=\d{3}(?:\D|$))/g, "");
  return /^-?\d+(\.\d+)?$/.test(plain) ? Number(plain) : v;
};

/** A form post as the record the schemas check (numbers as numbers, empty optional values as null). */
export function recordFromForm(entity: PlainEntity, f: Record<string, unknown>, withKey: boolean) {
  const out: Record<string, unknown> = {};
  for (const spec of FORMS[entity]) {
    if (spec.keyField && !withKey) continue;
    const raw = str(f[spec.name]);
    const v = raw.trim();
    switch (spec.kind) {
      case "number":
        out[spec.name] = v === "" ? null : numberOf(v);
        break;
      case "url":
      case "date":
        out[spec.name] = v === "" ? null : v;
        break;
      case "select":
        out[spec.name] = v === "" && spec.empty ? null : v;
        break;
      case "lines":
        out[spec.name] = lines(raw);
        break;
      case "stores":
        out[spec.name] = lines(raw).map((l) => {
          const [name = "", city = "", province = ""] = l.split(";").map((x) => x.trim());
          return { name, city, province };
        });
        break;
      default:
        out[spec.name] = spec.name === "producer" && v === "" ? null : raw;
    }
  }
  return out;
}

/** A record as form values (the reverse of {@link recordFromForm}). */
export function valuesOf(entity: PlainEntity, r: Record<string, unknown>): Values {
  const out: Values = {};
  for (const spec of FORMS[entity]) {
    const v = r[spec.name];
    if (spec.kind === "lines") out[spec.name] = ((v as string[]) ?? []).join("\n");
    else if (spec.kind === "stores")
      out[spec.name] = ((v as { name: string; city: string; province: string }[]) ?? [])
        .map((s) => `${s.name}; ${s.city}; ${s.province}`)
        .join("\n");
    else out[spec.name] = v == null ? "" : String(v);
  }
  return out;
}
