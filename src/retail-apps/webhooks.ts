// The public app plus a channel's webhook endpoints (/api/v1/channels/{channel}/webhooks…). The Worker imports this module only for those paths (src/index.ts): a chunk of its own,
// so no other request loads these routes (scripts/budget.ts measures the largest request, each such chunk included).

import { createApp } from "../app.ts";
import { webhooksApi } from "../retail/webhooks/index.ts";

/** The app serving these paths: the public app with these routes. */
export const app = createApp(undefined, { webhooks: webhooksApi });
