// What every output record carries or shares: provenance, the tier, pages and facet values, a producer and a
// recognition.
import { z } from "@hono/zod-openapi";
import { PROVENANCE } from "../../../domain/provenance.ts";
import { STANDINGS } from "../../../domain/ratings.ts";
import { CNNT_LEVELS, COUNT_CAP, LEGAL_TYPES, SCHEMES } from "../../../domain/vocabulary.ts";

/** How an output record's values are known; see the README, "Honest data". */
export const State = z.enum(PROVENANCE);

export const Provenance = z
  .object({
    record: State.openapi({ description: "How the record itself is known" }),
    fields: z.object({}).catchall(State).openapi({
      description: "Fields known less well than `sourced`, by name (paths like `address.district`)",
    }),
    withheld: z
      .array(z.string())
      .optional()
      .openapi({ description: "Illustrative fields emptied because `include=illustrative` was not given" }),
  })
  .openapi("Provenance", {
    description:
      "sourced: a cited source states it; inferred: reasoned from sources, not stated; illustrative: made up to show what the catalogue can hold. A field not named in `fields` has the record's state.",
  });

export const Tier = z.enum(CNNT_LEVELS).nullable();

export const CAP = COUNT_CAP.toLocaleString("en-GB");

/** Every collection pages the same way: follow `next_cursor` (as `cursor`) while `has_more`. */
export const PageInfo = z.object({
  limit: z.number().int(),
  total: z.number().int().openapi({ description: "Items in the whole collection (with these filters)" }),
  has_more: z.boolean().openapi({ description: "Whether another page follows (then `next_cursor` is set)" }),
  next_cursor: z.string().nullable().openapi({ description: "Pass as `cursor` for the next page" }),
});

export const FacetValue = z.object({
  value: z.string(),
  label: z.string(),
  count: z.number().int(),
  illustrative: z.number().int().openapi({ description: "How many of `count` are illustrative" }),
});

export const Producer = z
  .object({
    slug: z.string(),
    name: z.string(),
    legal_type: z.enum(LEGAL_TYPES),
    address: z.object({
      street: z.string().nullable(),
      commune: z.string().nullable(),
      district: z.string().nullable(),
      district_slug: z.string().nullable(),
      province: z.string(),
      as_of: z.enum(["before_2025_reform", "after_2025_reform"]).nullable().openapi({
        description:
          "Whether street and commune are as the source gave them before or after Vietnam's 1 July 2025 reform (null: not known). `district` is always the former district (huyện cũ), kept as a browsing area: districts were abolished by the reform.",
      }),
    }),
    founded_year: z.number().int().nullable(),
    representative: z.string().nullable(),
    description: z.string(),
    sources: z.array(z.string()),
    sample: z.boolean(),
    sample_fields: z.array(z.string()),
    provenance: Provenance,
  })
  .openapi("Producer");

export const Recognition = z
  .object({
    id: z.number().int(),
    scheme: z.enum(SCHEMES),
    level: z.enum(CNNT_LEVELS).nullable(),
    stars: z.number().int().nullable().openapi({
      description:
        "OCOP stars (3–5). Null on an OCOP recognition means its source names the product as OCOP without stating the stars; null for other schemes",
    }),
    year: z
      .number()
      .int()
      .nullable()
      .openapi({ description: "Year of the decision; null when the source does not state it" }),
    title: z.string(),
    decision_number: z.string().nullable(),
    issuer: z.string().nullable(),
    source_url: z.string(),
    verified: z.boolean(),
    sample: z.boolean(),
    note: z.string().nullable(),
    standing: z
      .object({
        status: z.enum(STANDINGS).openapi({
          description:
            "`within_validity`: an OCOP rating whose 36 months from its decision cannot have run out yet. `may_have_lapsed`: one whose 36 months may have run out (from 1 January of `lapses_from`; the day of the decision is not recorded) with no later OCOP rating of the product recorded. `renewed`: a later OCOP rating of the product is recorded (`renewed_in`). `year_not_stated`: an OCOP rating of unknown year, so whether it holds is unknown. `vote_of_its_year`: a CNNT-TB title, the result of that year's vote. `not_dated`: another recognition the catalogue does not date.",
        }),
        recognized_in: z
          .number()
          .int()
          .nullable()
          .openapi({ description: "The year of the decision (= `year`)" }),
        lapses_from: z.number().int().nullable().openapi({
          description: "OCOP: the year in which its 36 months run out (`year` + 3); null otherwise",
        }),
        renewed_in: z
          .number()
          .int()
          .nullable()
          .openapi({ description: "The year of the later OCOP rating, when renewed" }),
        text: z.string().openapi({
          description: "The standing in words, in `lang`: “Recognized in 2020. … it may have lapsed.”",
        }),
      })
      .openapi({
        description:
          "A recognition is a decision of its year, not a standing fact: an OCOP rating is valid for 36 months unless renewed. Read a rating as “recognized in 2020”, never as a current fact when `status` is `may_have_lapsed` or `year_not_stated`.",
      }),
    provenance: Provenance,
  })
  .openapi("Recognition");
