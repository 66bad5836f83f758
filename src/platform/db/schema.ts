// The drizzle schema, by area (./schema/*.ts, which drizzle-kit reads: drizzle.config.ts): every table the Worker
// hands drizzle, and the vocabularies the tables' columns take. The derived facet tables live apart
// (schema-derived.ts: the Worker does not carry them). How to add a migration: docs/architecture.md, "Migrations".
export * from "./schema/catalogue.ts";
export * from "./schema/editors.ts";
export * from "./schema/enquiries.ts";
export * from "./schema/retail.ts";
export * from "./schema/search.ts";
