// A typed client for the Cao Bằng CNNT catalogue API. The types (schema.d.ts) are generated from the served
// OpenAPI document by openapi-typescript (`npm run sdk:generate`); requests go through openapi-fetch, so every
// path, parameter and response body is checked by TypeScript. On top of it, what a retailer needs: every item of
// a collection across pages, a mirror of the catalogue through the change feed that resumes from the last cursor,
// and listing writes that never overwrite someone else's edit (If-Match, re-read and retry on 412).
import createFetchClient, { type Client } from "openapi-fetch";
import type { components, paths } from "./schema.js";

export {
  type VerifyOptions,
  verifyWebhook,
  type WebhookChange,
  type WebhookPayload,
  WebhookVerificationError,
} from "./webhooks.ts";
export type { components, paths };
export type Schemas = components["schemas"];
/** A retail channel's listing as the API returns it (with its `etag`). */
export type Listing = Schemas["ChannelListing"];
/** What a PUT of a listing sends: the whole listing. */
export type ListingInput = Schemas["ListingInput"];
/** One entry of the change feed. */
export type Change = Schemas["ChangeList"]["data"][number];
/** An RFC 9457 problem, as every error response carries. */
export type Problem = Schemas["Problem"];

/** The header that carries a D1 read-replication bookmark (read-your-writes across requests). */
const BOOKMARK_HEADER = "x-d1-bookmark";

/** A response that was not a success: its status and the problem document the API sent. */
export class ApiError extends Error {
  readonly status: number;
  readonly problem: Problem | undefined;
  constructor(status: number, problem: Problem | undefined) {
    super(`${status} ${problem?.title ?? "error"}${problem?.detail ? `: ${problem.detail}` : ""}`);
    this.name = "ApiError";
    this.status = status;
    this.problem = problem;
  }
}

export interface CatalogueClientOptions {
  /** The site's origin, e.g. `https://cnnt.example.vn` (the API is under /api/v1). */
  origin: string;
  /** A channel's API key (`cnnt_…`), needed only for writes and the channel's webhook endpoints. */
  apiKey?: string;
  /** How often to wait out a 429 (`Retry-After`) before giving up; default 5. */
  rateLimitRetries?: number;
  /** The longest `Retry-After` to wait, in seconds; longer ones are returned as the 429; default 60. */
  maxRetryAfter?: number;
  /** A fetch to use instead of the global one (tests, proxies). */
  fetch?: (request: Request) => Promise<Response>;
}

type Get<P extends keyof paths> = paths[P] extends { get: infer O } ? O : never;
type JsonOf<O> = O extends { responses: { 200: { content: { "application/json": infer B } } } } ? B : never;
type QueryOf<O> = O extends { parameters: { query?: infer Q } } ? NonNullable<Q> : never;

/** The paths of the API's collections: a GET that takes `cursor` and answers `{ data: [...], page }`. */
export type CollectionPath = {
  [P in keyof paths]: JsonOf<Get<P>> extends { data: unknown[]; page: { has_more: boolean } }
    ? QueryOf<Get<P>> extends { cursor?: string }
      ? P
      : never
    : never;
}[keyof paths];
/** One item of a collection. */
export type ItemOf<P extends CollectionPath> = P extends CollectionPath
  ? JsonOf<Get<P>> extends { data: (infer T)[] }
    ? T
    : never
  : never;
/** A collection's query parameters, without the cursor (the iterator follows it). */
export type CollectionQuery<P extends CollectionPath> = P extends CollectionPath
  ? Omit<QueryOf<Get<P>>, "cursor">
  : never;

