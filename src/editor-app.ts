// The editor app: the public app plus the editors' API (/api/v1/admin) and pages (/quan-tri, /en/admin). The
// Worker imports this module only when a request's path is an editor path (src/index.ts), so the code only
// editors use — their pages, API contracts, CSV import, photo upload, sign-in — is a chunk of its own: shoppers'
// and retailers' requests never load or run it, and the bundle budget measures it apart (scripts/budget.ts).

import { createApp } from "./app.ts";
import { adminApi, EDITOR_TOKEN_SCHEME } from "./editor/api/index.ts";
import { editorPages } from "./editor/pages.tsx";

/** The editors' API as createApp and createApiV1 take it (src/api-whole.ts builds the document's API with it). */
export const admin = { routes: adminApi, securityScheme: EDITOR_TOKEN_SCHEME };

/** The app serving editor paths: the public app with the editors' routes. */
export const app = createApp({ api: admin, pages: editorPages });
