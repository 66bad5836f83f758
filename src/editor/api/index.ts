import { OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv } from "../../platform/env.ts";
import { invalidFields, invalidParams } from "../../platform/http/problem.ts";
import { issuesToParams } from "../../platform/http/validation.ts";
import { registerEnquiryRoutes } from "../enquiries/admin-api.ts";
import { registerSearchRoutes } from "../search/search.api.ts";
import { registerTableRoutes } from "../tables/tables.api.ts";
import * as handlers from "./admin.handlers.ts";
import * as routes from "./admin.routes.ts";
import * as records from "./records.routes.ts";

/**
 * The editors' API (/api/v1/admin): drafts, publishing, deletes, CSV import/export and the audit trail, for
 * editor tokens only (see src/editor/auth/auth.ts). Body validation failures are 422 naming each field; path, query
 * and header failures 400. Nothing here is cached.
 */
export const adminApi = new OpenAPIHono<AppEnv>({
  defaultHook: (result) => {
    if (result.success) return;
    const params = issuesToParams(result.error.issues, result.target);
    if (result.target === "json" || result.target === "form") {
      throw invalidFields(params);
    }
    throw invalidParams(params);
  },
});
adminApi.use("*", async (c, next) => {
  await next();
  c.header("cache-control", "no-store");
});
adminApi
  .openapi(records.getProduct, handlers.getProduct)
  .openapi(records.createProduct, handlers.createProduct)
  .openapi(records.updateProduct, handlers.updateProduct)
  .openapi(records.publishProduct, handlers.publishProduct)
  .openapi(records.deleteProduct, handlers.deleteProduct)
  .openapi(records.uploadProductPhoto, handlers.uploadProductPhoto)
  .openapi(records.getProducer, handlers.getProducer)
  .openapi(records.createProducer, handlers.createProducer)
  .openapi(records.updateProducer, handlers.updateProducer)
  .openapi(records.publishProducer, handlers.publishProducer)
  .openapi(records.uploadProducerPhoto, handlers.uploadProducerPhoto)
  .openapi(records.getRecognition, handlers.getRecognition)
  .openapi(records.createRecognition, handlers.createRecognition)
  .openapi(records.updateRecognition, handlers.updateRecognition)
  .openapi(records.deleteRecognition, handlers.deleteRecognition)
  .openapi(routes.importCatalogue, handlers.importCatalogue)
  .openapi(routes.exportCatalogue, handlers.exportCatalogue)
  .openapi(routes.listAuditEvents, handlers.listAuditEvents);
// Before the tables' routes, whose /{table} pattern would take /enquiries.
registerEnquiryRoutes(adminApi);
registerTableRoutes(adminApi);
registerSearchRoutes(adminApi);
