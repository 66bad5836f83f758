// Buyers' enquiries' group of the route manifest (src/routes.ts): POST /api/v1/enquiries. Public, always loaded. Its
// form and the form's pages are shown among the catalogue's pages, handed over by the manifest (embed.tsx); the
// centre's inbox is the editors' (src/editor/enquiries/).
import type { RouteGroup } from "../platform/http/route-group.ts";
import { enquiriesApi } from "./api.ts";

export { enquiryEmbed } from "./embed.tsx";

/** This group of the route manifest. */
export const group: RouteGroup = { api: [{ routes: enquiriesApi }] };
