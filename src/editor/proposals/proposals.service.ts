import { Invalid, NotFound } from "../../domain/errors.ts";
/**
 * A producer's account proposes changes to its own record and products (issue 24): the contact it wants public, its
 * description, the packs and prices it states itself, photos. A proposal is a draft written through the editors'
 * own machinery (`updateDraft`, `savePhoto`): it waits in the editors' review queue with the account in its audit
 * trail, an editor reviews and publishes it, and the published record names the producer as a source with the date
 * (`producer_stated_on`: "sourced: the producer, <date>"). Another producer's record is a 404, as if it did not
 * exist.
 */

import { sql } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import { toStatement } from "../../platform/db/client.ts";
import { producers, products } from "../../platform/db/schema.ts";
import type { CountedD1 } from "../../platform/env.ts";
import type { EditorCall } from "../auth/auth.ts";
import { notFound, savePhoto, updateDraft } from "../records/records.service.ts";
import {
  type RecordState,
  readState,
  stateFromResults,
  stateStatements,
  workingCopy,
} from "../records/store.ts";
import type { ProducerRecord, ProductRecord } from "../schemas.ts";

/** Today's date as a proposal records it (UTC). */
export const statedToday = () => new Date().toISOString().slice(0, 10);

/** The most packs a proposal states (the record holds up to 20). */
export const MAX_PACKS = 8;

export interface ProducerProposal {
  public_contact: string;
  description_vi: string;
  description_en: string;
}

export interface ProductProposal {
  description_vi: string;
  description_en: string;
  /** The packs the producer sells, one a line (see {@link packsOf}). */
  packaging: string;
}

/** The producer record of the signed-in producer's account (a 404 for any other account). */
function ownSlug(call: EditorCall): string {
  const e = call.editor;
  if (e.role !== "producer" || !e.producerSlug) throw new NotFound("No producer record for this account");
  return e.producerSlug;
}

/** Whether a record (the producer itself, or a product's working copy) is the account's own. */
const ownedBy = (entity: "producer" | "product", mine: string) => (current: Record<string, unknown>) =>
  entity === "producer" ? current.slug === mine : current.producer === mine;

/**
 * Field states without the fields the producer now states itself: what it says is sourced (by the producer),
 * no longer illustrative or inferred.
 */
function statedNow(current: Record<string, unknown>, fields: string[]) {
  const states = (current.field_provenance ?? {}) as Record<string, string>;
  return Object.fromEntries(Object.entries(states).filter(([f]) => !fields.includes(f)));
}

/** One of the signed-in producer's products as editors see it; another producer's is a 404. */
export async function ownProductState(call: EditorCall, slug: string): Promise<RecordState<ProductRecord>> {
  const mine = ownSlug(call);
  const s = await readState(call.d1, "product", slug);
  const current = workingCopy(s);
  if (!current || current.producer !== mine) throw notFound("product", slug);
  return s;
}

const p = alias(products, "p");
const pr = alias(producers, "pr");

/** A producer's own record (live and draft) and its products, in one round trip. */
export async function ownProfile(d1: CountedD1, producerSlug: string) {
  const results = await d1.batch<Record<string, unknown>>([
    ...stateStatements(d1, "producer", producerSlug),
    toStatement(
      d1,
      sql`SELECT ${p.slug}, ${p.nameVi}, ${p.nameEn} FROM ${products} ${p} JOIN ${producers} ${pr} ON ${pr.id} = ${p.producerId}
           WHERE ${pr.slug} = ${producerSlug} ORDER BY ${p.sortVi}`,
    ),
  ]);
  const state = stateFromResults(
    "producer",
    producerSlug,
    results.slice(0, 2),
  ) as RecordState<ProducerRecord>;
  const own = (results[2]?.results ?? []) as { slug: string; name_vi: string; name_en: string }[];
  return { state, products: own };
}

/** Proposes the producer's public contact and description (a draft of its record). */
export async function proposeProducer(call: EditorCall, input: ProducerProposal, ifMatch: string) {
  const slug = ownSlug(call);
  return updateDraft(
    call,
    "producer",
    slug,
    (current) => ({
      public_contact: input.public_contact.trim() || null,
      description_vi: input.description_vi,
      description_en: input.description_en,
      producer_stated_on: statedToday(),
      field_provenance: statedNow(current, ["description"]),
    }),
    ifMatch,
    undefined,
    ownedBy("producer", slug),
  );
}

/** Why a line of packs was refused (translated by the pages' field errors). */
export const PACK_LINE =
  "each line: a label; a net weight in grams; a price in đồng (whole numbers, either may be left out)";

/**
 * The packs a form states, one a line — "Gói 500 g; 500; 45000" — with its price when the producer states one
 * (thousands separators allowed). A line that does not read is reported under `packaging`.
 */
export function packsOf(text: string) {
  const errors: { name: string; reason: string }[] = [];
  const number = (v: string | undefined) => {
    const digits = (v ?? "").replace(/[.,\s]/g, "").replace(/(g|đ|₫|vnd)$/i, "");
    return digits === "" ? null : /^\d{1,10}$/.test(digits) ? Number(digits) : Number.NaN;
  };
  const lines = text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);
  const packs = lines.flatMap((line) => {
    const [label = "", weight, price, ...rest] = line.split(";").map((x) => x.trim());
    const net_weight_g = number(weight);
    const price_vnd = number(price);
    if (!label || rest.length || Number.isNaN(net_weight_g) || Number.isNaN(price_vnd)) {
      errors.push({ name: "packaging", reason: PACK_LINE });
      return [];
    }
    return [{ label, net_weight_g, price_vnd, sample: false }];
  });
  if (packs.length > MAX_PACKS) errors.push({ name: "packaging", reason: `at most ${MAX_PACKS} packs` });
  return { packs, errors };
}

/** Proposes a product's description and the packs and prices the producer states (a draft of the product). */
export async function proposeProduct(
  call: EditorCall,
  slug: string,
  input: ProductProposal,
  ifMatch: string,
) {
  const mine = ownSlug(call);
  const { packs, errors } = packsOf(input.packaging);
  if (errors.length) throw new Invalid(errors);
  return updateDraft(
    call,
    "product",
    slug,
    (current) => ({
      description_vi: input.description_vi,
      description_en: input.description_en,
      // A pack stated again under the same label keeps the English name an editor gave it.
      packaging: packs.map((k) => ({
        ...k,
        label_en:
          ((current.packaging ?? []) as ProductRecord["packaging"]).find((c) => c.label === k.label)
            ?.label_en ?? null,
      })),
      producer_stated_on: statedToday(),
      field_provenance: statedNow(current, ["description", "packaging"]),
    }),
    ifMatch,
    undefined,
    ownedBy("product", mine),
  );
}

/** Proposes a photo of the producer or one of its products (stored, then put in the record's draft). */
export async function proposePhoto(
  call: EditorCall,
  entity: "product" | "producer",
  slug: string,
  photo: { file: File; alt_vi: string; alt_en: string },
  ifMatch: string,
) {
  const mine = ownSlug(call);
  await savePhoto(call, slug, photo.file, photo.alt_vi, photo.alt_en, ifMatch, entity, {
    mayChange: ownedBy(entity, mine),
    patch: { producer_stated_on: statedToday() },
  });
}