export interface MirrorOptions {
  /** Where to resume: the cursor the last run saved (none: from the feed's beginning). */
  cursor?: string | null;
  /** Changes per page, 1–1000 (default 500). */
  limit?: number;
  /**
   * Each upsert carries its entity's current `record` (`expand=record`), read with the page: no GET per change.
   * A fresh mirror of the whole catalogue is then a few requests (one per `limit` entries).
   */
  expand?: boolean;
  /** The language of names and texts in the records (default `vi`). */
  lang?: "vi" | "en";
  /** Applies one page of changes, in feed order. Throwing stops the mirror before the cursor moves. */
  apply: (changes: Change[]) => void | Promise<void>;
  /** Stores the cursor after each applied page; pass it back as `cursor` next time. */
  save?: (cursor: string) => void | Promise<void>;
  /**
   * Empties the mirror when the feed answers 410 (the catalogue was restored from a backup after the cursor was
   * issued, or the server's cursor key was rotated since); the mirror then reads the feed again from the beginning.
   * Without it, the 410 is thrown.
   */
  reset?: () => void | Promise<void>;
}

/**
 * A typed client of the catalogue API.
 *
 * @example
 * const cnnt = createCatalogueClient({ origin: "https://cnnt.example.vn", apiKey: process.env.CNNT_API_KEY });
 * for await (const product of cnnt.paginate("/products", { tier: ["national"] })) console.log(product.name);
 */
