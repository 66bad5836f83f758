import { DOCUMENT_SERVERS } from "../app.ts";

/** What the OpenAPI document says about the API besides its routes. */
export const OPENAPI_CONFIG = {
  openapi: "3.1.0",
  info: {
    title: "Cao Bằng CNNT catalogue API",
    version: "1.0.0",
    // No licence has been granted yet: the operator decides (an SPDX id or a terms page belongs here then).
    license: { name: "Proprietary: no licence granted yet", identifier: "LicenseRef-Proprietary" },
    // The operators publish no address yet; integrators reach them through the site that serves this document.
    contact: { name: "The catalogue's operators, through the site that serves this document" },
    description:
      "Recognized rural-industry (CNNT) products of Cao Bằng province: products, producers, recognitions (CNNT-TB tiers, OCOP stars), retail channel listings and the khuyến công programme. Every record carries its source URLs and a `provenance` (sourced, inferred or illustrative, per record and per field). Illustrative records and values are left out unless `include=illustrative` is given; then each is marked. Errors are RFC 9457 `application/problem+json`. Successful GETs carry an ETag and honour `If-None-Match`.",
  },
  // The Worker serves the document with its own origin in place of the variable (src/app.ts): absolute.
  servers: DOCUMENT_SERVERS,
  tags: [
    { name: "Catalogue", description: "Products, producers and retail channels" },
    { name: "Recognition", description: "Recognitions and the khuyến công programme" },
    {
      name: "Retailers",
      description:
        "Retail chains keep their listings current (API key per channel) and mirror the catalogue (change feed, full feeds). Anonymous calls are rate-limited per address, keyed calls per key: 429 with Retry-After.",
    },
    {
      name: "Webhooks",
      description:
        "A channel's key registers https endpoints that receive the change feed as it happens, signed per Standard Webhooks, so a chain need not poll. Each delivery carries the feed entry and its cursor.",
    },
    {
      name: "Enquiries",
      description:
        "Buyers ask producers about real products through the province's trade-promotion centre. The enquirer's contact is never published (docs/enquiries.md).",
    },
    {
      name: "Editors",
      description:
        "The province's editors keep the catalogue: drafts, publishing, CSV import/export, photos and the audit trail (editor tokens only).",
    },
  ],
};

/** The security schemes the routes name: a retail channel's key, an editor's token. */
export const SECURITY_SCHEMES = {
  RetailerKey: {
    type: "http",
    scheme: "bearer",
    description:
      "A retail channel's API key (`cnnt_…`), made by an operator with `npm run key:create -- --channel <slug>`. It can write that channel's listings and manage its webhook endpoints, and nothing else.",
  },
  EditorToken: {
    type: "http",
    scheme: "bearer",
    description:
      "An editor's API token (`cnnted_…`), made by an operator with `npm run editor:token -- --email <email>`. It carries the editor's role (editor or publisher). Retailer keys are refused here (403), and editor tokens are refused on retailer routes.",
  },
} as const;
