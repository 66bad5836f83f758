// The rest of the catalogue as the API answers it: producers, channels, kinds, recognitions and the programme.
import { z } from "@hono/zod-openapi";
import { QUALIFIERS } from "../../../domain/provenance.ts";
import { CHANNEL_KINDS, CNNT_LEVELS, SCHEMES } from "../../../domain/vocabulary.ts";
import { PageInfo, Producer, Provenance, Recognition, Tier } from "./common.ts";
import { Listing, ProductCard, SupportProject } from "./products.ts";

export const ProducerList = z
  .object({
    data: z.array(Producer.extend({ product_count: z.number().int(), tier: Tier })),
    page: PageInfo,
  })
  .openapi("ProducerList");

export const ProducerDetail = Producer.extend({
  products: z.array(ProductCard),
  recognitions: z.array(Recognition.extend({ product: z.object({ slug: z.string(), name: z.string() }) })),
  support_projects: z.array(SupportProject),
}).openapi("ProducerDetail");

export const Channel = z.object({
  slug: z.string(),
  name: z.string(),
  kind: z.enum(CHANNEL_KINDS),
  website: z.string().nullable(),
  description: z.string(),
  sources: z.array(z.string()),
  sample: z.boolean(),
  provenance: Provenance,
});

export const ChannelList = z
  .object({
    data: z.array(
      Channel.extend({
        listing_count: z.number().int().openapi({
          description:
            "Listings of this channel returned by the same query (illustrative ones only with `include`)",
        }),
        illustrative_listing_count: z
          .number()
          .int()
          .openapi({ description: "How many of `listing_count` are illustrative" }),
      }),
    ),
    page: PageInfo,
  })
  .openapi("ChannelList");

export const ChannelDetail = Channel.extend({
  listings: z.array(Listing.extend({ product: ProductCard })),
}).openapi("ChannelDetail");

export const Kind = z.object({
  slug: z.string(),
  name: z.string(),
  name_vi: z.string(),
  name_en: z.string(),
  representative: z.boolean().openapi({
    description:
      "One of the five products the programme article names as the province's representative products (miến dong, khẩu sli, chè giảo cổ lam, lạp sườn, trúc mỹ nghệ)",
  }),
  facts: z
    .array(z.object({ text: z.string(), sources: z.array(z.string()) }))
    .openapi({ description: "What the sources say about the kind, one statement each, with its sources" }),
  sources: z.array(z.string()).openapi({ description: "Every source of `facts`" }),
  provenance: Provenance,
});

export const KindList = z
  .object({
    data: z.array(
      Kind.extend({
        product_count: z.number().int().openapi({
          description:
            "Products of this kind returned by the same query (illustrative ones only with `include`); 0 when no producer of it is recorded",
        }),
        illustrative_product_count: z
          .number()
          .int()
          .openapi({ description: "How many of `product_count` are illustrative" }),
      }),
    ),
  })
  .openapi("KindList");

export const KindDetail = Kind.extend({
  products: z.array(ProductCard).openapi({
    description:
      "The catalogue's products of this kind, real ones first, best tier first; empty when no producer of it is recorded yet",
  }),
}).openapi("KindDetail");

export const RecognitionList = z
  .object({
    data: z.array(
      Recognition.extend({
        product: z.object({ slug: z.string(), name: z.string() }),
        producer: z.object({ slug: z.string(), name: z.string() }),
      }),
    ),
    page: PageInfo,
  })
  .openapi("RecognitionList");

/** One recognition of the list, as `data[]` has it (and `GET /recognitions/{id}`). */
export const RecognitionItem = RecognitionList.shape.data.element.openapi("RecognitionItem");

export const Programme = z
  .object({
    period: z.string(),
    figures: z.array(
      z.object({
        key: z.string(),
        group: z.string(),
        label: z.string(),
        value: z.number(),
        unit: z.enum(["projects", "vnd", "facilities", "products"]),
        fund: z.enum(["national", "local", "total"]).nullable(),
        qualifier: z.enum(QUALIFIERS).nullable().openapi({
          description:
            "The source's hedge on `value`: more_than (“hơn”), nearly (“gần”), about (“khoảng”); null when the source gives it as exact",
        }),
        period: z.string(),
        source_url: z.string(),
      }),
    ),
    support_projects: z.array(
      SupportProject.extend({ producer: z.object({ slug: z.string(), name: z.string() }).nullable() }),
    ),
    catalogue_recognitions: z.array(
      z.object({
        scheme: z.enum(SCHEMES),
        level: z.enum(CNNT_LEVELS).nullable(),
        stars: z.number().int().nullable(),
        count: z.number().int(),
        illustrative: z.number().int().openapi({ description: "How many of `count` are illustrative" }),
      }),
    ),
    catalogue_holds: z
      .object({
        ocop: z.object({
          total: z.number().int(),
          stars_3: z.number().int(),
          stars_4: z.number().int(),
          stars_5: z.number().int(),
          stars_not_stated: z.number().int().openapi({
            description:
              "OCOP-certified products whose sources give no star count (never counted as any star)",
          }),
        }),
        cnnt: z.object({
          provincial: z.number().int(),
          regional: z.number().int(),
          national: z.number().int(),
        }),
      })
      .openapi({
        description:
          "Real (not illustrative) products this catalogue holds, to set beside the province's reported figures (`province_*` keys): OCOP products by their highest stars, CNNT-TB products by each level they hold",
      }),
  })
  .openapi("Programme");