export function createCatalogueClient(options: CatalogueClientOptions) {
  const baseFetch = options.fetch ?? ((request: Request) => fetch(request));
  const retries = options.rateLimitRetries ?? 5;
  const maxWait = options.maxRetryAfter ?? 60;
  let bookmark: string | undefined;

  // Every request: the key on writes and on the channel's own webhook reads (other reads stay anonymous, so
  // shared caches may keep them), the newest bookmark seen (so no read is older than a write already seen),
  // and 429s waited out as Retry-After says.
  const send = async (request: Request): Promise<Response> => {
    const keyed =
      request.method !== "GET" || /\/channels\/[^/]+\/webhooks(\/|$)/.test(new URL(request.url).pathname);
    if (options.apiKey && keyed) request.headers.set("authorization", `Bearer ${options.apiKey}`);
    if (bookmark) request.headers.set(BOOKMARK_HEADER, bookmark);
    for (let attempt = 0; ; attempt++) {
      const res = await baseFetch(attempt < retries ? request.clone() : request);
      const seen = res.headers.get(BOOKMARK_HEADER);
      if (seen) bookmark = seen;
      const wait = Number(res.headers.get("retry-after") ?? "1");
      if (res.status !== 429 || attempt >= retries || !(wait <= maxWait)) return res;
      await res.body?.cancel();
      await new Promise((r) => setTimeout(r, Math.max(wait, 0) * 1000));
    }
  };

  const api: Client<paths> = createFetchClient<paths>({
    baseUrl: new URL("/api/v1", options.origin).href,
    fetch: send,
  });

  /** The body of a successful response, or an {@link ApiError}. */
  const ok = <T>(r: { data?: T; error?: unknown; response: Response }): T => {
    if (r.response.ok && r.data !== undefined) return r.data;
    throw new ApiError(r.response.status, r.error as Problem | undefined);
  };

  return {
    /** The underlying openapi-fetch client: `api.GET("/products/{slug}", { params: { path: { slug } } })`. */
    api,
    /** The newest D1 bookmark seen (send it from another process to read what this one wrote). */
    get bookmark() {
      return bookmark;
    },

    /**
     * Every item of a collection, following `page.next_cursor` until `page.has_more` is false.
     *
     * @example for await (const p of cnnt.paginate("/producers", { limit: 100 })) names.push(p.name);
     */
    async *paginate<P extends CollectionPath>(
      path: P,
      query?: CollectionQuery<P>,
    ): AsyncGenerator<ItemOf<P>, void, undefined> {
      let cursor: string | undefined;
      for (;;) {
        // The path is one of the collections, so the body has `data` and `page`; TypeScript cannot follow a
        // generic path through openapi-fetch's overloads, hence the casts.
        const get = api.GET as unknown as (
          p: string,
          init: { params: { query: Record<string, unknown> } },
        ) => Promise<{ data?: unknown; error?: unknown; response: Response }>;
        const body = ok(
          await get(path, { params: { query: { ...query, ...(cursor ? { cursor } : {}) } } }),
        ) as {
          data: ItemOf<P>[];
          page: { has_more: boolean; next_cursor: string | null };
        };
        yield* body.data;
        if (!body.page.has_more || !body.page.next_cursor) return;
        cursor = body.page.next_cursor;
      }
    },

    /**
     * Brings a mirror up to date through the change feed: reads every change after `cursor`, page by page,
     * hands each page to `apply` in feed order and then `save`s the cursor that follows it. A crash between the
     * two re-reads that page next time (at least once), never skips one. After a restore of the catalogue or a
     * rotation of the server's cursor key (410) it calls `reset` and reads from the beginning. Returns the cursor to resume from.
     *
     * @example
     * const state = JSON.parse(readFileSync("mirror.json", "utf8"));
     * await cnnt.mirror({ cursor: state.cursor, apply: (changes) => applyToMyDb(changes),
     *   save: (cursor) => writeFileSync("mirror.json", JSON.stringify({ cursor })) });
     */
    async mirror(opts: MirrorOptions): Promise<{ cursor: string; read: number }> {
      let cursor = opts.cursor ?? undefined;
      let read = 0;
      for (;;) {
        const r = await api.GET("/changes", {
          params: {
            query: {
              limit: opts.limit ?? 500,
              ...(opts.expand ? { expand: "record" as const } : {}),
              ...(opts.lang ? { lang: opts.lang } : {}),
              ...(cursor ? { cursor } : {}),
            },
          },
        });
        if (r.response.status === 410 && cursor && opts.reset) {
          await opts.reset();
          cursor = undefined;
          continue;
        }
        const page = ok(r);
        if (page.data.length) await opts.apply(page.data);
        read += page.data.length;
        cursor = page.page.next_cursor;
        await opts.save?.(cursor);
        if (!page.page.has_more) return { cursor, read };
      }
    },

    /**
     * One listing, or null when the channel does not list the product. Any listing the channel has, illustrative
     * ones included (the seed's made-up examples a channel may overwrite): `provenance.record` tells which.
     */
    async getListing(channel: string, product: string): Promise<Listing | null> {
      const r = await api.GET("/channels/{channel}/listings/{product}", {
        params: { path: { channel, product }, query: { include: "illustrative" } },
      });
      if (r.response.status === 404) return null;
      return ok(r);
    },

    /**
     * Changes one listing without overwriting anyone else's edit: reads it, lets `change` compute the whole new
     * listing from the current one (null: not listed yet), writes it with `If-Match` (or `If-None-Match: *` to
     * create), and when someone else wrote in between (412) reads again and retries, up to `attempts` times.
     *
     * @example await cnnt.updateListing("aeon", "mien-dong-tan-viet-a", (l) => ({ ...l!, price_vnd: 72000 }))
     */
    async updateListing(
      channel: string,
      product: string,
      change: (current: Listing | null) => ListingInput | Promise<ListingInput>,
      { attempts = 3 }: { attempts?: number } = {},
    ): Promise<Listing> {
      for (let attempt = 1; ; attempt++) {
        const current = await this.getListing(channel, product);
        const next = await change(current);
        const body: ListingInput = {
          status: next.status,
          price_vnd: next.price_vnd,
          channel_sku: next.channel_sku,
          url: next.url,
          stores: next.stores,
          note: next.note,
        };
        const r = await api.PUT("/channels/{channel}/listings/{product}", {
          params: {
            path: { channel, product },
            header: current ? { "if-match": current.etag } : { "if-none-match": "*" },
          },
          body,
        });
        if (r.response.status === 412 && attempt < attempts) continue;
        return ok(r);
      }
    },
  };
}

/** What {@link createCatalogueClient} returns. */
export type CatalogueClient = ReturnType<typeof createCatalogueClient>;
