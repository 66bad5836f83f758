// The public app plus the change feed (/api/v1/changes): what integrators poll to stay in sync. The Worker imports
// this module only for that path (src/index.ts): a chunk of its own, so shoppers' requests do not load it
// (scripts/budget.ts measures the largest request, each such chunk included).

import { createApp } from "../app.ts";
import { changesApi } from "../retail/changes/index.ts";

/** The app serving this path: the public app with the change feed. */
export const app = createApp(undefined, { changes: changesApi });
