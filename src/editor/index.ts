// The editors' group of the route manifest (src/routes.ts): their API (/api/v1/admin) and pages (/quan-tri,
// /en/admin). The Worker loads this module only for an editor path, so the code only editors use — their pages, API
// contracts, CSV import, photo upload, sign-in — is a chunk of its own: shoppers' and retailers' requests never load
// or run it, and the bundle budget measures it apart (scripts/budget.ts).
import type { RouteGroup } from "../platform/http/route-group.ts";
import { adminApi } from "./api/index.ts";
import { editorPages } from "./pages.tsx";

/** This group of the route manifest. */
export const group: RouteGroup = {
  api: [{ at: "/admin", routes: adminApi }],
  pages: editorPages,
};
