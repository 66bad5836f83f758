// Buyers' enquiries' group of the route manifest (src/routes.ts): POST /api/v1/enquiries. Public, always loaded:
// its form and thank-you pages are the catalogue's (src/catalogue/pages.tsx), the centre's inbox the editors'.
import type { RouteGroup } from "../platform/http/route-group.ts";
import { enquiriesApi } from "./api.ts";

/** This group of the route manifest. */
export const group: RouteGroup = { api: [{ routes: enquiriesApi }] };
