// Provenance as editors set it: what keeps a record from going public, the editor's field names as the public
// API's, and how a record's provenance is made whole from the release-1 flags (and a flags-only patch applied).
import { type Provenance, weakest } from "../../domain/provenance.ts";

/** Reasons a record may not go public yet (empty when it may). */
export function publishProblems(
  entity: "product" | "producer",
  r: { sources: string[] },
): { name: string; reason: string }[] {
  return r.sources.some((s) => s.startsWith("https://"))
    ? []
    : [{ name: "sources", reason: `a ${entity} needs at least one https source before it is published` }];
}

/** Editor field names to the names `field_provenance` uses (the public API's: one `description` for both languages). */
const PROVENANCE_FIELD: Record<string, string> = {
  description_vi: "description",
  description_en: "description",
  name_vi: "name",
  name_en: "name",
  category_vi: "category",
  category_en: "category",
  title_vi: "title",
  title_en: "title",
  note_vi: "note",
  note_en: "note",
};
export const provenanceField = (f: string) => PROVENANCE_FIELD[f] ?? f;

type Marks = {
  sample: boolean;
  sample_fields?: string[];
  provenance?: Provenance | undefined;
  field_provenance?: Record<string, "inferred" | "illustrative"> | undefined;
  packaging?: { sample: boolean }[];
};
export type Settled<T> = T & {
  provenance: Provenance;
  field_provenance: Record<string, "inferred" | "illustrative">;
};

/**
 * Makes a record's provenance whole and consistent: `provenance`/`field_provenance` (issue 10's states) when
 * given, else derived from the release-1 flags (`sample` = illustrative record, `sample_fields` = illustrative
 * fields); an illustrative pack makes `packaging` illustrative. The
 * release-1 flags are then rewritten from the result, so old readers and migration 0012's bridge agree with it.
 *
 * @example settleProvenance({ sample: false, sample_fields: ["description_vi"] })
 * // { sample: false, sample_fields: ["description"], provenance: "sourced", field_provenance: { description: "illustrative" } }
 */
export function settleProvenance<T extends Marks>(r: T): Settled<T> {
  const record: Provenance = r.provenance ?? (r.sample ? "illustrative" : "sourced");
  const given: Record<string, Provenance> = {};
  const add = (f: string, st: Provenance) => {
    const k = provenanceField(f);
    given[k] = weakest(given[k], st);
  };
  if (r.field_provenance) for (const [f, st] of Object.entries(r.field_provenance)) add(f, st);
  else for (const f of r.sample_fields ?? []) add(f, "illustrative");
  if (r.packaging?.some((p) => p.sample)) add("packaging", "illustrative");
  // Kept even when the record is as weak (an illustrative record's inferred field stays inferred when an editor
  // makes the record real again); outputs take the weaker of the two.
  const fields = Object.fromEntries(Object.entries(given).filter(([, st]) => st !== "sourced")) as Record<
    string,
    "inferred" | "illustrative"
  >;
  return {
    ...r,
    sample: record === "illustrative",
    ...("sample_fields" in r || r.sample_fields ? { sample_fields: Object.keys(fields) } : {}),
    provenance: record,
    field_provenance: fields,
  };
}

/**
 * A patch that sets only the release-1 flags (the editor pages' "illustrative" box, an old script) changes the
 * provenance they stand for: the record's state follows `sample` (an inferred record stays inferred unless made
 * illustrative), and each field in `sample_fields` keeps its current state or becomes illustrative.
 */
export function applyLegacyFlags(current: Record<string, unknown>, patch: Record<string, unknown>) {
  const merged: Record<string, unknown> = { ...current, ...patch };
  if ("sample" in patch && !("provenance" in patch)) {
    const was = current.provenance as Provenance | undefined;
    merged.provenance = patch.sample ? "illustrative" : was === "inferred" ? "inferred" : "sourced";
  }
  if ("sample_fields" in patch && !("field_provenance" in patch)) {
    const was = (current.field_provenance ?? {}) as Record<string, "inferred" | "illustrative">;
    merged.field_provenance = Object.fromEntries(
      ((patch.sample_fields as string[]) ?? []).map((f) => [
        provenanceField(f),
        was[provenanceField(f)] ?? "illustrative",
      ]),
    );
  }
  return merged;
}
