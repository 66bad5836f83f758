// The public app plus the full feeds (/api/v1/feeds/…): the whole catalogue as CSV and NDJSON. The Worker imports this module only for those paths (src/index.ts): a chunk of its own,
// so no other request loads these routes (scripts/budget.ts measures the largest request, each such chunk included).

import { createApp } from "../app.ts";
import { feedsApi } from "../retail/feeds/index.ts";

/** The app serving these paths: the public app with these routes. */
export const app = createApp(undefined, { feeds: feedsApi });
