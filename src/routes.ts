// The route manifest: every group of routes the Worker serves, who it is for, the paths it answers and how it is
// loaded. The Worker (src/index.ts) picks a request's group by these prefixes and loads it on first use, each a
// chunk of its own in the deployed Worker (scripts/build.ts), so that shoppers' requests load none of them and each
// request at most one; the OpenAPI document (src/openapi/document.ts) is built from all of them, in this order.
// Adding a group of routes: its folder, exporting a `group` (a RouteGroup), and one line here.
import { catalogueGroup } from "./catalogue/index.ts";
import { group as enquiries, enquiryEmbed } from "./enquiries/index.ts";
import type { RouteGroup } from "./platform/http/route-group.ts";

/**
 * A real product's or producer's page embeds the enquiry form, and the form's pages answer among the catalogue's:
 * handed over here, so that neither feature imports the other.
 */
const catalogue = catalogueGroup(enquiryEmbed);

/** One line of the manifest. */
export interface RouteEntry {
  /** Who calls it: shoppers and integrators (`public`, always loaded), retail chains, the province's editors. */
  audience: "public" | "retail" | "editor";
  /**
   * The paths it answers, as prefixes (`:name` stands for one path segment), matched on the decoded path as Hono's
   * router sees it. The public group answers every path no other group claims, so it names none.
   */
  prefixes: readonly string[];
  /** Its routes; a literal import() each, so that the build makes each group a chunk of its own. */
  load: () => Promise<RouteGroup>;
}

export const ROUTES: readonly RouteEntry[] = [
  { audience: "public", prefixes: [], load: async () => catalogue },
  { audience: "public", prefixes: [], load: async () => enquiries },
  {
    audience: "retail",
    prefixes: ["/api/v1/channels/:channel/listings"],
    load: async () => (await import("./retail/listings/index.ts")).group,
  },
  {
    audience: "retail",
    prefixes: ["/api/v1/changes"],
    load: async () => (await import("./retail/changes/index.ts")).group,
  },
  {
    audience: "retail",
    prefixes: ["/api/v1/feeds"],
    load: async () => (await import("./retail/feeds/index.ts")).group,
  },
  {
    audience: "retail",
    prefixes: ["/api/v1/channels/:channel/webhooks"],
    load: async () => (await import("./retail/webhooks/index.ts")).group,
  },
  {
    audience: "editor",
    prefixes: ["/api/v1/admin", "/quan-tri", "/en/admin"],
    load: async () => (await import("./editor/index.ts")).group,
  },
];

/**
 * Whether a path is one of an entry's prefixes or below it: `/api/v1/feeds` matches `/api/v1/feeds` and
 * `/api/v1/feeds/products.csv`, not `/api/v1/feedsx`.
 */
export function claims(entry: RouteEntry, path: string): boolean {
  return entry.prefixes.some((prefix) => {
    const p = prefix.split("/");
    const s = path.split("/");
    return p.length <= s.length && p.every((part, i) => (part.startsWith(":") ? s[i] !== "" : part === s[i]));
  });
}
