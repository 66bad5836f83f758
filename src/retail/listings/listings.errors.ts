import type { Context } from "hono";
import type { AppEnv } from "../../platform/env.ts";
import { type InvalidParam, invalidFields, Problem } from "../../platform/http/problem.ts";
import { issuesToParams, type ValidationResult, validationHook } from "../../platform/http/validation.ts";
import { type Listing, MAX_BULK_ITEMS } from "./listings.queries.ts";

/** Body failures are 422 naming each field; path, query and header failures are 400. */
export const writeHook = validationHook({ bodyStatus: 422 });

/** A bulk item naming a product that does not exist. */
export const unknownProduct = (i: number, product: string): InvalidParam => ({
  name: `items[${i}].product`,
  reason: `no product with slug '${product}'`,
});

/** Items naming a product an earlier item already names. */
export function duplicateItems(items: readonly { product?: unknown }[]): InvalidParam[] {
  const seen = new Map<unknown, number>();
  return items.flatMap((item, i) => {
    const first = seen.get(item.product);
    if (first === undefined) seen.set(item.product, i);
    return first === undefined || typeof item.product !== "string"
      ? []
      : [{ name: `items[${i}].product`, reason: `'${item.product}' is also items[${first}]` }];
  });
}

const itemIndex = (name: string) => Number(/^items\[(\d+)\]/.exec(name)?.[1] ?? -1);

/**
 * A failed bulk body names every invalid item at once: the field errors, and the items that repeat an earlier
 * item's product. It makes no D1 query (a body that fails validation costs the database nothing); products that do
 * not exist are named once the body is otherwise valid, by the write's own batch.
 */
function bulkProblem(result: ValidationResult): never {
  const params = issuesToParams(result.error?.issues ?? [], "json", true);
  const raw = (result.data as { items?: unknown })?.items;
  if (Array.isArray(raw) && raw.length <= MAX_BULK_ITEMS) {
    const items = raw.map((i) => (i && typeof i === "object" ? (i as { product?: unknown }) : {}));
    const named = new Set(params.map((p) => p.name));
    params.push(...duplicateItems(items).filter((d) => !named.has(d.name)));
  }
  params.sort((a, b) => itemIndex(a.name) - itemIndex(b.name));
  throw invalidFields(params);
}

/** The bulk route's hook: as {@link writeHook}, and an invalid body also names repeated products. */
export const bulkHook = (result: ValidationResult, _c: Context<AppEnv>): undefined =>
  result.success || !result.error || result.target !== "json" ? writeHook(result) : bulkProblem(result);

/** 412: the If-Match / If-None-Match condition failed; the current ETag in the body and the header. */
export const preconditionFailed = (current: Listing | null) =>
  new Problem(
    412,
    {
      type: "precondition-failed",
      detail: current
        ? `The listing changed: its current ETag is ${current.etag}. Read it again, then retry with that ETag.`
        : "There is no such listing to match If-Match against.",
      current_etag: current?.etag ?? null,
    },
    current ? { etag: current.etag } : {},
  );

/** 404: the channel does not list the product. */
export const noListing = (channel: string, product: string) =>
  new Problem(404, { type: "not-found", detail: `Channel '${channel}' has no listing of '${product}'` });
