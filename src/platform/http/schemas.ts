// The API's contract schemas (zod, with their OpenAPI descriptions), by what they describe. Route contracts,
// handlers and the pages import them from here.
export * from "./schemas/catalogue.ts";
export * from "./schemas/common.ts";
export * from "./schemas/params.ts";
export * from "./schemas/problems.ts";
export * from "./schemas/products.ts";
