/**
 * Provenance: how the catalogue knows a value. Every record has a state, and any of its fields may have a weaker
 * one (`field_provenance`). A field's state is the weaker of its record's and its own; a value derived from others
 * (the lowest price, a count, the channels a product is "sold at") takes the weakest state of what it comes from.
 *
 * - `sourced`: a cited source states it.
 * - `inferred`: reasoned from sources but not stated by them (e.g. the year of a vote the source does not date).
 * - `illustrative`: made up to show what the catalogue can hold (a price, a pack size, which store stocks it).
 *
 * Outputs for machines and search engines leave illustrative values out unless asked, and mark every value that
 * is not `sourced` where it appears (README, "Honest data").
 */
export const PROVENANCE = ["sourced", "inferred", "illustrative"] as const;
export type Provenance = (typeof PROVENANCE)[number];

/** The states of a record's fields that are weaker than `sourced`, keyed by the field's API name. */
export type FieldProvenance = Partial<Record<string, Provenance>>;

const RANK: Record<Provenance, number> = { sourced: 0, inferred: 1, illustrative: 2 };

/**
 * The weakest of some states (`sourced` when none is given).
 * @example weakest("sourced", "inferred") // "inferred"
 */
export function weakest(...states: (Provenance | null | undefined)[]): Provenance {
  let out: Provenance = "sourced";
  for (const s of states) if (s && RANK[s] > RANK[out]) out = s;
  return out;
}

/** Reads a state from the database, treating anything unknown as the weakest (never promote bad data to fact). */
export function asProvenance(v: unknown): Provenance {
  return v === "sourced" || v === "inferred" || v === "illustrative" ? v : "illustrative";
}

/** Parses a `field_provenance` column (JSON object); malformed text makes no field weaker than its record. */
export function parseFieldProvenance(v: unknown): FieldProvenance {
  let obj: unknown = v;
  if (typeof v === "string") {
    try {
      obj = JSON.parse(v);
    } catch {
      return {};
    }
  }
  if (!obj || typeof obj !== "object" || Array.isArray(obj)) return {};
  const out: FieldProvenance = {};
  for (const [k, s] of Object.entries(obj)) out[k] = asProvenance(s);
  return out;
}

/** The state of one field of a record. */
export function fieldState(record: Provenance, fields: FieldProvenance, field: string): Provenance {
  return weakest(record, fields[field]);
}

/** True when a state is `illustrative`. */
export const isIllustrative = (s: Provenance) => s === "illustrative";

/**
 * The `provenance` property every API record carries: the record's state and each field that is weaker than
 * `sourced` (fields not named are sourced). Only fields actually present in the output are named.
 */
export interface ProvenanceOut {
  record: Provenance;
  fields: Record<string, Provenance>;
}

/**
 * Builds the `provenance` property of an output record from its record state and per-field states, naming only
 * fields weaker than `sourced`; a field whose state equals the record's is still named, so a reader can look up
 * any field without knowing the rule.
 */
export function provenanceOut(
  record: Provenance,
  fields: Record<string, Provenance | undefined>,
): ProvenanceOut {
  const out: Record<string, Provenance> = {};
  for (const [k, s] of Object.entries(fields)) {
    const state = weakest(record, s);
    if (state !== "sourced") out[k] = state;
  }
  return { record, fields: out };
}

/** How a reported figure is hedged by its source ("hơn", "gần", "khoảng"). */
export const QUALIFIERS = ["more_than", "nearly", "about"] as const;
export type Qualifier = (typeof QUALIFIERS)[number];

/** The `provenance` property of an output record, with the fields left out because they are illustrative. */
export interface ProvenanceMark extends ProvenanceOut {
  /** Fields whose illustrative value was left out (null or empty) because `include=illustrative` was not asked. */
  withheld?: string[];
}

const emptyOf = (v: unknown) => (Array.isArray(v) ? [] : null);

function setPath(obj: Record<string, unknown>, path: string, value: (old: unknown) => unknown): boolean {
  const keys = path.split(".");
  let o: Record<string, unknown> | undefined = obj;
  for (const k of keys.slice(0, -1)) {
    const next: unknown = o?.[k];
    o =
      next && typeof next === "object" && !Array.isArray(next)
        ? (next as Record<string, unknown>)
        : undefined;
  }
  const last = keys.at(-1) as string;
  if (!o || !(last in o)) return false;
  o[last] = value(o[last]);
  return true;
}

/**
 * Marks an output record with its provenance. Without `include`, every illustrative field of a record that is
 * not itself illustrative is emptied (null, or [] for lists) and named in `withheld`, so a consumer that ignores
 * the marks still receives no made-up value. `fields` maps output field paths ("price_vnd", "address.district")
 * to their own state; the record's state applies to every field.
 *
 * @example mark({ price_vnd: 1 }, "sourced", { price_vnd: "illustrative" }, false)
 * // { price_vnd: null, provenance: { record: "sourced", fields: {}, withheld: ["price_vnd"] } }
 */
export function mark<T extends Record<string, unknown>>(
  obj: T,
  record: Provenance,
  fields: Record<string, Provenance | undefined>,
  include: boolean,
): T & { provenance: ProvenanceMark } {
  const out = provenanceOut(record, fields) as ProvenanceMark;
  if (!include && record !== "illustrative") {
    const withheld: string[] = [];
    for (const [k, s] of Object.entries(out.fields)) {
      if (s !== "illustrative") continue;
      if (setPath(obj, k, emptyOf)) withheld.push(k);
      delete out.fields[k];
    }
    if (withheld.length) out.withheld = withheld;
  }
  return Object.assign(obj, { provenance: out });
}

/** The state of a product's packaging (sizes and prices) and of the lowest price derived from it. */
export function packagingState(fields: FieldProvenance, packaging: { sample?: boolean }[]): Provenance {
  return weakest(fields.packaging, ...packaging.map((v) => (v.sample ? "illustrative" : undefined)));
}

/**
 * What a detail read includes: illustrative parts too (`true`), real parts only (`false`), or — the pages, where
 * illustrative examples are behind a switch — a real record's real parts and all of an illustrative record (which
 * is reachable only from the switch, and tagged).
 */
export type IncludeAsked = boolean | "when-illustrative";

/** Whether a record's read includes its illustrative parts, given its own state. */
export const includeFor = (asked: IncludeAsked, record: string): boolean =>
  asked === "when-illustrative" ? record === "illustrative" : asked;
