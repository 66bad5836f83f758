// The catalogue's group of the route manifest (src/routes.ts): what shoppers and integrators read — the public API
// and the shoppers' pages. Always loaded: every request that no other group claims is the catalogue's.
import type { RouteGroup } from "../platform/http/route-group.ts";
import type { EnquiryEmbed } from "../ui/enquiry-embed.ts";
import { channelsApi } from "./channels/index.ts";
import { kindsApi } from "./kinds/index.ts";
// After the API: in the bundle, the pages' modules then follow the API's, as they did before the manifest.
import { cataloguePages } from "./pages.tsx";
import { producersApi } from "./producers/index.ts";
import { productsApi } from "./products/index.ts";
import { programmeApi } from "./programme/index.ts";
import { recognitionsApi } from "./recognitions/index.ts";

/**
 * This group of the route manifest: the API routers in the OpenAPI document's order, then the pages, which embed
 * the enquiry that the manifest hands over (src/ui/enquiry-embed.ts).
 */
export const catalogueGroup = (enquiry: EnquiryEmbed): RouteGroup => ({
  api: [productsApi, producersApi, channelsApi, recognitionsApi, programmeApi, kindsApi].map((routes) => ({
    routes,
  })),
  pages: cataloguePages(enquiry),
});
