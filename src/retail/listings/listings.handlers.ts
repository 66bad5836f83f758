import type { AppRouteHandler } from "../../platform/http/create-app.ts";
import { illustrativeOnly, invalidFields, noSuch } from "../../platform/http/problem.ts";
import { credentialOf, verifyKey } from "../keys/auth.ts";
import { duplicateItems, noListing, preconditionFailed, unknownProduct } from "./listings.errors.ts";
import {
  bulkUpsertListings,
  deleteListing,
  getListing,
  parseIfMatch,
  putListing,
} from "./listings.queries.ts";
import type { BulkRoute, GetOneRoute, PutRoute, RemoveRoute } from "./listings.routes.ts";

export const getOne: AppRouteHandler<GetOneRoute> = async (c) => {
  const { channel, product } = c.req.valid("param");
  const include = c.req.valid("query").include === "illustrative";
  const listing = await getListing(c.get("d1"), channel, product, include);
  if (listing === "illustrative") throw illustrativeOnly("listing", `${channel}/${product}`);
  if (!listing) throw noListing(channel, product);
  c.header("etag", listing.etag);
  c.header("cache-control", "no-cache");
  return c.json(listing, 200);
};

export const put: AppRouteHandler<PutRoute> = async (c) => {
  const { product } = c.req.valid("param");
  const headers = c.req.valid("header");
  const outcome = await putListing(c.get("d1"), credentialOf(c), product, c.req.valid("json"), {
    ifMatch: parseIfMatch(headers["if-match"]),
    ifNoneMatch: headers["if-none-match"] === "*",
  });
  await verifyKey(c, outcome.key);
  if (outcome.kind === "no-product") throw noSuch("product", product);
  if (outcome.kind === "precondition-failed") throw preconditionFailed(outcome.current);
  c.header("etag", outcome.listing.etag);
  c.header("cache-control", "no-store");
  return outcome.created ? c.json(outcome.listing, 201) : c.json(outcome.listing, 200);
};

export const remove: AppRouteHandler<RemoveRoute> = async (c) => {
  const { channel, product } = c.req.valid("param");
  const outcome = await deleteListing(
    c.get("d1"),
    credentialOf(c),
    product,
    parseIfMatch(c.req.valid("header")["if-match"]),
  );
  await verifyKey(c, outcome.key);
  if (outcome.kind === "no-product") throw noSuch("product", product);
  if (outcome.kind === "no-listing") throw noListing(channel, product);
  if (outcome.kind === "precondition-failed") throw preconditionFailed(outcome.current);
  return c.body(null, 204);
};

export const bulk: AppRouteHandler<BulkRoute> = async (c) => {
  const { items } = c.req.valid("json");
  const duplicates = duplicateItems(items);
  if (duplicates.length) throw invalidFields(duplicates);
  const outcome = await bulkUpsertListings(c.get("d1"), credentialOf(c), items);
  const key = await verifyKey(c, outcome.key);
  if (outcome.kind === "unknown-products") {
    throw invalidFields(outcome.indexes.map((i) => unknownProduct(i, items[i]?.product ?? "")));
  }
  const { kind: _kind, key: _key, ...result } = outcome;
  c.header("cache-control", "no-store");
  return c.json({ channel: key.channelSlug, ...result }, 200);
};
