// Every public route of the Worker, once each, with a real path from the seed: what shoppers, buyers and
// retailers can request without credentials. The smoke suite (test/browser/smoke.test.ts) requires each to answer
// from the built Worker under `wrangler dev`; `npm run budget` profiles the CPU each costs (scripts/budget.ts).
// Static files in public/ are not here: the Worker does not serve them.

export interface PublicRoute {
  /** The route as the router knows it. */
  route: string;
  /** A concrete path (and query) of it in the seeded catalogue. */
  path: string;
  /** The media type it answers with. */
  type: string;
}

const html = "text/html";
const json = "application/json";

export const PUBLIC_ROUTES: PublicRoute[] = [
  { route: "/", path: "/", type: html },
  { route: "/en", path: "/en", type: html },
  { route: "/san-pham", path: "/san-pham", type: html },
  { route: "/san-pham?q=&tier=", path: "/san-pham?q=mien%20dong&scheme=ocop", type: html },
  { route: "/en/products", path: "/en/products", type: html },
  { route: "/san-pham/:slug", path: "/san-pham/lap-suon-thit-hun-khoi-tam-hoa", type: html },
  { route: "/en/products/:slug", path: "/en/products/chieu-truc-688", type: html },
  { route: "/co-so", path: "/co-so", type: html },
  { route: "/co-so/:slug", path: "/co-so/htx-tam-hoa", type: html },
  { route: "/kenh-phan-phoi", path: "/kenh-phan-phoi", type: html },
  { route: "/kenh-phan-phoi/:slug", path: "/kenh-phan-phoi/aeon", type: html },
  { route: "/loai", path: "/loai", type: html },
  { route: "/loai/:slug", path: "/loai/mien-dong", type: html },
  { route: "/en/kinds/:slug", path: "/en/kinds/mien-dong", type: html },
  { route: "/cong-nhan", path: "/cong-nhan", type: html },
  { route: "/khuyen-cong", path: "/khuyen-cong", type: html },
  { route: "/sitemap.xml", path: "/sitemap.xml", type: "application/xml" },
  { route: "/robots.txt", path: "/robots.txt", type: "text/plain" },
  { route: "/api/docs", path: "/api/docs", type: html },
  { route: "/problems", path: "/problems", type: html },
  { route: "/problems/:type", path: "/problems/invalid-parameters", type: html },
  { route: "/api/v1/openapi.json", path: "/api/v1/openapi.json", type: json },
  { route: "/api/v1/products", path: "/api/v1/products", type: json },
  {
    route: "/api/v1/products?q=",
    path: "/api/v1/products?q=mien%20dong&tier=national,regional&lang=en",
    type: json,
  },
  { route: "/api/v1/products/{slug}", path: "/api/v1/products/chieu-truc-688", type: json },
  { route: "/api/v1/producers", path: "/api/v1/producers", type: json },
  { route: "/api/v1/producers/{slug}", path: "/api/v1/producers/htx-tam-hoa", type: json },
  { route: "/api/v1/recognitions", path: "/api/v1/recognitions", type: json },
  { route: "/api/v1/channels", path: "/api/v1/channels", type: json },
  { route: "/api/v1/channels/{slug}", path: "/api/v1/channels/aeon", type: json },
  { route: "/api/v1/programme", path: "/api/v1/programme", type: json },
  { route: "/api/v1/kinds", path: "/api/v1/kinds", type: json },
  { route: "/api/v1/kinds/{slug}", path: "/api/v1/kinds/mien-dong", type: json },
  {
    route: "/api/v1/channels/{channel}/listings/{product}",
    path: "/api/v1/channels/aeon/listings/bun-kho-cao-tuyen?include=illustrative",
    type: json,
  },
  { route: "/api/v1/changes", path: "/api/v1/changes?limit=100", type: json },
  { route: "/api/v1/feeds/products.csv", path: "/api/v1/feeds/products.csv", type: "text/csv" },
  {
    route: "/api/v1/feeds/products.ndjson",
    path: "/api/v1/feeds/products.ndjson",
    type: "application/x-ndjson",
  },
];
